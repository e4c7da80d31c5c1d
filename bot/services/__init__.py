"""The service layer every surface calls: CLI, console, Slack, Teams and the web app."""

from __future__ import annotations

from dataclasses import dataclass

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


@dataclass(frozen=True)
class Services:
    context: Context
    teams: TeamService
    people: PeopleService
    plans: PlanService
    activities: ActivityService
    upcoming: UpcomingService
    imports: ImportService
    exports: ExportService
    reminders: ReminderService
    failures: FailureService
    feeds: FeedService
    steering: SteeringService
    approvals: ApprovalService
    digests: DigestService
    pages: PlanPageService
    roles: RoleService
    personal_data: PersonalDataService
    records: RecordsService
    audiences: AudienceService
    meetings: MeetingService
    overlaps: OverlapService
    deviations: DeviationService
    lead_times: LeadTimeService
    calendar: CalendarService
    uploads: UploadService

    @classmethod
    def create(cls, settings: Settings, engine: Engine) -> Services:
        context = Context.create(settings, engine)
        imports = ImportService(context)
        return cls(
            context=context,
            teams=TeamService(context),
            people=PeopleService(context),
            plans=PlanService(context),
            activities=ActivityService(context),
            upcoming=UpcomingService(context),
            imports=imports,
            exports=ExportService(context),
            reminders=ReminderService(context),
            failures=FailureService(context),
            feeds=FeedService(context),
            steering=SteeringService(context),
            approvals=ApprovalService(context),
            digests=DigestService(context),
            pages=PlanPageService(context),
            roles=RoleService(context),
            personal_data=PersonalDataService(context),
            records=RecordsService(context),
            audiences=AudienceService(context),
            meetings=MeetingService(context),
            overlaps=OverlapService(context),
            deviations=DeviationService(context),
            lead_times=LeadTimeService(context),
            calendar=CalendarService(context),
            uploads=UploadService(context, imports),
        )
