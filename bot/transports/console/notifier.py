"""The console Notifier: prints each message it would send, with its buttons."""

from __future__ import annotations

import sys
from typing import TextIO

from bot.chat.caller import Caller
from bot.chat.reminders import reminder_reply
from bot.services import Services
from bot.services.actor import Actor
from bot.transports.console.render import render
from config.languages import as_language
from scheduler.notifier import Delivery, Notice
from storage.models import Origin
from storage.repositories import people


def build(services: Services, timeout: float) -> ConsoleNotifier:
    """The registry's fallback (bot/registry.py): printed, when no surface is enabled."""
    return ConsoleNotifier(services, sys.stdout)


class ConsoleNotifier:
    """Delivers by writing to a stream: what a chat user would see, for trying commplan out."""

    name = "console"
    min_interval = 0.0

    def __init__(self, services: Services, stream: TextIO) -> None:
        self.services = services
        self.stream = stream

    def deliver(self, notice: Notice) -> Delivery:
        recipient = "?"
        language = self.services.context.settings.language
        if notice.person_id is not None:
            with self.services.context.sessions() as session:
                person = people.by_id(session, notice.person_id)
                if person is not None:
                    recipient = person.name
                    language = as_language(person.locale, language)
        caller = Caller(Actor(Origin.CONSOLE, notice.person_id, recipient), language)
        rendered = render(reminder_reply(self.services, notice, caller), language)
        self.stream.write(f"--- to {recipient} ({notice.kind}, {notice.key})\n")
        self.stream.write(rendered.text + "\n")
        self.stream.flush()
        return Delivery(external_id=f"console:{notice.key}")

    def remove(self, notice: Notice, delivery: Delivery) -> bool:
        return False  # a printed line cannot be taken back
