"""One commplan on Slack, Teams and e-mail at once: each notice goes out once, on one surface.

A person linked on several gets each reminder on their preferred surface (`commplan people
prefer`), else on one they are linked to: Slack, then Teams, then e-mail (anyone with an
address and no chat link gets e-mail). A steering group's notices go to its Slack channel, else
its Teams channel, else by e-mail to its members. Someone reachable on none falls to the first
transport, which records the permanent failure and tells the owner.
"""

from __future__ import annotations

from collections.abc import Mapping

from bot.services import Services
from bot.transports.recipients import recipient_of
from scheduler.notifier import Delivery, Notice, Notifier
from storage.models import Surface

ORDER = (Surface.SLACK, Surface.TEAMS, Surface.EMAIL)


class SurfaceNotifier:
    name = "surfaces"

    def __init__(self, services: Services, notifiers: Mapping[Surface, Notifier]) -> None:
        if not notifiers:
            raise ValueError("at least one transport")
        self.services = services
        self.notifiers = {surface: notifiers[surface] for surface in ORDER if surface in notifiers}
        self.min_interval = max(notifier.min_interval for notifier in self.notifiers.values())

    def deliver(self, notice: Notice) -> Delivery:
        return self.notifiers[self.surface_of(notice)].deliver(notice)

    def remove(self, notice: Notice, delivery: Delivery) -> bool:
        return self.notifiers[self.surface_of(notice)].remove(notice, delivery)

    def surface_of(self, notice: Notice) -> Surface:
        recipient = recipient_of(self.services, notice)
        linked = {
            Surface.SLACK: bool(recipient.slack_id),
            Surface.TEAMS: bool(recipient.teams_conversation),
            # A group by e-mail is its members with an address (bot/transports/email/notifier.py).
            Surface.EMAIL: bool(recipient.email) or recipient.is_group,
        }
        reachable = [surface for surface in self.notifiers if linked[surface]]
        for surface in reachable:
            if surface.value == recipient.preferred_surface:
                return surface
        return reachable[0] if reachable else next(iter(self.notifiers))
