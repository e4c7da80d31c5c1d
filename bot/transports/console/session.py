"""`commplan console`: talk to the bot in a terminal, as a chosen person.

Lines go through the same ``CommandHandler`` and ``ActionHandler`` as Slack and Teams: typing
``/commplan upcoming`` here runs exactly what a Slack user's slash command runs. A number
presses that button of the last reply. Reject and Request changes ask for the comment first,
as Slack's modal and the Teams card do: the next line typed is the comment (an empty line: none).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TextIO

from bot.chat.actions import ActionHandler
from bot.chat.caller import Caller
from bot.chat.commands import CommandHandler
from bot.chat.reminders import reminder_reply
from bot.chat.replies import Action, Button
from bot.services import Services
from bot.texts import t
from bot.transports.console.inbox import ConsoleInbox
from bot.transports.console.render import render

QUIT = {"quit", "exit", "q"}
# The decisions that ask for a comment before they are made.
ASKS_COMMENT = frozenset({Action.REJECT, Action.REQUEST_CHANGES})


class ConsoleSession:
    def __init__(
        self, services: Services, caller: Caller, out: TextIO, inbox: ConsoleInbox | None = None
    ) -> None:
        self.services = services
        self.commands = CommandHandler(services)
        self.actions = ActionHandler(services)
        self.caller = caller
        self.out = out
        self.inbox = inbox
        self.buttons: tuple[Button, ...] = ()
        self.asking: Button | None = None  # a decision waiting for its comment

    def handle_line(self, line: str) -> bool:
        """Answer one line, then show what arrived for the person; False when they asked to
        leave. An empty line only looks for what arrived (or, after Reject or Request changes,
        is the decision without a comment)."""
        line = line.strip()
        if self.asking is not None:
            button, self.asking = self.asking, None
            reply = self.actions.press(button.action, button.value, self.caller, typed=line)
            self.out.write(render(reply, self.caller.language).text + "\n")
            self.show_arrived()
            return True
        if not line:
            self.show_arrived()
            return True
        if line.lower() in QUIT:
            return False
        if line.isdigit() and 1 <= int(line) <= len(self.buttons):
            button = self.buttons[int(line) - 1]
            if button.action in ASKS_COMMENT:
                self.asking = button
                self.out.write(t("console.comment", self.caller.language) + "\n")
                self.out.flush()
                return True
            reply = self.actions.press(button.action, button.value, self.caller)
        else:
            reply = self.commands.handle(line, self.caller)
        rendered = render(reply, self.caller.language)
        # A button press answers with a confirmation; the numbers of the list stay valid.
        if rendered.buttons or not line.isdigit():
            self.buttons = rendered.buttons
        self.out.write(rendered.text + "\n")
        self.show_arrived()
        return True

    def show_arrived(self) -> None:
        """The notices delivered to the person since last time, as their chat would show
        them; their buttons numbered after those still on screen."""
        language = self.caller.language
        for notice in self.inbox.new() if self.inbox else ():
            reply = reminder_reply(self.services, notice, self.caller)
            rendered = render(reply, language, first=len(self.buttons) + 1)
            self.buttons = (*self.buttons, *rendered.buttons)
            self.out.write(f"--- {t('console.arrived', language)}\n{rendered.text}\n")
        self.out.flush()

    def run(self, lines: Iterable[str], prompt: str = "commplan> ") -> None:
        self.out.write(prompt)
        self.out.flush()
        for line in lines:
            if not self.handle_line(line):
                break
            self.out.write(prompt)
            self.out.flush()
        self.out.write("\n")
