"""`commplan console`: talk to the bot in a terminal, as a chosen person.

Lines go through the same ``CommandHandler`` and ``ActionHandler`` as Slack and Teams: typing
``/commplan upcoming`` here runs exactly what a Slack user's slash command runs. A number
presses that button of the last reply.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TextIO

from bot.chat.actions import ActionHandler
from bot.chat.caller import Caller
from bot.chat.commands import CommandHandler
from bot.chat.replies import Button
from bot.services import Services
from bot.transports.console.render import render

QUIT = {"quit", "exit", "q"}


class ConsoleSession:
    def __init__(self, services: Services, caller: Caller, out: TextIO) -> None:
        self.commands = CommandHandler(services)
        self.actions = ActionHandler(services)
        self.caller = caller
        self.out = out
        self.buttons: tuple[Button, ...] = ()

    def handle_line(self, line: str) -> bool:
        """Answer one line; False when the person asked to leave."""
        line = line.strip()
        if not line:
            return True
        if line.lower() in QUIT:
            return False
        if line.isdigit() and 1 <= int(line) <= len(self.buttons):
            button = self.buttons[int(line) - 1]
            reply = self.actions.press(button.action, button.value, self.caller)
        else:
            reply = self.commands.handle(line, self.caller)
        rendered = render(reply, self.caller.language)
        # A button press answers with a confirmation; the numbers of the list stay valid.
        if rendered.buttons or not line.isdigit():
            self.buttons = rendered.buttons
        self.out.write(rendered.text + "\n")
        self.out.flush()
        return True

    def run(self, lines: Iterable[str], prompt: str = "commplan> ") -> None:
        self.out.write(prompt)
        self.out.flush()
        for line in lines:
            if not self.handle_line(line):
                break
            self.out.write(prompt)
            self.out.flush()
        self.out.write("\n")
