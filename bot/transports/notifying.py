"""What every messaging surface's notifier does the same way, once.

A notifier of the registry (Slack, Teams, e-mail) reads what a claimed batch of notices needs at
once (``prepare``, or the surface chooser's ``use_batch``: recipients.py), finds where each
notice goes (``destination``: a permanent ``DeliveryError`` when the reader cannot be reached
there), and then either sends it (``send``) or, for a channel-message update
(``NoticeKind.APPROVAL_CHANNEL_UPDATE``: a decision made anywhere), rewrites the request's
message in the steering group's channel, if it was posted, so that it shows the decision. Each
post starts only if it can end inside the claim's lease (``last_moment``). A surface writes only
what differs: how it addresses, renders and posts."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Sequence
from typing import Generic, TypeVar

from bot.chat.caller import Caller
from bot.chat.reminders import reminder_reply
from bot.chat.replies import Reply
from bot.services import Services
from bot.transports.recipients import Batch, channel_post_of
from scheduler.notifier import Delivery, Notice, check_lease
from scheduler.outbox.kinds import NoticeKind

Where = TypeVar("Where")


class BatchNotifier(ABC, Generic[Where]):
    """A ``Notifier`` (scheduler/notifier.py) reading each batch once; ``Where`` is what its
    ``destination`` finds (a channel and a language, a conversation and its route...)."""

    name: str
    # The least time between two messages to one recipient.
    min_interval: float
    # Whether a sent message can be rewritten: an approval's channel message then shows the
    # decision. A sent e-mail cannot change (its requester gets the decision as a notice).
    rewrites_messages: bool = True

    def __init__(self, services: Services) -> None:
        self.services = services
        self._batch = Batch()  # what the claimed batch being sent needs, read at once

    def prepare(self, notices: Sequence[Notice]) -> None:
        """Read the batch once; the previous batch's reads stay at hand while its messages
        still go out (``Batch.following``)."""
        self.use_batch(Batch.load(self.services, notices).following(self._batch))

    def use_batch(self, batch: Batch) -> None:
        self._batch = batch

    def deliver(self, notice: Notice) -> Delivery:
        if notice.kind == NoticeKind.APPROVAL_CHANNEL_UPDATE and not self.rewrites_messages:
            return Delivery(external_id=None)
        where = self.destination(notice)
        if notice.kind == NoticeKind.APPROVAL_CHANNEL_UPDATE:
            return self.update_channel_message(notice, where)
        return self.send(notice, where)

    def update_channel_message(self, notice: Notice, where: Where) -> Delivery:
        """The request's channel message, rewritten to show its decision (and its comment).
        Not posted yet: nothing to do, the post will show the request as it then stands."""
        found = channel_post_of(self.services, notice)
        if found is not None:
            request_id, posted = found
            self.rewrite(notice, where, request_id, posted)
        # No message of its own: nothing for ``remove`` to take back (the channel's post stays,
        # and rewriting it twice, should another process take this row over, shows the same).
        return Delivery(external_id=None)

    def reply(self, notice: Notice, caller: Caller) -> Reply:
        """What the notice says, from what the batch read."""
        return reminder_reply(self.services, notice, caller, self._batch.view(notice))

    def last_moment(self, notice: Notice) -> None:
        """Right before posting: ``LeaseExpiring`` unless the call ends inside the lease."""
        check_lease(notice, self.call_timeout())

    def remove(self, notice: Notice, delivery: Delivery) -> bool:
        """A surface that can take a message back says how; by default it cannot."""
        return False

    @abstractmethod
    def destination(self, notice: Notice) -> Where:
        """Where ``notice`` goes; a permanent ``DeliveryError`` when its reader is not
        reachable on this surface."""

    @abstractmethod
    def send(self, notice: Notice, where: Where) -> Delivery:
        """Post ``notice``, calling ``last_moment`` right before."""

    @abstractmethod
    def call_timeout(self) -> float:
        """The longest one call to the service may take, in seconds."""

    def rewrite(self, notice: Notice, where: Where, request_id: int, posted: str) -> None:
        """Rewrite the message ``posted`` (the surface's id of it) of request ``request_id``;
        only a surface whose ``rewrites_messages`` is True is asked."""
        raise NotImplementedError(f"{self.name} does not rewrite its messages")
