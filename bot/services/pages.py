"""The read-only plan page: a plan's table and timeline behind a secret URL."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, cast

from sqlalchemy import select

from bot.interchange.tables import ExportRow
from bot.pages.colours import LABELS, STATES
from bot.pages.picture import timeline_png
from bot.pages.timeline import kind_of
from bot.services.actor import Actor
from bot.services.context import Context
from bot.services.exports import plan_table
from bot.services.import_matching import COLUMNS
from bot.services.permissions import Gate, Permission, PermissionSubject
from bot.services.plans import require_plan
from bot.services.unassigned import Unassigned, unassigned
from bot.services.views import ActivityView
from bot.texts import t
from bot.texts.local import date_text
from config.languages import Language, as_language
from storage.database import transaction
from storage.models import Activity, ActivityStatus, Plan
from storage.repositories import activities, audit
from storage.rules.timing import Timing, TimingKind
from storage.tokens import MAX_TOKEN_LENGTH, new_token_pair, same_token, token_digest

# What the table can be narrowed by: query parameter -> the field whose cell is compared.
FILTERS = {
    "phase": "phase",
    "target_group": "target_group",
    "channel": "channel",
    "responsible": "responsible",
}
# The table shows this many rows a page (``?page=2``): a 10,000-activity plan at once was
# 4.7 MB of HTML and 0.7 s of work, most of it on rows nobody scrolls to.
PAGE_ROWS = 500
# The timeline draws at most this many activities (the first shown): the rest are in the table.
TIMELINE_ROWS = 150


@dataclass(slots=True)
class Listed:
    """An activity as the page lists it: a plain row of ``activities.LISTED`` and its plan,
    read with what ``ActivityView.of``, ``plan_table`` and ``kind_of`` read of an Activity."""

    plan: Plan
    id: int
    plan_id: int
    title: str
    target_group: str | None
    message: str | None
    goal: str | None
    channel: str | None
    when_text: str | None
    timing_kind: TimingKind
    timing_start: dt.date | None
    timing_due: dt.date | None
    timing_rrule: str | None
    timing_tentative: bool
    next_due: dt.date | None
    responsible_text: str | None
    expected_reaction: str | None
    remarks: str | None
    status: ActivityStatus
    requires_approval: bool
    reaction_outcome: str | None
    reaction_note: str | None
    phase: str | None

    @property
    def timing(self) -> Timing:
        return Timing(
            self.timing_kind, self.timing_start, self.timing_due, self.timing_rrule,
            self.timing_tentative,
        )  # fmt: skip

    def is_overdue(self, today: dt.date) -> bool:
        return self.next_due is not None and self.next_due < today

    def as_activity(self) -> Activity:
        # Duck-typed: it has every attribute the table and the view read of an Activity.
        return cast(Activity, self)

    def as_view(self) -> ActivityView:
        # Duck-typed: ``kind_of`` reads its status and whether it is overdue.
        return cast(ActivityView, self)


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
    rows: tuple[PageRow, ...]  # this page of the table, after the filters
    total: int  # before them
    options: dict[str, tuple[str, ...]]  # filter -> the values the plan has
    chosen: dict[str, str]
    # Open activities with nobody responsible, and where their reminders go.
    unassigned: Unassigned | None = None
    shown: int = 0  # after the filters, on every page
    number: int = 1  # this page's number, from 1
    pages: int = 1
    timeline: tuple[ActivityView, ...] = ()  # the first TIMELINE_ROWS shown
    # Open activities with no date (their "when" unread or free text): (id, activity, when).
    undated: tuple[tuple[int, str, str], ...] = ()


def _text(item: Listed, field: str) -> str:
    """The cell ``field`` of the table shows for ``item`` (bot/services/exports.py _value)."""
    value = item.title if field == "activity" else getattr(item, COLUMNS[field])
    return "" if value is None else str(value)


def _number(value: str | None) -> int:
    try:
        return int(value or 1)
    except ValueError:
        return 1  # a page number that is none: the first page


def _cell(value: Any, language: Language) -> str:
    """A cell of the page's table: a day as the plan's language writes it ("1. dec. 2026")."""
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return date_text(value, language)
    return str(value)


def _options(
    fields: tuple[str, ...], every: list[Listed], states: dict[str, str]
) -> dict[str, tuple[str, ...]]:
    """What each filter offers: the values the plan's rows have in a column the table shows;
    the status filter the states by their one name, overdue among them, in the legend's
    order (an activity is in exactly one)."""
    options: dict[str, tuple[str, ...]] = {}
    for name, field in FILTERS.items():
        if field in fields:
            options[name] = tuple(sorted({v for item in every if (v := _text(item, field))}))
    options["status"] = tuple(states[kind] for kind in STATES if kind in states)
    return options


def _narrowed(
    shown: list[tuple[Listed, str]], wanted: dict[str, str], states: dict[str, str]
) -> list[tuple[Listed, str]]:
    """The rows (with their state) that every chosen filter keeps."""

    def value_of(item: Listed, kind: str, name: str) -> str:
        return states[kind] if name == "status" else _text(item, FILTERS[name])

    for name, value in wanted.items():
        shown = [(item, kind) for item, kind in shown if value_of(item, kind, name) == value]
    return shown


def _page_rows(
    on_page: list[tuple[Listed, str]],
    cells: tuple[ExportRow, ...],
    states: dict[str, str],
    language: Language,
) -> list[PageRow]:
    """This page's rows: each activity's view beside its cells of the plan's table."""
    return [
        PageRow(
            activity=ActivityView.of(item.as_activity(), people=False),
            cells=tuple(_cell(cell, language) for cell in row.cells),
            done=row.done,
            overdue=kind == "overdue",
            kind=kind,
            state=states[kind],
        )
        for (item, kind), row in zip(on_page, cells, strict=True)
    ]


