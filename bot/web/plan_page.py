"""``GET /plans/{token}``: a plan's read-only page, server-rendered (no JavaScript needed)."""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter, Request, Response
from fastapi.responses import HTMLResponse
from jinja2 import Environment, FileSystemLoader, select_autoescape

from bot.pages.timeline import SYMBOLS, kind_of, layout
from bot.services.pages import FILTERS, PlanPage, PlanPageService
from bot.texts import t

_TEMPLATES = Environment(
    loader=FileSystemLoader(Path(__file__).with_name("templates")),
    # Every value is escaped: an activity called <script> is shown as text.
    autoescape=select_autoescape(["html"]),
    trim_blocks=True,
    lstrip_blocks=True,
)


def render_page(page: PlanPage) -> str:
    language = page.language
    views = [row.activity for row in page.rows]
    timeline = layout(views, page.today, month_names=t("page.months", language).split(","))
    labels = dict(
        zip(("target_group", "channel", "responsible", "status"), _headings(page), strict=True)
    )
    return _TEMPLATES.get_template("plan.html").render(
        page=page,
        timeline=timeline,
        height=40 + 20 * len(timeline.items),
        symbols=SYMBOLS,
        kinds={
            row.activity.id: "overdue" if row.overdue else kind_of(row.activity, page.today)
            for row in page.rows
        },
        filter_labels=labels,
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

    return router
