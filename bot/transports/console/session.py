"""`commplan console`: talk to the bot in a terminal, as a chosen person.

Lines go through the same ``CommandHandler`` and ``ActionHandler`` as Slack and Teams: typing
``/commplan upcoming`` here runs exactly what a Slack user's slash command runs. A number
presses that button of the last reply.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TextIO

from bot.chat.actions import ActionHandler
from bot.chat.caller import Caller
from bot.chat.commands import CommandHandler, ImportCommand, parse
from bot.chat.reminders import reminder_reply
from bot.chat.replies import Button, Reply
from bot.chat.uploads import preview_reply
from bot.services import Services
from bot.services.errors import ServiceError
from bot.texts import t
from bot.transports.console.inbox import ConsoleInbox
from bot.transports.console.render import render

QUIT = {"quit", "exit", "q"}


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

    def handle_line(self, line: str) -> bool:
        """Answer one line, then show what arrived for the person; False when they asked to
        leave. An empty line only looks for what arrived."""
        line = line.strip()
        if not line:
            self.show_arrived()
            return True
        if line.lower() in QUIT:
            return False
        if line.isdigit() and 1 <= int(line) <= len(self.buttons):
            button = self.buttons[int(line) - 1]
            reply = self.actions.press(button.action, button.value, self.caller)
        else:
            command = parse(line)
            if isinstance(command, ImportCommand) and command.path:
                reply = self.upload(command.path)
            else:
                reply = self.commands.handle(line, self.caller)
        rendered = render(reply, self.caller.language)
        # A button press answers with a confirmation; the numbers of the list stay valid.
        if rendered.buttons or not line.isdigit():
            self.buttons = rendered.buttons
        self.out.write(rendered.text + "\n")
        self.show_arrived()
        return True

    def upload(self, path: str) -> Reply:
        """`import PATH`: the file on this machine, as a chat would receive it: its size
        checked before it is read, then the same preview with Import and Cancel."""
        file = Path(path).expanduser()
        language = self.caller.language
        try:
            size = file.stat().st_size if file.is_file() else None
            if size is None:
                return Reply(f"{file.name}: {t('import.error.missing', language)}", refused=True)
            self.services.uploads.check_before_download(file.name, size, self.caller.actor)
            return preview_reply(self.services, file.name, file.read_bytes(), self.caller)
        except ServiceError as err:
            return Reply(err.message(language), refused=True)
        except OSError:
            return Reply(f"{file.name}: {t('import.error.unreadable', language)}", refused=True)

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
