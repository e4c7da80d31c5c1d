"""The toy surface's app: ``POST /toy/{user}`` takes a pressed button (``action``, ``value``
and what was typed with it, ``text``) and answers with the reply's text, through the same chat
handler as every surface's buttons."""

from __future__ import annotations

import asyncio
from urllib.parse import parse_qs

from fastapi import APIRouter, Request
from fastapi.responses import PlainTextResponse

from bot import registry
from bot.chat.actions import ActionHandler
from bot.chat.caller import Caller
from bot.chat.replies import Action
from bot.services import Services
from bot.services.actor import Actor
from bot.transports.console.render import render
from config import Settings, SettingsError
from tests.transports.contract.toy import TOY, TOY_ORIGIN


def build(services: Services) -> ToyApp:
    return ToyApp(services)


def check_settings(settings: Settings) -> None:
    if settings.language not in ("da", "sv", "en"):
        raise SettingsError("COMMPLAN_LANGUAGE: the toy surface speaks da, sv and en")


class ToyApp:
    def __init__(self, services: Services) -> None:
        self.services = services
        self.actions = ActionHandler(services)

    def start(self) -> None:
        """Nothing runs beside the route."""

    def caller(self, user: str) -> Caller:
        person = self.services.people.by_chat_user(TOY, user)
        language = self.services.context.settings.language
        if person is not None and person.locale in ("da", "sv", "en"):
            language = person.locale  # type: ignore[assignment]  # checked just above
        actor = Actor(
            TOY_ORIGIN,
            person.id if person else None,
            person.name if person else "",
            surface_user=user,
        )
        return Caller(actor, language)

    def answer(self, user: str, form: dict[str, str]) -> str:
        caller = self.caller(user)
        action, value, text = Action(form["action"]), form.get("value", ""), form.get("text")
        return render(self.actions.press(action, value, caller, text or None), caller.language).text

    def router(self) -> APIRouter:
        router = APIRouter()
        limit = registry.spec(TOY).max_body

        @router.post("/toy/{user}", response_class=PlainTextResponse, max_body_size=limit)
        async def toy(user: str, request: Request) -> PlainTextResponse:
            body = (await request.body()).decode("utf-8", "replace")
            form = {key: values[0] for key, values in parse_qs(body).items()}
            if form.get("action") not in {action.value for action in Action}:
                return PlainTextResponse("not a button\n", status_code=400)
            return PlainTextResponse(await asyncio.to_thread(self.answer, user, form))

        return router
