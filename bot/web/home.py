"""``GET /``: what runs at this address, in the organisation's language; no plan data.

The address `make demo` and `commplan serve` print should say something to whoever opens it.
It names the surfaces this process serves (each registry entry's line) and links the health
check and the documentation; plans, people and calendars stay behind their secret links.
"""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter
from fastapi.responses import HTMLResponse
from jinja2 import Environment, FileSystemLoader, select_autoescape

from bot import registry
from bot.texts import t
from config import Settings

_TEMPLATES = Environment(
    loader=FileSystemLoader(Path(__file__).with_name("templates")),
    autoescape=select_autoescape(["html"]),
    trim_blocks=True,
    lstrip_blocks=True,
)


def home_html(settings: Settings) -> str:
    language = settings.language
    running = [t("home.reminders", language)]
    # Each surface this process serves, in the registry's order (bot/registry.py).
    running.extend(t(spec.home_line, language) for spec in registry.enabled(settings))
    running.append(t("home.pages", language))
    return _TEMPLATES.get_template("home.html").render(
        language=language,
        intro=t("home.intro", language),
        running=running,
        private=t("home.private", language),
        health=t("home.health", language),
        docs=t("home.docs", language),
        docs_local=t("home.docs_local", language),
        docs_url=settings.docs_url,
    )


def home_router(settings: Settings) -> APIRouter:
    router = APIRouter()
    # Rendered once: it depends on the settings only.
    page = home_html(settings)

    @router.get("/", response_class=HTMLResponse)
    async def home() -> HTMLResponse:
        return HTMLResponse(page)

    return router
