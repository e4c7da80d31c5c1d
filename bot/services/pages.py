"""The read-only plan page: a plan's table and timeline behind a secret URL."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from bot.pages.colours import LABELS, STATES
from bot.pages.picture import timeline_png
from bot.pages.timeline import kind_of
from bot.services.actor import Actor
from bot.services.context import Context
from bot.services.exports import plan_table
from bot.services.permissions import Gate, Permission, Subject
from bot.services.plans import require_plan
from bot.services.unassigned import Unassigned, unassigned
from bot.services.views import ActivityView
from bot.texts import t
from config.languages import Language, as_language
from storage.database import transaction
from storage.models import ActivityStatus, Plan
from storage.repositories import activities, audit
from storage.tokens import MAX_TOKEN_LENGTH, new_token, same_token, token_digest

# What the table can be narrowed by: query parameter -> the field whose cell is compared.
FILTERS = {"target_group": "target_group", "channel": "channel", "responsible": "responsible"}


@dataclass(frozen=True, slots=True)
class PageRow:
    activity: ActivityView
    cells: tuple[str, ...]
    done: bool
    overdue: bool
    kind: str  # its state (bot/pages/colours.py STATES)
    state: str  # that state's one name, in the plan's language


@dataclass(frozen=True, slots=True)
class PlanPage:
    name: str
    purpose: str | None
    language: Language
    today: dt.date
    headings: tuple[str, ...]
    fields: tuple[str, ...]
    rows: tuple[PageRow, ...]  # after the filters
    total: int  # before them
    options: dict[str, tuple[str, ...]]  # filter -> the values the plan has
    chosen: dict[str, str]
    # Open activities with nobody responsible, and where their reminders go.
    unassigned: Unassigned | None = None


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


class PlanPageService:
    def __init__(self, context: Context) -> None:
        self.context = context
        self.gate = Gate(context)

    def _plan_of(self, token: str) -> Plan | None:
        """The plan ``token`` opens: found by digest, compared in constant time (as feeds)."""
        if len(token) > MAX_TOKEN_LENGTH:
            return None
        with self.context.sessions() as session:
            found = session.scalars(
                select(Plan).where(Plan.view_token_hash == token_digest(token))
            ).first()
            if not same_token(found.view_token if found else None, token) or found is None:
                return None
            session.expunge(found)
            return found

    def page(self, token: str, chosen: dict[str, str]) -> PlanPage | None:
        plan = self._plan_of(token)
        if plan is None:
            return None
        with self.context.sessions() as session:
            kept = [
                activity
                for activity in activities.of_plan(session, plan.id, people=False)
                if activity.status is not ActivityStatus.CANCELLED
            ]
            table = plan_table(plan, kept)
            views = [ActivityView.of(activity, people=False) for activity in kept]
            gaps = unassigned(session, plan)
        today = self.context.today(plan.time_zone)
        language = as_language(plan.language)
        rows = []
        for view, row in zip(views, table.rows, strict=True):
            kind = kind_of(view, today)
            rows.append(
                PageRow(
                    activity=view,
                    cells=tuple(map(_cell, row.cells)),
                    done=row.done,
                    overdue=kind == "overdue",
                    kind=kind,
                    state=t(LABELS[kind], language),
                )
            )
        options: dict[str, tuple[str, ...]] = {}
        for name, field in FILTERS.items():
            if field in table.fields:
                index = table.fields.index(field)
                options[name] = tuple(sorted({r.cells[index] for r in rows if r.cells[index]}))
        # The status filter offers the states by their one name, overdue among them, in the
        # legend's order; an activity is in exactly one.
        present = {row.kind for row in rows}
        options["status"] = tuple(t(LABELS[k], language) for k in STATES if k in present)
        wanted = {
            name: value
            for name, value in chosen.items()
            if name in options and value in options[name]
        }

        def value_of(row: PageRow, name: str) -> str:
            return row.state if name == "status" else row.cells[table.fields.index(FILTERS[name])]

        shown = [row for row in rows if all(value_of(row, n) == v for n, v in wanted.items())]
        return PlanPage(
            name=plan.name,
            purpose=plan.purpose,
            language=language,
            today=today,
            headings=table.headings,
            fields=table.fields,
            rows=tuple(shown),
            total=len(rows),
            options=options,
            chosen=wanted,
            unassigned=gaps,
        )

    def picture(self, plan: str, actor: Actor) -> bytes:
        """The next 8 weeks of ``plan`` as a PNG, for whoever may read the plan."""
        with self.context.sessions() as session:
            found = require_plan(session, plan)
            self.gate.require(session, actor, Permission.READ, action="plan.picture", plan=found)
        return self._picture(found.id)

    def _picture(self, plan_id: int) -> bytes:
        with self.context.sessions() as session:
            found = require_plan(session, f"#{plan_id}")
            views = [
                ActivityView.of(activity)
                for activity in activities.of_plan(session, found.id)
                if activity.status is not ActivityStatus.CANCELLED
            ]
            language = as_language(found.language)
            title = t("page.picture_title", language, plan=found.name)
            today = self.context.today(found.time_zone)
        return timeline_png(title, views, today, language)

    def picture_of_page(self, token: str) -> bytes | None:
        """The picture of the plan ``token`` opens (None: no such page), for cards that show
        an image by URL (Teams)."""
        plan = self._plan_of(token)
        return None if plan is None else self._picture(plan.id)

    def link(self, plan: str, actor: Actor, *, rotate: bool = False) -> str:
        """The page's URL, made on first asking; ``rotate`` gives a new one (the old: 404).
        The URL is the page's key: the plan's team, owner and editors get it; rotating is the
        owner's (or an admin's)."""
        with transaction(self.context.sessions) as session:
            found = require_plan(session, plan)
            permission = Permission.ROTATE if rotate else Permission.LINKS
            action = "plan.page_rotate" if rotate else "plan.page_link"
            self.gate.require(session, actor, permission, action=action, plan=found)
            if found.view_token is None or rotate:
                found.view_token = new_token()
                audit.record(
                    session,
                    action="plan.page_rotate" if rotate else "plan.page_create",
                    entity="plan",
                    entity_id=found.id,
                    plan_id=found.id,
                    **actor.audit_fields(),
                )
            assert found.view_token is not None
            return self.url(found.view_token)

    def link_if_allowed(self, plan_id: int, actor: Actor) -> str | None:
        """The page's URL when ``actor`` may have it, else None (nothing refused, nothing
        logged: a summary simply leaves the link out)."""
        with self.context.sessions() as session:
            found = require_plan(session, f"#{plan_id}")
            allowed = self.gate.allows(session, actor, Permission.LINKS, Subject(found))
        return self.link(f"#{plan_id}", actor) if allowed else None

    def url(self, token: str) -> str:
        return self.context.public_url(f"plans/{token}")
