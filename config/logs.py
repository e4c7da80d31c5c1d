"""Log records as one JSON object per line (``COMMPLAN_LOG_FORMAT=json``), for a log collector.

Each line has ``time`` (UTC, ISO 8601), ``level``, ``logger``, ``message``, and, when known,
``request_id`` (the HTTP request being served), ``activity_id`` and ``outbox_id``. Those come
from ``log_fields`` (a context variable, so they follow a request or a send through the code
that logs) or from a call's ``extra={...}``.

Never a token or a message body: the code logs neither on purpose, and what may slip in anyway
(a feed URL in an access log line, a chat token in an exception from a client library) is
masked here: any run of 32 or more URL-safe characters, Slack tokens, bearer credentials.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

FIELDS = ("request_id", "activity_id", "outbox_id")
MASK = "[redacted]"

_SECRETS = re.compile(
    r"xox[a-z]-[A-Za-z0-9-]+"  # Slack bot, user and app-level tokens
    r"|xapp-[A-Za-z0-9-]+"
    r"|(?i:bearer)\s+[A-Za-z0-9._~+/=-]+"  # an Authorization header's credential
    r"|(?<=://)[^\s/@:]+:[^\s/@]+(?=@)"  # a URL's user:password (COMMPLAN_SMTP_URL)
    r"|(?<![A-Za-z0-9_-])[A-Za-z0-9_-]{32,}"  # feed and page tokens, digests, client secrets
)

_context: ContextVar[dict[str, Any] | None] = ContextVar("commplan_log_fields", default=None)


def redact(text: str) -> str:
    return _SECRETS.sub(MASK, text)


@contextmanager
def log_fields(**values: Any) -> Iterator[None]:
    """Add ``values`` (of ``FIELDS``) to every record logged inside the block, in this thread or
    task."""
    unknown = set(values) - set(FIELDS)
    if unknown:
        raise ValueError(f"not a log field: {sorted(unknown)}")
    token = _context.set({**(_context.get() or {}), **values})
    try:
        yield
    finally:
        _context.reset(token)


def current_fields() -> dict[str, Any]:
    return dict(_context.get() or {})


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        line: dict[str, Any] = {
            "time": dt.datetime.fromtimestamp(record.created, dt.UTC).isoformat(
                timespec="milliseconds"
            ),
            "level": record.levelname,
            "logger": record.name,
            "message": redact(record.getMessage()),
        }
        bound = current_fields()
        for name in FIELDS:
            value = getattr(record, name, bound.get(name))
            if value is not None:
                line[name] = value
        if record.exc_info:
            line["exception"] = redact(self.formatException(record.exc_info))
        return json.dumps(line, ensure_ascii=False, default=str)


def use_json(logger: logging.Logger | None = None) -> None:
    """Format every handler of ``logger`` (default: the root logger) as JSON lines, adding a
    handler on standard error if there is none."""
    target = logger or logging.getLogger()
    if not target.handlers:
        target.addHandler(logging.StreamHandler())
    for handler in target.handlers:
        handler.setFormatter(JsonFormatter())
