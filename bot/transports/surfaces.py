"""One commplan on Slack and Teams at once: each notice goes out once, on one surface.

A person linked on both gets each reminder on their preferred surface (`commplan people
prefer`), else on the one they are linked to, Slack first when both and no preference. A
steering group's notices go to its Slack channel, else its Teams channel. Someone linked on
neither falls to the first transport, which records the permanent failure and tells the owner.
"""

from __future__ import annotations

from collections.abc import Mapping

from bot.services import Services
from scheduler.notifier import Delivery, Notice, Notifier
from storage.models import SteeringGroup, Surface
from storage.repositories import people

ORDER = (Surface.SLACK, Surface.TEAMS)


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

    def surface_of(self, notice: Notice) -> Surface:
        with self.services.context.sessions() as session:
            if notice.person_id is None:
                group_id = notice.payload.get("steering_group_id")
                group = session.get(SteeringGroup, group_id) if isinstance(group_id, int) else None
                linked = {
                    Surface.SLACK: bool(group and group.slack_channel_id),
                    Surface.TEAMS: bool(group and group.teams_conversation_id),
                }
                preferred = None
            else:
                person = people.by_id(session, notice.person_id)
                linked = {
                    Surface.SLACK: bool(person and person.slack_user_id),
                    Surface.TEAMS: bool(person and person.teams_conversation_id),
                }
                preferred = person.preferred_surface if person else None
        reachable = [surface for surface in self.notifiers if linked[surface]]
        for surface in reachable:
            if surface.value == preferred:
                return surface
        return reachable[0] if reachable else next(iter(self.notifiers))
