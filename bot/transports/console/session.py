"""`commplan console`: talk to the bot in a terminal, as a chosen person.

Lines go through the same ``CommandHandler`` and ``ActionHandler`` as Slack and Teams: typing
``/commplan upcoming`` here runs exactly what a Slack user's slash command runs. A number
presses that button of the last reply. Reject and Request changes ask for the comment first,
as Slack's modal and the Teams card do: the next line typed is the comment (an empty line: none).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TextIO

from bot.chat.actions import ActionHandler
from bot.chat.caller import Caller
from bot.chat.commands.handler import CommandHandler
from bot.chat.commands.parsed import ImportCommand, SteeringCommand
from bot.chat.commands.parsing import parse
from bot.chat.reminders import reminder_reply
from bot.chat.replies import Action, Button, Reply
from bot.chat.steering_form import FIELDS, SteeringForm, open_reply, submit, typed_picks
from bot.chat.uploads import preview_reply
from bot.services import Services
from bot.services.errors import ServiceError
from bot.services.steering import Pick
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
        # The steering group form's answers so far, while it is being filled in.
        self.form: dict[str, str] | None = None

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
        if self.form is not None:
            self.answer(line)  # an empty answer too: it may stop the form
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
            if button.action is Action.STEERING_FORM:
                self.start_form()
                return True
            reply = self.actions.press(button.action, button.value, self.caller)
        else:
            command = parse(line)
            if isinstance(command, ImportCommand) and command.path:
                reply = self.upload(command.path)
            elif isinstance(command, SteeringCommand):
                self.start_form()
                return True
            else:
                reply = self.commands.handle(line, self.caller)
        rendered = render(reply, self.caller.language)
        # A button press answers with a confirmation; the numbers of the list stay valid.
        if rendered.buttons or not line.isdigit():
            self.buttons = rendered.buttons
        self.out.write(rendered.text + "\n")
        self.show_arrived()
        return True

    # The steering group form: one question a line (bot/chat/steering_form.py)

    def start_form(self) -> None:
        """`steering`: ask the form's fields one by one, for whoever may change a plan."""
        try:
            open_reply(self.services, self.caller)  # refuses whoever may change no plan
        except ServiceError as err:
            self._say(Reply(err.message(self.caller.language), refused=True))
            return
        self.form = {}
        self._ask()

    def answer(self, line: str) -> None:
        """The answer to the form's current question; an empty one to a field it needs (plan,
        name, chair) stops the form with nothing made."""
        assert self.form is not None
        field = FIELDS[len(self.form)]
        if not line.strip() and field in ("plan", "name", "chair"):
            self.form = None
            self._say(Reply(t("steering.form.stopped", self.caller.language)))
            return
        self.form[field] = line.strip()
        if len(self.form) < len(FIELDS):
            self._ask()
            return
        given, self.form = self.form, None
        form = SteeringForm(
            plan=given["plan"],
            name=given["name"],
            chair=Pick(text=given["chair"]),
            members=typed_picks(given["members"]),
            rule=given["rule"] or "any",
            deputies=typed_picks(given["deputies"]),
        )
        try:
            reply = submit(self.services, form, self.caller)
        except ServiceError as err:
            reply = Reply(err.message(self.caller.language), refused=True)
        self._say(reply)

    def _ask(self) -> None:
        assert self.form is not None
        field = FIELDS[len(self.form)]
        self.out.write(t(f"steering.ask.{field}", self.caller.language) + "\n")
        self.out.flush()

    def _say(self, reply: Reply) -> None:
        self.out.write(render(reply, self.caller.language).text + "\n")
        self.show_arrived()

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
