"""The serving process's log: one line per record, no secrets, no request bodies.

- Every message is one line: a newline, carriage return or other control character that came
  from outside (a Slack action id, a Teams verb, a file name) is written escaped (``\\n``), so
  no client can forge a log line; a message is cut at ``MAX_MESSAGE`` characters.
- The access log names ``/ical/<token>.ics``, ``/plans/<token>``,
  ``/plans/<token>/timeline.png``, ``/plans/picture/<signed>.png``, ``/calendar/<signed>[.png]``
  and ``/email/<signed>`` without the token, all of it: the URL is the credential (a signed
  link's payload can be guessed, so its timestamp and signature alone would rebuild it).
- slack-bolt logs whole request bodies at INFO and DEBUG (on a bad signature, an unhandled
  request, ...): its loggers get ``bolt_logger()``, which lets only warnings and errors through.
  The Teams SDK writes each activity it receives at DEBUG: its loggers stay at INFO or above
  whatever COMMPLAN_LOG_LEVEL says.
"""

from __future__ import annotations

import logging
import re
from typing import Any

from config.logs import redact

MAX_MESSAGE = 4000
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
# The tokened routes (bot/web/feeds.py, bot/web/plan_page.py, bot/web/calendar_page.py,
# e-mail's action pages), as the access log writes them: the whole path segment goes.
_TOKENED = re.compile(r"^(/ical/|/calendar/|/plans/picture/|/plans/|/email/)([^/?#]+)")
# The routes whose token is followed by a file type in the same segment.
_SUFFIXED = {"/ical/": (".ics",), "/calendar/": (".png",), "/plans/picture/": (".png",)}
REDACTED = "[token]"


def one_line(text: str, limit: int = MAX_MESSAGE) -> str:
    """``text`` with every control character escaped, cut to ``limit`` characters."""
    if len(text) > limit:
        text = f"{text[:limit]}… ({len(text) - limit} more characters)"
    return _CONTROL.sub(lambda m: _NAMED.get(m.group(), f"\\x{ord(m.group()):02x}"), text)


def redact_path(path: str) -> str:
    """``/ical/abc.ics`` → ``/ical/[token].ics``; ``/plans/abc/timeline.png`` →
    ``/plans/[token]/timeline.png``; other paths as they are."""

    def replace(match: re.Match[str]) -> str:
        route, token = match.group(1), match.group(2)
        suffix = next((s for s in _SUFFIXED.get(route, ()) if token.endswith(s)), "")
        return f"{route}{REDACTED}{suffix}"

    return _TOKENED.sub(replace, path, count=1)


class OneLineFormatter(logging.Formatter):
    """A record's message on one line; a traceback (ours, not a client's) keeps its lines,
    each indented so none can pass for a record of its own."""

    def format(self, record: logging.LogRecord) -> str:
        # Secrets are masked in both formats (config/logs.py's redact; JSON lines do the same).
        record.message = one_line(redact(record.getMessage()))
        if self.usesTime():
            record.asctime = self.formatTime(record, self.datefmt)
        text = self.formatMessage(record)
        if record.exc_info and not record.exc_text:
            record.exc_text = self.formatException(record.exc_info)
        extra = [
            record.exc_text or "",
            self.formatStack(record.stack_info) if record.stack_info else "",
        ]
        for block in extra:
            if block:
                lines = (one_line(redact(line), MAX_MESSAGE) for line in block.splitlines())
                text += "\n" + "\n".join(f"    {line}" for line in lines)
        return text


class RedactTokens(logging.Filter):
    """For uvicorn's access log: the path argument without its token."""

    def filter(self, record: logging.LogRecord) -> bool:
        args = record.args
        if isinstance(args, tuple) and len(args) >= 3 and isinstance(args[2], str):
            record.args = (*args[:2], redact_path(args[2]), *args[3:])
        return True


def bolt_logger() -> logging.Logger:
    """The base logger for slack-bolt (``AsyncApp(logger=...)``): its sub-loggers copy this
    level, so the bodies it writes at INFO and DEBUG are never formatted, at any
    COMMPLAN_LOG_LEVEL."""
    logger = logging.getLogger("commplan.slack_bolt")
    logger.setLevel(logging.WARNING)
    return logger


def log_config(level: str) -> dict[str, Any]:
    """The ``logging.config.dictConfig`` of ``commplan serve``: commplan's, the libraries' and
    uvicorn's records on stderr, the access log on stdout."""
    formatter = {"()": OneLineFormatter, "fmt": "%(asctime)s %(levelname)s %(name)s: %(message)s"}
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {"redact": {"()": RedactTokens}},
        "formatters": {
            "plain": formatter,
            "access": {"()": OneLineFormatter, "fmt": "%(asctime)s %(message)s"},
        },
        "handlers": {
            "stderr": {
                "class": "logging.StreamHandler",
                "formatter": "plain",
                "stream": "ext://sys.stderr",
            },
            "access": {
                "class": "logging.StreamHandler",
                "formatter": "access",
                "filters": ["redact"],
                "stream": "ext://sys.stdout",
            },
        },
        "loggers": {
            "microsoft_teams": {"level": "INFO" if level == "DEBUG" else level},
            "uvicorn": {"handlers": [], "level": level, "propagate": True},
            "uvicorn.error": {"handlers": [], "level": level, "propagate": True},
            "uvicorn.access": {"handlers": ["access"], "level": "INFO", "propagate": False},
        },
        "root": {"handlers": ["stderr"], "level": level},
    }
