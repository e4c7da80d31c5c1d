"""Every table. Importing this package registers them all on ``Base.metadata``."""

from storage.models.activities import Activity, ActivityDependency, ActivityResponsible
from storage.models.addresses import ChatAddress, Owner, OwnerKind
from storage.models.approvals import ApprovalDecision, ApprovalRequest, ApprovalVersion
from storage.models.audiences import (
    ActivityAudience,
    ActivityName,
    Audience,
    AudienceAlias,
    AudienceBudget,
    IntendedOverlap,
)
from storage.models.audit import AuditEntry
from storage.models.base import Base
from storage.models.deviations import Deviation
from storage.models.email_links import UsedEmailLink
from storage.models.enums import (
    ActivityStatus,
    ApprovalStatus,
    Capacity,
    Decision,
    DecisionRule,
    Origin,
    OutboxStatus,
    PlanStatus,
    Surface,
    surface_word,
)
from storage.models.leases import SchedulerLease
from storage.models.link_generations import CalendarLinkGeneration
from storage.models.meetings import Meeting, MeetingAlias, MeetingBody
from storage.models.outbox import OutboxMessage
from storage.models.people import Person, PersonAlias, PlanName
from storage.models.plans import Plan, PlanEditor
from storage.models.steering import Delegation, SteeringGroup, SteeringMember
from storage.models.surfaces import SurfaceHealth
from storage.models.teams import Team, TeamMember
from storage.models.uploads import PendingUpload

__all__ = [
    "Activity",
    "ActivityAudience",
    "ActivityDependency",
    "ActivityName",
    "ActivityResponsible",
    "ActivityStatus",
    "ApprovalDecision",
    "ApprovalRequest",
    "ApprovalStatus",
    "ApprovalVersion",
    "Audience",
    "AudienceAlias",
    "AudienceBudget",
    "AuditEntry",
    "Base",
    "CalendarLinkGeneration",
    "Capacity",
    "ChatAddress",
    "Decision",
    "DecisionRule",
    "Delegation",
    "Deviation",
    "IntendedOverlap",
    "Meeting",
    "MeetingAlias",
    "MeetingBody",
    "Origin",
    "OutboxMessage",
    "OutboxStatus",
    "Owner",
    "OwnerKind",
    "PendingUpload",
    "Person",
    "PersonAlias",
    "Plan",
    "PlanEditor",
    "PlanName",
    "PlanStatus",
    "SchedulerLease",
    "SteeringGroup",
    "SteeringMember",
    "Surface",
    "SurfaceHealth",
    "Team",
    "TeamMember",
    "UsedEmailLink",
    "surface_word",
]