def _undated(every: list[Listed]) -> tuple[tuple[int, str, str], ...]:
    """Open activities whose "when" gave no date: (id, activity, when)."""
    return tuple(
        (item.id, item.title, item.when_text or "")
        for item in every
        if item.timing_kind is TimingKind.UNKNOWN and item.status.is_open
    )


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
            if not same_token(found.view_token_hash if found else None, token) or found is None:
                return None
            session.expunge(found)
            return found

    def page(
        self, token: str, chosen: dict[str, str], *, page_rows: int = PAGE_ROWS
    ) -> PlanPage | None:
        """The page ``token`` opens (None: no such page), narrowed by the filters in
        ``chosen``, its table at page ``chosen["page"]`` of ``page_rows`` rows.

        Every activity is read as a plain row; what is shown of each (its view, its cells)
        is made only for the rows on this page and the timeline's."""
        plan = self._plan_of(token)
        if plan is None:
            return None
        with self.context.sessions() as session:
            every = [Listed(plan, *row) for row in activities.listed(session, plan.id)]
            gaps = unassigned(session, plan)
        today = self.context.today(plan.time_zone)
        language = as_language(plan.language)
        columns_of = [item.as_activity() for item in every]
        table = plan_table(plan, [], columns_of=columns_of)
        kinds = [kind_of(item.as_view(), today) for item in every]
        states = {kind: t(LABELS[kind], language) for kind in set(kinds)}
        options = _options(table.fields, every, states)
        wanted = {
            name: value
            for name, value in chosen.items()
            if name in options and value in options[name]
        }
        shown = _narrowed(list(zip(every, kinds, strict=True)), wanted, states)
        pages = max(1, -(-len(shown) // page_rows))
        number = min(max(1, _number(chosen.get("page"))), pages)
        on_page = shown[(number - 1) * page_rows : number * page_rows]
        rows_table = plan_table(
            plan, [item.as_activity() for item, _ in on_page], columns_of=columns_of
        )
        return PlanPage(
            name=plan.name,
            purpose=plan.purpose,
            language=language,
            today=today,
            headings=table.headings,
            fields=table.fields,
            rows=tuple(_page_rows(on_page, rows_table.rows, states, language)),
            total=len(every),
            options=options,
            chosen=wanted,
            unassigned=gaps,
            shown=len(shown),
            number=number,
            pages=pages,
            timeline=tuple(
                ActivityView.of(item.as_activity(), people=False)
                for item, _ in shown[:TIMELINE_ROWS]
            ),
            undated=_undated(every),
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

    def picture_of_plan(self, plan_id: int) -> bytes | None:
        """The picture of plan ``plan_id`` (None: no such plan), for a signed picture link
        (bot/web/plan_page.py) that a card shows by URL."""
        with self.context.sessions() as session:
            if session.get(Plan, plan_id) is None:
                return None
        return self._picture(plan_id)

    def picture_of_page(self, token: str) -> bytes | None:
        """The picture of the plan ``token`` opens (None: no such page), for cards that show
        an image by URL (Teams)."""
        plan = self._plan_of(token)
        return None if plan is None else self._picture(plan.id)

    def link(self, plan: str, actor: Actor, *, rotate: bool = False) -> str | None:
        """The page's URL, made (and shown) on first asking; ``rotate`` gives a new one (the
        old: 404). None: the page was made before, and only its token's digest is kept
        (storage/tokens.py), so its URL is not shown again. The URL is the page's key: the
        plan's team, owner and editors get it; rotating is the owner's (or an admin's)."""
        with transaction(self.context.sessions) as session:
            found = require_plan(session, plan)
            permission = Permission.ROTATE if rotate else Permission.LINKS
            action = "plan.page_rotate" if rotate else "plan.page_link"
            self.gate.require(session, actor, permission, action=action, plan=found)
            if found.view_token_hash is not None and not rotate:
                return None  # shown when made; only its digest is kept (storage/tokens.py)
            token, found.view_token_hash = new_token_pair()
            audit.record(
                session,
                action="plan.page_rotate" if rotate else "plan.page_create",
                entity="plan",
                entity_id=found.id,
                plan_id=found.id,
                **actor.audit_fields(),
            )
            return self.url(token)

    def link_if_allowed(self, plan_id: int, actor: Actor) -> str | None:
        """The page's URL when ``actor`` may have it and it is made now (a plan whose page was
        made before shows no URL again: only its digest is kept), else None; nothing refused,
        nothing logged: an answer then simply leaves the link out."""
        with self.context.sessions() as session:
            found = require_plan(session, f"#{plan_id}")
            allowed = self.gate.allows(session, actor, Permission.LINKS, PermissionSubject(found))
        return self.link(f"#{plan_id}", actor) if allowed else None

    def url(self, token: str) -> str:
        return self.context.public_url(f"plans/{token}")
