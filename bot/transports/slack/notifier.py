"""The Slack Notifier: a reminder as a direct message, sent once even across a crash.

Each message carries its outbox key in Slack's message metadata. A notice tried before
(``attempt > 1``: the process died, or Slack's answer was lost, between sending and marking)
first looks in the DM's recent history for a message with that key and, if it is there,
reports it delivered instead of sending it again. So a reminder is delivered at most once per
key, unless the history lookup itself fails, and then at least once (docs/reminders.md).

That look-up is the only retry of a post: slack_sdk's retry handlers (by default one that
re-sends a request whose connection broke) are switched off on the client, since re-sending a
chat.postMessage whose answer was lost posts it twice. The post starts only if it can end,
at the client's timeout, inside the claim's lease (``check_lease``), and a copy posted after a
takeover anyway is taken back with chat.delete (``remove``).
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
from collections.abc import Mapping
from dataclasses import replace
from typing import Any
from urllib.error import URLError

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.chat.caller import Caller
from bot.chat.reminders import reminder_reply
from bot.services import Services
from bot.services.actor import Actor
from bot.transports.notifying import BatchNotifier
from bot.transports.recipients import Batch
from bot.transports.slack.blocks import render_blocks
from bot.transports.slack.pooled import PooledWebClient
from bot.transports.slack.views import channel_request_blocks
from config import Settings
from config.languages import Language
from scheduler.notifier import Delivery, DeliveryError, Notice, retry_after_seconds
from scheduler.outbox.kinds import NoticeKind
from storage.models import Origin, Surface

log = logging.getLogger(__name__)

METADATA_TYPE = "commplan_notice"
# Slack errors that no retry will cure: the row fails and the plan owner is told.
PERMANENT = frozenset(
    {
        "user_not_found",
        "users_not_found",
        "user_disabled",
        "account_inactive",
        "invalid_auth",
        "not_authed",
        "token_revoked",
        "channel_not_found",
        "is_archived",
        "cannot_dm_bot",
        "not_in_channel",
        "missing_scope",
        "invalid_blocks",
        "msg_too_long",
    }
)
HISTORY_LOOKBACK = dt.timedelta(days=2)


def slack_client(settings: Settings, timeout: float = 15.0) -> WebClient:
    token = settings.slack_bot_token.get_secret_value() if settings.slack_bot_token else None
    return PooledWebClient(
        token=token, base_url=settings.slack_api_url, timeout=max(1, round(timeout))
    )


def build(services: Services, timeout: float) -> SlackNotifier:
    """The registry's factory (bot/registry.py): the Slack notifier from the settings."""
    return SlackNotifier(services, slack_client(services.context.settings, timeout))


# Where a Slack message goes: the channel, the reader's language, and the Slack user when it is
# a direct message.
SlackWhere = tuple[str, Language, str | None]


