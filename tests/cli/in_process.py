"""`commplan ARGS` run in this process: the installed script's entry point (bot.cli.main.run)
with its exit status, stdout and stderr apart, as a person at a terminal sees them.

A process per command costs most of a second (Python's start and the imports: docs/performance.md,
"The command line's start"); this costs milliseconds. What only a real process shows (the
installed script starts, a traceback or a log line that escapes the one-line errors, signals, a
terminal) stays in the tests that start one: tests/cli/test_cli.py keeps them, with
tests/importing/test_progress.py."""

from __future__ import annotations

import contextlib
import io
import logging
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pytest
import typer.main

from bot.cli import context, main


@dataclass(frozen=True)
class Result:
    returncode: int
    stdout: str
    stderr: str


def run(db: Path, *args: str, env: dict[str, str] | None = None) -> Result:
    """`commplan ARGS` on the SQLite file ``db``, answering in English unless ``env`` says
    otherwise, in ``db``'s folder. As with a process of its own, no COMMPLAN_, SLACK_ or
    TEAMS_ variable of the test run leaks in, and nothing it sets stays after."""
    stdout, stderr = io.StringIO(), io.StringIO()
    with pytest.MonkeyPatch.context() as patch:
        for name in list(os.environ):
            if name.startswith(("COMMPLAN_", "SLACK_", "TEAMS_")):
                patch.delenv(name)
        patch.setenv("COMMPLAN_DATABASE_URL", f"sqlite:///{db}")
        patch.setenv("COMMPLAN_LANGUAGE", "en")
        for name, value in (env or {}).items():
            patch.setenv(name, value)
        patch.setattr(sys, "argv", ["commplan", *args])
        patch.chdir(db.parent)
        patch.setattr(typer.main, "get_command", _command_once)
        with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
            code = _run_with_its_own_logging()
    return Result(code, stdout.getvalue(), stderr.getvalue())


_GET_COMMAND = typer.main.get_command


@cache
def _commplan_command() -> Callable[..., object]:
    return _GET_COMMAND(main.app)


def _command_once(app: typer.Typer) -> Callable[..., object]:
    """Typer builds the click command from the app's functions on every call (0.15 s, most of
    a command's time here); a process builds it once, and so does this run: it is the same
    app each time, and click keeps what one invocation parses in its own context."""
    return _commplan_command() if app is main.app else _GET_COMMAND(app)


def _run_with_its_own_logging() -> int:
    """main.run() as the script runs it. Its logging.basicConfig finds the root logger without
    handlers, as in a new process, so a warning it logs lands on this command's stderr, where
    a test that wants exactly one line sees it; pytest's own handlers come back afterwards."""
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    root.handlers = []
    context.settings.cache_clear()
    context.services.cache_clear()
    try:
        main.run()
        code = 0
    except SystemExit as exit_:
        # as the interpreter exits: None is 0, a number itself, anything else 1
        code = exit_.code if isinstance(exit_.code, int) else int(exit_.code is not None)
    finally:
        if context.services.cache_info().currsize:
            context.services().context.engine.dispose()
        context.settings.cache_clear()
        context.services.cache_clear()
        for handler in root.handlers:
            handler.close()
        root.handlers, root.level = handlers, level
    return code
