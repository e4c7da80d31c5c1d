"""The service layer every surface calls: CLI, console, Slack, Teams and the web app."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Generic, TypeVar

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from bot.services.activities import ActivityService
    from bot.services.approvals.lifecycle import ApprovalService
    from bot.services.audiences import AudienceService
    from bot.services.calendar import CalendarService
    from bot.services.context import Context
    from bot.services.deviations import DeviationService
    from bot.services.digests import DigestService
    from bot.services.exports import ExportService
    from bot.services.failures import FailureService
    from bot.services.feeds import FeedService
    from bot.services.imports import ImportService
    from bot.services.leadtimes import LeadTimeService
    from bot.services.meetings import MeetingService
    from bot.services.overlaps import OverlapService
    from bot.services.pages import PlanPageService
    from bot.services.people import PeopleService
    from bot.services.personal_data import PersonalDataService
    from bot.services.plans import PlanService
    from bot.services.records import RecordsService
    from bot.services.reminders import ReminderService
    from bot.services.roles import RoleService
    from bot.services.steering import SteeringService
    from bot.services.teams import TeamService
    from bot.services.upcoming import UpcomingService
    from bot.services.uploads import UploadService
    from config import Settings

S = TypeVar("S")


class _BuiltOnce(Generic[S]):
    """A service built the first time it is asked for, then kept in the container's
    ``__dict__`` (read there from then on, without this descriptor). The web app's threads and
    the scheduler may ask at the same moment: a lock makes it one instance per container (a
    service may keep state, e.g. the feeds' cache)."""

    def __init__(self, build: Callable[[Services], S]) -> None:
        self.build = build
        self.name = build.__name__

    def __get__(self, services: Services, owner: type[Services] | None = None) -> S:
        with services.building:
            found: S | None = services.__dict__.get(self.name)
            if found is None:
                found = services.__dict__[self.name] = self.build(services)
            return found


def _built_once(build: Callable[[Services], S]) -> _BuiltOnce[S]:
    return _BuiltOnce(build)


class Services:
    """Every service, each built the first time it is asked for: a process loads only the
    services it uses (a command of `commplan` one or two, not the importers, the exporters and
    the approvals' views too). ``create`` builds none of them; every service of one container
    shares its ``context``."""

    def __init__(self, context: Context) -> None:
        self.context = context
        # Reentrant: building the uploads service builds the imports service it uses.
        self.building = threading.RLock()

    @classmethod
    def create(cls, settings: Settings, engine: Engine) -> Services:
        from bot.services.context import Context

        return cls(Context.create(settings, engine))

    @_built_once
    def teams(self) -> TeamService:
        from bot.services.teams import TeamService

        return TeamService(self.context)

    @_built_once
    def people(self) -> PeopleService:
        from bot.services.people import PeopleService

        return PeopleService(self.context)

    @_built_once
    def plans(self) -> PlanService:
        from bot.services.plans import PlanService

        return PlanService(self.context)

    @_built_once
    def activities(self) -> ActivityService:
        from bot.services.activities import ActivityService

        return ActivityService(self.context)

    @_built_once
    def upcoming(self) -> UpcomingService:
        from bot.services.upcoming import UpcomingService

        return UpcomingService(self.context)

    @_built_once
    def imports(self) -> ImportService:
        from bot.services.imports import ImportService

        return ImportService(self.context)

    @_built_once
    def exports(self) -> ExportService:
        from bot.services.exports import ExportService

        return ExportService(self.context)

    @_built_once
    def reminders(self) -> ReminderService:
        from bot.services.reminders import ReminderService

        return ReminderService(self.context)

    @_built_once
    def failures(self) -> FailureService:
        from bot.services.failures import FailureService

        return FailureService(self.context)

    @_built_once
    def feeds(self) -> FeedService:
        from bot.services.feeds import FeedService

        return FeedService(self.context)

    @_built_once
    def steering(self) -> SteeringService:
        from bot.services.steering import SteeringService

        return SteeringService(self.context)

    @_built_once
    def approvals(self) -> ApprovalService:
        from bot.services.approvals.lifecycle import ApprovalService

        return ApprovalService(self.context)

    @_built_once
    def digests(self) -> DigestService:
        from bot.services.digests import DigestService

        return DigestService(self.context)

    @_built_once
    def pages(self) -> PlanPageService:
        from bot.services.pages import PlanPageService

        return PlanPageService(self.context)

    @_built_once
    def roles(self) -> RoleService:
        from bot.services.roles import RoleService

        return RoleService(self.context)

    @_built_once
    def personal_data(self) -> PersonalDataService:
        from bot.services.personal_data import PersonalDataService

        return PersonalDataService(self.context)

    @_built_once
    def records(self) -> RecordsService:
        from bot.services.records import RecordsService

        return RecordsService(self.context)

    @_built_once
    def audiences(self) -> AudienceService:
        from bot.services.audiences import AudienceService

        return AudienceService(self.context)

    @_built_once
    def meetings(self) -> MeetingService:
        from bot.services.meetings import MeetingService

        return MeetingService(self.context)

    @_built_once
    def overlaps(self) -> OverlapService:
        from bot.services.overlaps import OverlapService

        return OverlapService(self.context)

    @_built_once
    def deviations(self) -> DeviationService:
        from bot.services.deviations import DeviationService

        return DeviationService(self.context)

    @_built_once
    def lead_times(self) -> LeadTimeService:
        from bot.services.leadtimes import LeadTimeService

        return LeadTimeService(self.context)

    @_built_once
    def calendar(self) -> CalendarService:
        from bot.services.calendar import CalendarService

        return CalendarService(self.context)

    @_built_once
    def uploads(self) -> UploadService:
        from bot.services.uploads import UploadService

        return UploadService(self.context, self.imports)