class SlackNotifier(BatchNotifier[SlackWhere]):
    name = "slack"
    min_interval = 1.0  # Slack allows about one message per second per channel

    def __init__(self, services: Services, client: WebClient) -> None:
        super().__init__(services)
        # The notifier owns its client: no library-level re-send of a post (see above). Its
        # reads (conversations.open, .history) are retried by the outbox like everything else.
        client.retry_handlers = []
        self.client = client
        self._channels: dict[str, str] = {}  # user id -> DM channel id
        # Direct-message channels opened since the last batch, kept with the next one (one
        # statement, in the thread that reads batches, not in the sending threads).
        self._opened: dict[str, str] = {}
        self._opened_lock = threading.Lock()

    def use_batch(self, batch: Batch) -> None:
        super().use_batch(batch)
        with self._opened_lock:
            opened, self._opened = self._opened, {}
        try:
            self._remember(opened)
        except Exception:
            # Only a saving: a channel not kept is opened again the next time.
            log.exception("slack: keeping %d direct-message channels failed", len(opened))

    def call_timeout(self) -> float:
        return float(self.client.timeout)

    def send(self, notice: Notice, where: SlackWhere) -> Delivery:
        channel, language, user = where
        if notice.attempt > 1:
            found = self._already_sent(channel, notice)
            if found is not None:
                log.info(
                    "slack: %s was already delivered (%s); not sending again", notice.key, found
                )
                return Delivery(external_id=f"{channel}:{found}")
        caller = Caller(Actor(Origin.SLACK, notice.person_id, ""), language)
        text, blocks = render_blocks(self.reply(notice, caller), language)
        self.last_moment(notice)
        try:
            response = self._call(
                "chat_postMessage",
                channel=channel,
                text=text,
                blocks=blocks,
                unfurl_links=False,
                metadata={"event_type": METADATA_TYPE, "event_payload": {"key": notice.key}},
            )
        except DeliveryError as err:
            if user is None or err.code != "channel_not_found":
                raise
            self._forget_channel(user)
            raise DeliveryError(f"{err} (a kept direct-message channel; opened anew)") from None
        if notice.kind == NoticeKind.DIGEST and notice.plan_id is not None:
            self._picture(notice.plan_id, str(response.get("channel", channel)), response)
        return Delivery(external_id=f"{response.get('channel', channel)}:{response.get('ts')}")

    def _forget_channel(self, user: str) -> None:
        """The direct-message channel kept from before is gone: forget it, and the retry
        opens a new one (the person may well be there)."""
        self._channels.pop(user, None)
        with self._opened_lock:
            self._opened.pop(user, None)
        self._remember({user: None})

    def rewrite(self, notice: Notice, where: SlackWhere, request_id: int, posted: str) -> None:
        channel, _, ts = posted.partition(":")
        language = where[1]
        caller = Caller(Actor(Origin.SLACK), language)
        base = reminder_reply(
            self.services, replace(notice, kind=NoticeKind.APPROVAL_CHANNEL), caller
        )
        text, blocks = render_blocks(base, language)
        request = self.services.approvals.get(request_id)
        blocks = channel_request_blocks(blocks, request, language)
        self._call("chat_update", channel=channel, ts=ts, text=text, blocks=blocks)

    def remove(self, notice: Notice, delivery: Delivery) -> bool:
        channel, _, ts = (delivery.external_id or "").partition(":")
        if not channel or not ts:
            return False
        try:
            self._call("chat_delete", channel=channel, ts=ts)
        except DeliveryError as err:
            log.warning("slack: %s's second copy %s was not deleted: %s", notice.key, ts, err)
            return False
        return True

    def _picture(self, plan_id: int, channel: str, posted: Any) -> None:
        """The plan's next 8 weeks as a picture, in the digest's thread. Best effort: the digest
        is delivered (and marked) whether or not the picture goes up."""
        try:
            picture = self.services.pages.picture(f"#{plan_id}", Actor.system(Origin.SLACK))
            self.client.files_upload_v2(
                channel=channel,
                content=picture,
                filename="commplan-timeline.png",
                title="commplan",
                thread_ts=str(posted.get("ts")),
            )
        except (SlackApiError, OSError, ValueError) as err:
            log.warning("slack: the digest's picture for plan %s did not go up: %s", plan_id, err)

    def destination(self, notice: Notice) -> SlackWhere:
        """Where the notice goes, in which language, and the Slack user when it is a direct
        message. A person's direct-message channel is opened once and kept with their
        address (``chat_addresses.conversation``), so a burst after a restart does not open
        a channel per person again (conversations.open is rate limited)."""
        recipient = self._batch.recipient(self.services, notice)
        reach = recipient.on(Surface.SLACK)
        if recipient.is_group:
            if reach is None:
                raise DeliveryError("the steering group has no Slack channel", permanent=True)
            return reach.target, recipient.language, None
        if reach is None:
            raise DeliveryError("the person is not linked to a Slack user", permanent=True)
        user = reach.target
        channel = self._channels.get(user) or reach.conversation
        if channel is None:
            channel = str(self._call("conversations_open", users=user)["channel"]["id"])
            with self._opened_lock:
                self._opened[user] = channel
        self._channels[user] = channel
        return channel, recipient.language, user

    def _remember(self, channels: Mapping[str, str | None]) -> None:
        self.services.people.remember_conversations(Surface.SLACK, channels)

    def _already_sent(self, channel: str, notice: Notice) -> str | None:
        oldest = (notice.due_at - HISTORY_LOOKBACK).timestamp()
        cursor: str | None = None
        for _ in range(10):  # at most 10 pages of 200: a DM with a bot is quiet
            response = self._call(
                "conversations_history",
                channel=channel,
                oldest=f"{oldest:.6f}",
                limit=200,
                include_all_metadata=True,
                cursor=cursor,
            )
            for message in response.get("messages", []):
                metadata = message.get("metadata") or {}
                payload = metadata.get("event_payload") or {}
                if metadata.get("event_type") == METADATA_TYPE and payload.get("key") == notice.key:
                    return str(message.get("ts"))
            cursor = (response.get("response_metadata") or {}).get("next_cursor") or None
            if not cursor:
                return None
        return None

    def _call(self, method: str, **arguments: Any) -> Any:
        try:
            return getattr(self.client, method)(**arguments)
        except SlackApiError as err:
            response = err.response
            code = str(response.get("error", "")) if response is not None else ""
            status = response.status_code if response is not None else 0
            if status == 429 or code == "ratelimited":
                retry = response.headers.get("Retry-After", "1") if response is not None else "1"
                raise DeliveryError(
                    f"slack {method}: rate limited",
                    retry_after=retry_after_seconds(retry),
                    rate_limited=True,
                ) from None
            permanent = code in PERMANENT
            raise DeliveryError(
                f"slack {method}: {code or status}",
                permanent=permanent,
                code=code or None,
                outage=status >= 500,  # about Slack, whoever the recipient
            ) from None
        except (URLError, TimeoutError, OSError) as err:
            raise DeliveryError(f"slack {method}: {err}", outage=True) from None
        except ValueError as err:
            raise DeliveryError(f"slack {method}: {err}") from None
