"""Who a notice is for, as every transport needs it: one read of the person or steering group.

A notice names a person, or (``person_id`` None) a steering group in its payload. The Slack and
Teams notifiers, and the chooser between them, each need the same few facts: the reader's
language (the person's own, else the plan's, else the organisation's) and the chat addresses.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.services import Services
from config.languages import Language, as_language
from scheduler.notifier import Notice
from storage.models import Plan, SteeringGroup
from storage.repositories import approvals, people


@dataclass(frozen=True, slots=True)
class Recipient:
    language: Language
    is_group: bool
    found: bool  # the person or group exists
    slack_id: str | None = None  # a Slack user (a person) or channel (a group)
    teams_conversation: str | None = None  # a personal chat, or the group's channel
    teams_service_url: str | None = None
    preferred_surface: str | None = None
    email: str | None = None  # a person's address (a group's notices go to its members')


def recipient_of(services: Services, notice: Notice) -> Recipient:
    default = services.context.settings.language
    with services.context.sessions() as session:
        plan = session.get(Plan, notice.plan_id) if notice.plan_id else None
        language = as_language(plan.language if plan else None, default)
        if notice.person_id is None:
            group_id = notice.payload.get("steering_group_id")
            group = session.get(SteeringGroup, group_id) if isinstance(group_id, int) else None
            if group is None:
                return Recipient(language, is_group=True, found=False)
            return Recipient(
                language,
                is_group=True,
                found=True,
                slack_id=group.slack_channel_id,
                teams_conversation=group.teams_conversation_id,
                teams_service_url=group.teams_service_url,
            )
        person = people.by_id(session, notice.person_id)
        if person is None:
            return Recipient(language, is_group=False, found=False)
        return Recipient(
            as_language(person.locale, language),
            is_group=False,
            found=True,
            slack_id=person.slack_user_id,
            teams_conversation=person.teams_conversation_id,
            teams_service_url=person.teams_service_url,
            preferred_surface=person.preferred_surface,
            email=person.email,
        )


def channel_post_of(services: Services, notice: Notice) -> tuple[int, str] | None:
    """For a notice about a request's channel message: the request and where its version was
    posted (the transport's message id); None while it is not posted yet."""
    request_id = int(notice.payload.get("request", 0))
    given = notice.payload.get("version")
    version = int(given) if isinstance(given, int) else None
    with services.context.sessions() as session:
        posted = approvals.channel_message(session, request_id, version)
    return None if posted is None else (request_id, posted)
