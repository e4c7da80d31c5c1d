"""One commplan on several surfaces at once: each notice goes out once, on one surface.

A person reachable on more than one gets each notice on their preferred surface (`commplan
people prefer`), else on the first they are reachable on in the registry's order
(bot/registry.py: Slack, then Teams, then e-mail, so anyone with an address and no chat link
gets e-mail). A steering group's notices go to its first channel in that order, else by e-mail
to its members. Someone reachable on none falls to the first transport, which records the
permanent failure and tells the owner.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from bot.registry import SURFACES
from bot.transports.recipients import Batch, BatchUser
from scheduler.notifier import Delivery, Notice, Notifier, Preparing
from storage.models import Surface

if TYPE_CHECKING:
    from bot.services import Services


class SurfaceNotifier:
    name = "surfaces"

    def __init__(self, services: Services, notifiers: Mapping[Surface, Notifier]) -> None:
        if not notifiers:
            raise ValueError("at least one transport")
        self.services = services
        order = [spec.surface for spec in SURFACES]
        self.notifiers = {surface: notifiers[surface] for surface in order if surface in notifiers}
        self.min_interval = max(notifier.min_interval for notifier in self.notifiers.values())
        self._batch = Batch()

    def prepare(self, notices: Sequence[Notice]) -> None:
        """Read the batch once for the choice and for every transport (each reading its own
        would read it once more per transport); the previous batch's reads stay at hand while
        its messages still go out (``Batch.following``)."""
        self.use_batch(Batch.load(self.services, notices).following(self._batch))
        for notifier in self.notifiers.values():
            if not isinstance(notifier, BatchUser) and isinstance(notifier, Preparing):
                notifier.prepare(notices)

    def use_batch(self, batch: Batch) -> None:
        self._batch = batch
        for notifier in self.notifiers.values():
            if isinstance(notifier, BatchUser):
                notifier.use_batch(batch)

    def deliver(self, notice: Notice) -> Delivery:
        return self.notifiers[self.surface_of(notice)].deliver(notice)

    def remove(self, notice: Notice, delivery: Delivery) -> bool:
        return self.notifiers[self.surface_of(notice)].remove(notice, delivery)

    def surface_of(self, notice: Notice) -> Surface:
        recipient = self._batch.recipient(self.services, notice)
        reachable = [surface for surface in self.notifiers if recipient.on(surface)]
        for surface in reachable:
            if surface.value == recipient.preferred_surface:
                return surface
        return reachable[0] if reachable else next(iter(self.notifiers))
