"""The Teams Notifier: a reminder as a card in the person's personal chat with the app.

Teams lets a bot write first only into a conversation it already has: the personal chat made
when the person installed the app or first wrote to it (kept on the person), or the channel a
steering group connected. Someone who never did either is a permanent failure; the plan owner is
told, as for Slack.

Unlike Slack, the Bot Connector has no history a bot can read back, so a notice retried after a
lost answer (``attempt > 1``) cannot be looked up first: on Teams a reminder is delivered at
least once, and twice only when Teams' answer to the first send was lost (docs/teams.md).
As on Slack, a post starts only if it can end inside the claim's lease, and a copy posted
after a takeover anyway is deleted (``remove``).
"""

from __future__ import annotations

from typing import Any

from bot.chat.caller import Caller
from bot.services import Services
from bot.services.actor import Actor
from bot.texts import t
from bot.transports.msteams.approval_card import channel_card
from bot.transports.msteams.cards import reply_card, with_image
from bot.transports.msteams.sender import MsTeamsSender, card_activity
from bot.transports.msteams.settings import require_msteams_ready
from bot.transports.notifying import BatchNotifier
from bot.web.plan_page import picture_url
from config.languages import Language
from scheduler.notifier import Delivery, DeliveryError, Notice
from scheduler.outbox.kinds import NoticeKind
from storage.models import Origin, Surface


def build(services: Services, timeout: float) -> MsTeamsNotifier:
    """The registry's factory (bot/registry.py): the Teams notifier from the settings."""
    from bot.transports.msteams.sdk import msteams_app  # noqa: PLC0415 (the SDK is slow to load)

    require_msteams_ready(services.context.settings)
    sender = MsTeamsSender(msteams_app(services.context.settings), timeout=timeout)
    return MsTeamsNotifier(services, sender)


# Where a Teams message goes: the conversation, its Bot Connector route, the reader's language.
TeamsWhere = tuple[str, str, Language]


class MsTeamsNotifier(BatchNotifier[TeamsWhere]):
    name = Surface.MSTEAMS.value
    # The Bot Connector allows a few messages a second per conversation; one a second keeps
    # a burst to one person well inside it.
    min_interval = 1.0

    def __init__(self, services: Services, sender: MsTeamsSender) -> None:
        super().__init__(services)
        self.sender = sender

    def call_timeout(self) -> float:
        return self.sender.timeout

    def send(self, notice: Notice, where: TeamsWhere) -> Delivery:
        conversation, service_url, language = where
        caller = Caller(Actor(Origin.MSTEAMS, notice.person_id, ""), language)
        reply = self.reply(notice, caller)
        content = reply_card(reply, language)
        if notice.kind == NoticeKind.DIGEST and notice.plan_id is not None:
            content = self._with_picture(content, notice.plan_id, language)
        activity = card_activity(content, reply.text)
        self.last_moment(notice)
        sent = self.sender.send(conversation, service_url, activity)
        return Delivery(external_id=f"{conversation}:{sent}")

    def rewrite(self, notice: Notice, where: TeamsWhere, request_id: int, posted: str) -> None:
        _, service_url, language = where
        # "conversation:message": a channel's id holds colons, the message's does not.
        conversation, _, message = posted.rpartition(":")
        content = channel_card(self.services, request_id, language)
        activity = card_activity(content, self.services.approvals.get(request_id).activity_title)
        activity.id = message  # an activity with an id rewrites that message (a PUT)
        self.sender.send(conversation, service_url, activity)

    def remove(self, notice: Notice, delivery: Delivery) -> bool:
        try:
            conversation, service_url, _ = self.destination(notice)
        except DeliveryError:
            return False
        prefix = f"{conversation}:"
        external = delivery.external_id or ""
        if not external.startswith(prefix):
            return False
        return self.sender.delete(conversation, service_url, external.removeprefix(prefix))

    def _with_picture(
        self, content: dict[str, Any], plan_id: int, language: Language
    ) -> dict[str, Any]:
        """The digest shows the plan's next 8 weeks; a card holds an image only by URL, so the
        picture is a signed, expiring link to it (the page's own token is never kept), and
        only with a public address to fetch it at."""
        context = self.services.context
        if not context.settings.public_url:
            return content
        plan = self.services.plans.get(f"#{plan_id}")
        alt = t("page.picture_title", language, plan=plan.name)
        return with_image(content, picture_url(context, plan_id), alt)

    def destination(self, notice: Notice) -> TeamsWhere:
        recipient = self._batch.recipient(self.services, notice)
        reach = recipient.on(Surface.MSTEAMS)
        if reach is None:
            if recipient.is_group:
                raise DeliveryError("the steering group has no Teams channel", permanent=True)
            raise DeliveryError(
                "the person has not installed the commplan app in Teams", permanent=True
            )
        url = reach.route or self.services.context.settings.msteams_service_url
        return reach.target, url, recipient.language
