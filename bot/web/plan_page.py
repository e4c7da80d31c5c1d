"""``GET /plans/{token}``: a plan's read-only page, server-rendered (no JavaScript needed)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode

from fastapi import APIRouter, Request, Response
from fastapi.responses import HTMLResponse
from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup, escape

from bot.pages.colours import COLOURS, LABELS, STATES, SYMBOLS
from bot.pages.timeline import Timeline, TimelineItem, layout
from bot.services.context import Context
from bot.services.pages import FILTERS, PAGE_ROWS, TIMELINE_ROWS, PlanPage, PlanPageService
from bot.texts import t
from bot.web.signed_links import LinkRefused, LinkSigner
from config.languages import Language

# A card's picture of a plan (a Teams digest) is a signed, expiring link to the plan's
# timeline, not the page's own token: that is shown once and never kept (storage/tokens.py).
PICTURE_PURPOSE = "plan-picture"
PICTURE_SECONDS = 14 * 24 * 3600  # a digest's card shows it for two weeks

_TEMPLATES = Environment(
    loader=FileSystemLoader(Path(__file__).with_name("templates")),
    # Every value is escaped: an activity called <script> is shown as text.
    autoescape=select_autoescape(["html"]),
    trim_blocks=True,
    lstrip_blocks=True,
)


def _rows_html(page: PlanPage) -> Markup:
    """The table's rows, built in Python: a 2,000-row plan renders in a fraction of the time a
    template loop over every cell takes. Every cell is escaped.

    The status cell names the row's state as the legend and the filter do; an overdue row
    keeps its status beside it ("Overdue (Approved)")."""
    status = page.fields.index("status")
    # Each cell names its column (data-label): on a phone the rows are cards, the heading shown
    # above each cell by CSS.
    labels = [f' data-label="{escape(heading)}"' for heading in page.headings]
    dates = {page.fields.index("next_due")} if "next_due" in page.fields else set()
    parts: list[str] = []
    for row in page.rows:
        kind = row.kind
        cells = []
        for index, cell in enumerate(row.cells):
            if index == status:
                note = f" ({escape(cell)})" if kind == "overdue" and cell else ""
                cells.append(
                    f'<td class="status"{labels[index]}><span class="kind kind-{kind}">'
                    f"{SYMBOLS[kind]} {escape(row.state)}</span>{note}</td>"
                )
            else:
                css = ' class="date"' if index in dates else ""
                cells.append(
                    f"<td{css}{labels[index]}>{escape(cell)}</td>" if cell else "<td></td>"
                )
        css = ' class="done"' if row.done else ""
        parts.append(f'<tr id="activity-{row.activity.id}"{css}>{"".join(cells)}</tr>')
    return Markup("\n".join(parts))  # noqa: S704 - every cell is escaped above


# The SVG's geometry (viewBox units): labels to the left, the dates' span to the right.
SPAN_X, SPAN_WIDTH = 300, 680
# A month label at font size 11 is at most this wide per character, plus a gap to the next.
LABEL_CHAR, LABEL_GAP = 6.6, 12


def label_room_for(months: list[str]) -> float:
    """The share of the span the widest month label ("sep 2027") needs, with its gap."""
    widest = max(len(name) for name in months) + 5
    return (widest * LABEL_CHAR + LABEL_GAP) / SPAN_WIDTH


@dataclass(frozen=True, slots=True)
class Stop:
    """One activity on the vertical (phone) timeline."""

    item: TimelineItem
    when: str
    state: str


def _stops(
    timeline: Timeline, months: list[str], language: Language
) -> list[tuple[str, list[Stop]]]:
    """The timeline's items by month of their first day, for screens too narrow for the SVG."""

    def say(day: dt.date) -> str:
        return f"{day.day} {months[day.month - 1]} {day.year}"

    groups: dict[tuple[int, int], list[Stop]] = {}
    for item in sorted(timeline.items, key=lambda i: (i.first_day, i.activity_id)):
        when = say(item.first_day)
        if item.last_day != item.first_day:
            when += f" – {say(item.last_day)}"
        key = (item.first_day.year, item.first_day.month)
        groups.setdefault(key, []).append(Stop(item, when, t(LABELS[item.kind], language)))
    return [(f"{months[m - 1]} {y}", stops) for (y, m), stops in groups.items()]


