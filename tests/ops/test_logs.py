"""COMMPLAN_LOG_FORMAT=json: one object per line, with the ids that follow a request or a send,
and never a token."""

from __future__ import annotations

import datetime as dt
import io
import json
import logging
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from bot.web.logs import OneLineFormatter
from bot.web.request_id import RequestIdMiddleware
from config import load_settings
from config.logs import JsonFormatter, log_fields
from config.settings import SettingsError
from scheduler.logged import LoggedNotifier
from scheduler.notifier import Delivery, Notice
from scheduler.outbox.kinds import NoticeKind
from storage.tokens import new_token

NOW = dt.datetime(2027, 4, 6, 7, 0, tzinfo=dt.UTC)


@pytest.fixture
def lines() -> Iterator[tuple[logging.Logger, io.StringIO]]:
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    logger = logging.getLogger("commplan.test")
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    logger.propagate = False
    yield logger, stream
    logger.removeHandler(handler)


def records(stream: io.StringIO) -> list[dict[str, Any]]:
    return [json.loads(line) for line in stream.getvalue().splitlines()]


def test_a_line_has_time_level_logger_message_and_the_bound_ids(
    lines: tuple[logging.Logger, io.StringIO],
) -> None:
    logger, stream = lines
    with log_fields(request_id="r-1"), log_fields(activity_id=7):
        logger.info("sent %s", "a reminder", extra={"outbox_id": 42})
    logger.warning("outside")
    first, second = records(stream)
    assert first["level"] == "INFO" and first["logger"] == "commplan.test"
    assert first["message"] == "sent a reminder"
    assert (first["request_id"], first["activity_id"], first["outbox_id"]) == ("r-1", 7, 42)
    assert first["time"].endswith("+00:00")
    assert "request_id" not in second and second["level"] == "WARNING"


def test_tokens_are_masked_in_messages_and_exceptions(
    lines: tuple[logging.Logger, io.StringIO],
) -> None:
    logger, stream = lines
    token = new_token()
    logger.info('"GET /ical/%s.ics HTTP/1.1" 200', token)
    try:
        raise RuntimeError("invalid_auth for xoxb-1234-5678-abcdefABCDEF, Bearer eyJhbGciOi.x.y")
    except RuntimeError:
        logger.exception("slack failed")
    text = stream.getvalue()
    assert token not in text and "xoxb-1234" not in text and "eyJhbGciOi" not in text
    access, failure = records(stream)
    assert access["message"] == '"GET /ical/[redacted].ics HTTP/1.1" 200'
    assert "RuntimeError" in failure["exception"]


def test_the_text_format_masks_secrets_too() -> None:
    """The default one-line format masks what the JSON lines mask: a token in a message or in
    a traceback's lines."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(OneLineFormatter("%(levelname)s %(name)s: %(message)s"))
    logger = logging.getLogger("commplan.test.text")
    logger.addHandler(handler)
    logger.propagate = False
    try:
        try:
            raise RuntimeError("invalid_auth for xoxb-1234-5678-abcdefABCDEF")
        except RuntimeError:
            logger.exception("slack failed with Bearer eyJhbGciOi.x.y")
    finally:
        logger.removeHandler(handler)
    text = stream.getvalue()
    assert "slack failed" in text and "RuntimeError" in text
    assert "xoxb-1234" not in text and "eyJhbGciOi" not in text


def test_each_request_gets_an_id_on_its_log_lines_and_in_the_response(
    lines: tuple[logging.Logger, io.StringIO],
) -> None:
    logger, stream = lines
    app = FastAPI()

    @app.get("/work")
    def work() -> dict[str, str]:
        logger.info("working")
        return {"ok": "yes"}

    with TestClient(RequestIdMiddleware(app)) as client:
        given = client.get("/work", headers={"X-Request-ID": "proxy-abc.1"})
        made = client.get("/work", headers={"X-Request-ID": "bad id with spaces"})
    assert given.headers["x-request-id"] == "proxy-abc.1"
    assert len(made.headers["x-request-id"]) == 32
    assert [line["request_id"] for line in records(stream)] == [
        "proxy-abc.1",
        made.headers["x-request-id"],
    ]


def test_the_setting_takes_text_or_json_only() -> None:
    assert load_settings(COMMPLAN_LOG_FORMAT="JSON").log_format == "json"
    with pytest.raises(SettingsError, match="COMMPLAN_LOG_FORMAT"):
        load_settings(COMMPLAN_LOG_FORMAT="xml")


def test_what_a_transport_logs_while_delivering_names_the_message(
    lines: tuple[logging.Logger, io.StringIO],
) -> None:
    logger, stream = lines

    class Grumbling:
        name = "grumbling"
        min_interval = 0.0

        def deliver(self, notice: Notice) -> Delivery:
            logger.warning("the chat service was slow")
            return Delivery()

        def remove(self, notice: Notice, delivery: Delivery) -> bool:
            return False

    notifier = LoggedNotifier(Grumbling())
    notifier.deliver(
        Notice(
            key="reminder:7:2027-04-06:before:0:3",
            kind=NoticeKind.REMINDER,
            due_at=NOW,
            activity_id=7,
        )
    )
    [line] = records(stream)
    assert (line["outbox_id"], line["activity_id"]) == ("reminder:7:2027-04-06:before:0:3", 7)
    assert notifier.name == "grumbling"
