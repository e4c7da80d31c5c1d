"""The e-mail Notifier: each notice as a message to the person's address, at least once.

A notice to a person goes to their address, in their language, with each button a signed link
(links.py) and a reminder's deadline attached as .ics. A notice to a steering group (an
escalation, a digest, the request in the group's channel when that surface is not served here)
goes to each member and the chair who has an address, each with links of their own.

Mail cannot be taken back or looked up: ``remove`` is False, and a notice sent again after a
crash between sending and marking is sent again, with the same Message-ID (made from the outbox
key), which mail clients show once. An approval's channel message rewritten after a decision
has no e-mail counterpart (a sent message cannot change); the requester gets the decision as
a notice of its own.

What a claimed batch of messages needs (recipients, activities, group members, the .ics's
stamps) is read once for the batch (``prepare``, or the surface chooser's ``use_batch``:
batch.py); each message is then rendered and sent without reading the database, except what a
notice's own kind reads (an approval request, a digest).
"""

from __future__ import annotations

import logging
from email.utils import parseaddr

from bot.chat.caller import Caller
from bot.chat.reminders import reminder_reply
from bot.chat.replies import Button, Reply
from bot.services import Services
from bot.services.actor import Actor
from bot.texts import t
from bot.transports.email.batch import Addressee, MailBatch
from bot.transports.email.deadline import FILENAME, deadline_calendar
from bot.transports.email.headers import UnsafeHeader
from bot.transports.email.links import ActionLinks
from bot.transports.email.message import Calendar, build_message
from bot.transports.email.smtp import SmtpSender
from bot.transports.notifying import BatchNotifier
from bot.transports.recipients import Batch
from config.languages import Language
from scheduler.notifier import Delivery, DeliveryError, Notice
from scheduler.outbox.kinds import NoticeKind
from storage.models import Origin

log = logging.getLogger(__name__)

# The notices about an activity's deadline: these carry it as a calendar file.
DEADLINE_KINDS = frozenset(
    {
        NoticeKind.REMINDER,
        NoticeKind.STARTS_SOON,
        NoticeKind.OVERDUE,
        NoticeKind.ESCALATION,
        NoticeKind.ASAP,
        NoticeKind.SNOOZED,
    }
)


# Where an e-mail goes: the batch read for it (one for the whole notice, whatever a prepare
# does meanwhile) and its addressees, each with their address and language.
MailWhere = tuple[MailBatch, list[Addressee]]


class EmailNotifier(BatchNotifier[MailWhere]):
    name = "email"
    min_interval = 0.0  # one message per notice per person: no per-recipient pacing needed
    rewrites_messages = False  # a sent e-mail cannot change

    def __init__(self, services: Services, sender: SmtpSender, links: ActionLinks) -> None:
        super().__init__(services)
        settings = services.context.settings
        if not settings.mail_from:
            raise ValueError("COMMPLAN_MAIL_FROM is not set")
        self.sender = sender
        self.links = links
        self.mail_from = settings.mail_from
        self.envelope_from = parseaddr(settings.mail_from)[1]
        self._mail = MailBatch()  # the batch, and what e-mail reads besides, at once

    def use_batch(self, batch: Batch) -> None:
        # The previous batch's reads stay at hand: its messages may still be going out (the
        # outbox reads the next batch meanwhile). Should e-mail's own reads fail, the batch's
        # still serve.
        super().use_batch(batch)
        previous = self._mail
        self._mail = MailBatch(batch).following(previous)
        self._mail = MailBatch.of(self.services, batch).following(previous)

    def call_timeout(self) -> float:
        return self.sender.timeout

    def destination(self, notice: Notice) -> MailWhere:
        mail = self._mail
        return mail, mail.addressees(self.services, notice)

    def send(self, notice: Notice, where: MailWhere) -> Delivery:
        mail, addressees = where
        if notice.person_id is not None:
            (one,) = addressees
            return Delivery(external_id=self._send(notice, one, notice.key, mail))
        sent: list[str] = []
        refused: list[str] = []
        for one in addressees:
            try:
                sent.append(self._send(notice, one, f"{notice.key}:{one.person_id}", mail))
            except DeliveryError as err:
                if not err.permanent:
                    raise  # tried again later: those sent already go again, same Message-ID
                log.warning("email: %s to person %s refused: %s", notice.key, one.person_id, err)
                refused.append(str(err))
        if not sent:
            reason = refused[0] if refused else "no member of the group has an e-mail address"
            raise DeliveryError(reason, permanent=True)
        return Delivery(external_id=sent[0])

    def _send(self, notice: Notice, to: Addressee, key: str, mail: MailBatch) -> str:
        actor = Actor(Origin.EMAIL, to.person_id, to.name, surface_user=to.address)
        caller = Caller(actor, to.language)
        reply = reminder_reply(self.services, notice, caller, mail.batch.view(notice))

        def link_of(button: Button) -> str:
            return self.links.url(button, to.person_id, to.language)

        try:
            message = build_message(
                reply,
                language=to.language,
                sender=self.mail_from,
                recipient=(to.name, to.address),
                key=key,
                link_of=link_of,
                footer=t("email.footer", to.language, hours=self.links.hours),
                attachment=self._calendar(notice, reply, to.language, mail),
            )
        except UnsafeHeader as err:
            # Sending it again would not help: said in the outbox row, never sent half-safe.
            raise DeliveryError(f"email: {err}", permanent=True) from None
        self.last_moment(notice)
        self.sender.send(message, self.envelope_from, to.address)
        return str(message["Message-ID"])

    def _calendar(
        self, notice: Notice, reply: Reply, language: Language, mail: MailBatch
    ) -> Calendar | None:
        if notice.kind not in DEADLINE_KINDS or not reply.sections:
            return None
        view = reply.sections[0].items[0].activity
        if view.next_due is None:
            return None
        stamps = mail.stamps_for(self.services, view.id)
        if stamps is None:
            return None  # the activity is gone
        return Calendar(FILENAME, deadline_calendar(view, view.next_due, language, stamps))