_FILTERED = ("phase", "target_group", "channel", "responsible", "status")


def render_page(page: PlanPage) -> str:
    language = page.language
    months = t("page.months", language).split(",")
    # A timeline taller than TIMELINE_ROWS helps nobody: the rest is in the table (and filters).
    timeline = layout(
        page.timeline, page.today, month_names=months, label_room=label_room_for(months)
    )
    labels = dict(zip(_FILTERED, _headings(page), strict=True))
    return _TEMPLATES.get_template("plan.html").render(
        page=page,
        timeline=timeline,
        height=40 + 20 * len(timeline.items),
        stops=_stops(timeline, months, language),
        states=[(kind, SYMBOLS[kind], t(LABELS[kind], language)) for kind in STATES],
        span_x=SPAN_X,
        span_width=SPAN_WIDTH,
        colours=COLOURS,
        table_rows=_rows_html(page),
        hidden=max(0, page.shown - TIMELINE_ROWS),
        previous=_page_link(page, page.number - 1),
        next=_page_link(page, page.number + 1),
        first_row=(page.number - 1) * PAGE_ROWS + 1,
        last_row=(page.number - 1) * PAGE_ROWS + len(page.rows),
        filter_labels=labels,
        unassigned=page.unassigned.text(language) if page.unassigned else None,
        t=lambda key, **values: t(key, language, **values),
    )


def _page_link(page: PlanPage, number: int) -> str | None:
    """The table's page ``number`` with the same filters, or None if there is no such page."""
    if not 1 <= number <= page.pages:
        return None
    return "?" + urlencode({**page.chosen, "page": str(number)}) + "#activities"


def _headings(page: PlanPage) -> list[str]:
    """The plan's own heading of each filtered field (the page speaks the plan's words)."""
    found = []
    for name in _FILTERED:
        field = FILTERS.get(name, name)
        found.append(page.headings[page.fields.index(field)] if field in page.fields else name)
    return found


def picture_url(context: Context, plan_id: int) -> str:
    """A signed link to plan ``plan_id``'s timeline picture, for a card's image."""
    signed = LinkSigner(context.settings, PICTURE_PURPOSE).sign({"plan": plan_id})
    return context.public_url(f"plans/picture/{signed}.png")


def plan_page_router(pages: PlanPageService) -> APIRouter:
    router = APIRouter()
    signer = LinkSigner(pages.context.settings, PICTURE_PURPOSE)

    # Before "/plans/{token}", which would take "picture" for a token.
    @router.get("/plans/picture/{signed}.png")
    def signed_picture(signed: str) -> Response:
        """The timeline picture a card links to (``picture_url``), until the link expires."""
        try:
            plan_id = signer.read(signed, PICTURE_SECONDS).get("plan")
        except LinkRefused:
            plan_id = None
        picture = pages.picture_of_plan(plan_id) if isinstance(plan_id, int) else None
        if picture is None:
            return Response(status_code=404, content="Not Found\n", media_type="text/plain")
        return _png(picture)

    @router.get("/plans/{token}", response_class=HTMLResponse)
    def plan_page(token: str, request: Request) -> Response:
        chosen = {key: value for key, value in request.query_params.items() if value}
        page = pages.page(token, chosen)
        if page is None:
            return Response(status_code=404, content="Not Found\n", media_type="text/plain")
        return HTMLResponse(
            render_page(page),
            headers={
                "Cache-Control": "private, no-cache",
                "Referrer-Policy": "no-referrer",
                "X-Robots-Tag": "noindex",
                # Nothing runs on the page: no scripts at all.
                "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; "
                "img-src 'self' data:; form-action 'self'",
            },
        )

    @router.get("/plans/{token}/timeline.png")
    def plan_picture(token: str) -> Response:
        """The next 8 weeks as a PNG, behind the page's own token: a Teams digest card shows
        it by URL (Teams' image proxy fetches it)."""
        picture = pages.picture_of_page(token)
        if picture is None:
            return Response(status_code=404, content="Not Found\n", media_type="text/plain")
        return _png(picture)

    return router


def _png(picture: bytes) -> Response:
    return Response(
        picture,
        media_type="image/png",
        headers={
            "Cache-Control": "private, max-age=300",
            "Referrer-Policy": "no-referrer",
            "X-Robots-Tag": "noindex",
        },
    )
