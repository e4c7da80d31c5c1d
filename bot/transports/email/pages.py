"""``/email/{token}``: the pages an e-mail's links open, without any login.

GET only shows what the link will do, with a button to confirm: mail scanners (Outlook Safe
Links, Gmail) open every link in a message, and opening must change nothing. POST acts, once,
through the same path as a chat button (``ActionHandler.press``), as the person the e-mail was
sent to on the e-mail surface: the same permission and four-eyes rules, the same audit. The
token is the credential (no cookie, no session, nothing else readable with it); the form posts
back to the token's own URL. Open only shows the activity, so it is shown on GET and not used
up. A refused link (altered, expired, used) is one line in the link's language and a 4xx.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from jinja2 import ChoiceLoader, Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup
from starlette.concurrency import run_in_threadpool

from bot import registry
from bot.chat.actions import ActionHandler
from bot.chat.caller import Caller
from bot.chat.commands.approval_replies import draft_of
from bot.chat.replies import DECISION_OF, Action, Button, Reply
from bot.services import Services
from bot.services.actor import Actor
from bot.services.errors import ServiceError
from bot.texts import t
from bot.transports.email.links import ActionLink, ActionLinks
from bot.transports.email.message import reply_html
from bot.web import app as web_app
from bot.web.signed_links import LinkProblem, LinkRefused
from config.languages import Language
from storage.models import Origin, Surface
from storage.repositories import people

log = logging.getLogger(__name__)

_TEMPLATES = Environment(
    # The web app's pages' common look (page_style.html) beside this page's own template.
    loader=ChoiceLoader(
        [
            FileSystemLoader(Path(__file__).with_name("templates")),
            FileSystemLoader(Path(web_app.__file__).with_name("templates")),
        ]
    ),
    autoescape=select_autoescape(["html"]),
    trim_blocks=True,
    lstrip_blocks=True,
)
# What the form asks for with the button: a comment (may be empty), or words it needs.
COMMENTED = frozenset(
    {*DECISION_OF, Action.FOLLOWUP_YES, Action.FOLLOWUP_PARTLY, Action.FOLLOWUP_NO}
) - {Action.APPROVE}
NEEDS_TEXT = {
    Action.REQUEST_APPROVAL: "email.page.draft",
    Action.REVISE: "email.page.draft",
    Action.REPLAN: "email.page.when",
}
# Actions whose value is an approval request ("REQUEST:VERSION" or "REQUEST").
ON_REQUEST = frozenset({*DECISION_OF, Action.REVISE, Action.WITHDRAW})
MAX_TEXT = 4000
HEADERS = {
    "Cache-Control": "no-store",
    "X-Robots-Tag": "noindex",
    # No scripts, nothing from elsewhere; the form may post to this site only.
    "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; "
    "form-action 'self'; base-uri 'none'",
}


@dataclass(frozen=True, slots=True)
class Form:
    button: str
    note: str
    label: str | None = None
    required: bool = False
    max: int = MAX_TEXT


class EmailPages:
    def __init__(self, services: Services, links: ActionLinks) -> None:
        self.services = services
        self.links = links
        self.handler = ActionHandler(services)

    def start(self) -> None:
        """Nothing runs beside the pages (the registry's ``SurfaceApp``)."""

    def router(self) -> APIRouter:
        router = APIRouter()
        max_body = registry.spec(Surface.EMAIL).max_body

        @router.get("/email/{token}", response_class=HTMLResponse)
        async def show(token: str) -> HTMLResponse:
            return await run_in_threadpool(self.show, token)

        @router.post("/email/{token}", response_class=HTMLResponse, max_body_size=max_body)
        async def act(token: str, request: Request) -> HTMLResponse:
            kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
            language = self.services.context.settings.language
            if cross_site(request, self.services.context.settings.public_url):
                # Another site's form or script posting to the link: a browser says so.
                return self._refusal(language, "email.page.cross_site", 403)
            body = await request.body()
            refused = self._refusal(language, "email.page.bad")
            if kind != "application/x-www-form-urlencoded":
                return refused
            try:  # the page's form sends one field; anything else is not from it
                fields = parse_qs(body.decode("utf-8", "replace"), max_num_fields=4)
            except ValueError:
                return refused
            typed = (fields.get("text") or [""])[0][:MAX_TEXT]
            return await run_in_threadpool(self.act, token, typed)

        return router

    def show(self, token: str) -> HTMLResponse:
        found = self._read(token)
        if isinstance(found, HTMLResponse):
            return found
        link, caller = found
        if link.action is Action.OPEN:
            return self._answer(link, self.handler.press(link.action, link.value, caller))
        if self.services.reminders.link_used(link.link_id):
            return self._refusal(link.language, "email.page.used", 409)
        return self._confirm(link)

    def act(self, token: str, typed: str) -> HTMLResponse:
        found = self._read(token)
        if isinstance(found, HTMLResponse):
            return found
        link, caller = found
        if link.action in NEEDS_TEXT and not typed.strip():
            return self._confirm(link, problem=t("email.page.text_needed", link.language))
        reminders = self.services.reminders
        if not reminders.claim_link(link.link_id, link.action.value, self.links.hours):
            return self._refusal(link.language, "email.page.used", 409)
        try:
            reply = self.handler.press(link.action, link.value, caller, typed or None)
        except Exception:
            reminders.release_link(link.link_id)  # commplan failed, not the person: try again
            raise
        if reply.refused:
            # A refusal changes nothing but the audit log: the link is not used up either.
            reminders.release_link(link.link_id)
        return self._answer(link, reply)

    # What the pages say

    def _read(self, token: str) -> tuple[ActionLink, Caller] | HTMLResponse:
        """The link and its person as the caller, or the refusal to answer with."""
        default = self.services.context.settings.language
        try:
            link = self.links.read(token)
        except LinkRefused as err:
            if err.problem is LinkProblem.EXPIRED:
                language = self.links.language_of_expired(token) or default
                return self._refusal(language, "email.page.expired", 410)
            return self._refusal(default, "email.page.bad", 404)
        with self.services.context.sessions() as session:
            person = people.by_id(session, link.person_id)
            if person is None or not person.active:
                return self._refusal(link.language, "email.page.bad", 404)
            actor = Actor(Origin.EMAIL, person.id, person.name, surface_user=person.email)
        return link, Caller(actor, link.language)

    def _confirm(self, link: ActionLink, problem: str | None = None) -> HTMLResponse:
        language = link.language
        label = t(f"button.{link.action.value}", language)
        form = Form(t("email.page.button", language), t("email.page.nothing_yet", language))
        if link.action in NEEDS_TEXT:
            form = Form(form.button, form.note, t(NEEDS_TEXT[link.action], language), True)
        elif link.action in COMMENTED:
            form = Form(form.button, form.note, t("email.page.comment", language))
        return self._page(
            language,
            t("email.page.confirm", language, action=label),
            lines=self._subject(link),
            form=form,
            problem=problem,
            status=422 if problem else 200,
        )

    def _subject(self, link: ActionLink) -> list[str]:
        """What the link is about, as the e-mail named it."""
        language = link.language
        head = link.value.partition(":")[0]
        if not head.isdigit():
            return []
        try:
            if link.action in ON_REQUEST:
                request = self.services.approvals.get(int(head))
                values = {"id": request.id, "version": request.version}
                title = request.activity_title
                # What is decided on: the draft, as the e-mail showed it.
                lines = [t("email.page.request", language, title=title, **values)]
                if request.link or request.text or request.file_ref:
                    lines.append(draft_of(request, language))
                return lines
            view = self.services.activities.get(int(head))
        except ServiceError:
            return []
        return [t("email.page.activity", language, title=view.title, plan=view.plan_name)]

    def _answer(self, link: ActionLink, reply: Reply) -> HTMLResponse:
        """What the action said, its buttons (Undo after Done) as fresh links of this person."""

        def link_of(button: Button) -> str:
            return self.links.url(button, link.person_id, link.language)

        html = reply_html(reply, link.language, link_of)
        return self._page(link.language, "commplan", reply=html)

    def _refusal(self, language: Language, key: str, status: int = 400) -> HTMLResponse:
        return self._page(language, "commplan", lines=[t(key, language)], status=status)

    @staticmethod
    def _page(language: Language, title: str, *, status: int = 200, **values: Any) -> HTMLResponse:
        values.setdefault("lines", [])
        reply = values.get("reply")
        values["reply"] = reply if isinstance(reply, Markup) else None
        html = _TEMPLATES.get_template("email_page.html").render(
            language=language, title=title, **values
        )
        return HTMLResponse(html, status_code=status, headers=HEADERS)


def cross_site(request: Request, public_url: str | None) -> bool:
    """The browser says the POST came from another site: ``Sec-Fetch-Site`` other than
    same-origin (or none: typed, a bookmark), or an ``Origin`` that is not ours (the public
    address's, or the Host the request was sent to). Without either (a mail client, an old
    browser) nothing is said, and the token alone decides, as before. ``Origin: null`` says
    nothing either: our own page sends it (its ``Referrer-Policy: no-referrer`` makes a
    browser hide the origin of its form's POST), so there ``Sec-Fetch-Site`` decides."""
    site = request.headers.get("sec-fetch-site")
    if site is not None and site.strip().lower() not in ("same-origin", "none"):
        return True
    origin = (request.headers.get("origin") or "null").strip().lower()
    if origin == "null":
        return False
    ours = {request.headers.get("host", "").lower()}
    if public_url:
        ours.add(urlsplit(public_url).netloc.lower())
    return urlsplit(origin).netloc not in ours
