"""``GET /plans/{token}``: a plan's read-only page, server-rendered (no JavaScript needed)."""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter, Request, Response
from fastapi.responses import HTMLResponse
from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup, escape

from bot.pages.colours import COLOURS, SYMBOLS
from bot.pages.timeline import kind_of, layout
from bot.services.pages import FILTERS, PlanPage, PlanPageService
from bot.texts import t
from config.languages import Language

_TEMPLATES = Environment(
    loader=FileSystemLoader(Path(__file__).with_name("templates")),
    # Every value is escaped: an activity called <script> is shown as text.
    autoescape=select_autoescape(["html"]),
    trim_blocks=True,
    lstrip_blocks=True,
)


# A timeline taller than this many rows helps nobody: the rest is in the table (and filters).
MAX_TIMELINE_ROWS = 150


def _rows_html(page: PlanPage, kinds: dict[int, str], language: Language) -> Markup:
    """The table's rows, built in Python: a 2,000-row plan renders in a fraction of the time a
    template loop over every cell takes. Every cell is escaped."""
    status = page.fields.index("status")
    overdue = escape(t("page.kind.overdue", language))
    parts: list[str] = []
    for row in page.rows:
        kind = kinds[row.activity.id]
        cells = []
        for index, cell in enumerate(row.cells):
            if index == status:
                note = f" ({overdue})" if kind == "overdue" else ""
                cells.append(
                    f'<td><span class="kind kind-{kind}">{SYMBOLS[kind]} {escape(cell)}{note}'
                    "</span></td>"
                )
            else:
                cells.append(f"<td>{escape(cell)}</td>")
        css = ' class="done"' if row.done else ""
        parts.append(f'<tr id="activity-{row.activity.id}"{css}>{"".join(cells)}</tr>')
    return Markup("\n".join(parts))  # noqa: S704 - every cell is escaped above


def render_page(page: PlanPage) -> str:
    language = page.language
    views = [row.activity for row in page.rows]
    months = t("page.months", language).split(",")
    timeline = layout(views[:MAX_TIMELINE_ROWS], page.today, month_names=months)
    kinds = {
        row.activity.id: "overdue" if row.overdue else kind_of(row.activity, page.today)
        for row in page.rows
    }
    labels = dict(
        zip(("target_group", "channel", "responsible", "status"), _headings(page), strict=True)
    )
    return _TEMPLATES.get_template("plan.html").render(
        page=page,
        timeline=timeline,
        height=40 + 20 * len(timeline.items),
        symbols=SYMBOLS,
        colours=COLOURS,
        table_rows=_rows_html(page, kinds, language),
        hidden=max(0, len(views) - MAX_TIMELINE_ROWS),
        filter_labels=labels,
        unassigned=page.unassigned.text(language) if page.unassigned else None,
        t=lambda key, **values: t(key, language, **values),
    )


def _headings(page: PlanPage) -> list[str]:
    """The plan's own heading of each filtered field (the page speaks the plan's words)."""
    found = []
    for name in ("target_group", "channel", "responsible", "status"):
        field = FILTERS.get(name, name)
        found.append(page.headings[page.fields.index(field)] if field in page.fields else name)
    return found


def plan_page_router(pages: PlanPageService) -> APIRouter:
    router = APIRouter()

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
        return Response(
            picture,
            media_type="image/png",
            headers={
                "Cache-Control": "private, max-age=300",
                "Referrer-Policy": "no-referrer",
                "X-Robots-Tag": "noindex",
            },
        )

    return router
