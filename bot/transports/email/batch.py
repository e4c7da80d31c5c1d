"""What e-mail needs to write a claimed batch of notices, read once for all of them.

The batch's recipients and activities are the ones every transport reads (``Batch``,
bot/transports/recipients.py). E-mail needs two things more: the people a steering group's
notice is written to one by one (its members and chair with an address: ``seats``), and the
activity's row stamps its deadline's .ics carries (``stamps``). Both are read in one session,
one query each, for the whole batch; a notice the batch does not hold reads its own.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass, field, replace

from sqlalchemy.orm import Session

from bot.services import Services
from bot.transports.email.deadline import Stamps, stamps_of
from bot.transports.recipients import Batch, who_of
from config.languages import Language, as_language
from scheduler.notifier import DeliveryError, Notice
from storage.repositories import steering


@dataclass(frozen=True, slots=True)
class Addressee:
    person_id: int
    name: str
    address: str
    language: Language


@dataclass(frozen=True, slots=True)
class MemberAddress:
    """A member or the chair of a steering group who can be written to (active, an address)."""

    person_id: int
    name: str
    address: str
    locale: str | None


@dataclass(frozen=True, slots=True)
class MailBatch:
    batch: Batch = field(default_factory=Batch)
    seats: Mapping[int, tuple[MemberAddress, ...]] = field(default_factory=dict)  # by group id
    stamps: Mapping[int, Stamps] = field(default_factory=dict)  # by activity id
    # The batch before, whose messages may still be going out (as ``Batch.earlier``).
    earlier: MailBatch | None = None

    def following(self, previous: MailBatch) -> MailBatch:
        """This batch, with ``previous`` (not what that one kept of its own predecessor)."""
        return replace(self, earlier=replace(previous, earlier=None))

    @classmethod
    def of(cls, services: Services, batch: Batch) -> MailBatch:
        groups = {
            group
            for (_, _, group), recipient in batch.recipients.items()
            if group is not None and recipient.found
        }
        if not groups and not batch.views:
            return cls(batch)
        with services.context.sessions() as session:
            return cls(batch, seats_of(session, groups), stamps_of(session, batch.views))

    def addressees(self, services: Services, notice: Notice) -> list[Addressee]:
        """Who gets ``notice`` by e-mail: the person, or a group's members and chair with an
        address; ``DeliveryError`` (permanent) when the person has none or is gone."""
        recipient = self.batch.recipient(services, notice)
        if notice.person_id is not None:
            if not (recipient.found and recipient.email and recipient.active):
                raise DeliveryError("the person has no e-mail address", permanent=True)
            return [
                Addressee(notice.person_id, recipient.name, recipient.email, recipient.language)
            ]
        _, _, group = who_of(notice)
        if group is None or not recipient.found:
            raise DeliveryError("the steering group does not exist", permanent=True)
        seats = self.seats.get(group)
        if seats is None and self.earlier is not None:
            seats = self.earlier.seats.get(group)
        if seats is None:
            with services.context.sessions() as session:
                seats = seats_of(session, {group}).get(group, ())
        return [
            Addressee(
                seat.person_id,
                seat.name,
                seat.address,
                as_language(seat.locale, recipient.language),
            )
            for seat in seats
        ]

    def stamps_for(self, services: Services, activity_id: int) -> Stamps | None:
        """The activity's stamps; None when it is gone."""
        found = self.stamps.get(activity_id)
        if found is None and self.earlier is not None:
            found = self.earlier.stamps.get(activity_id)
        if found is None:
            with services.context.sessions() as session:
                found = stamps_of(session, {activity_id}).get(activity_id)
        return found


def seats_of(session: Session, groups: Collection[int]) -> dict[int, tuple[MemberAddress, ...]]:
    """The groups' members and chairs who can be written to, by group, each group asked for
    (one query)."""
    seated = steering.seated_of_many(session, groups)
    return {
        group: tuple(
            MemberAddress(person.id, person.name, person.email, person.locale)
            for person in seated.get(group, ())
            if person.email and person.active
        )
        for group in groups
    }
