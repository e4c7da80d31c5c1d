"""Three independent readers of a feed, each brought to one shape to compare.

icalendar (Python), vobject (Python, an older and stricter parser) and Mozilla's ical.js (run
with node: what Thunderbird uses). A feed is right only if all three read the same events.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import icalendar
import pytest
import vobject

from bot.feeds.ical import duration

JS = Path(__file__).resolve().parents[1] / "js"


def _day(value: Any) -> str:
    if isinstance(value, dt.datetime):
        raise AssertionError(f"expected an all-day DATE, got a DATE-TIME: {value!r}")
    assert isinstance(value, dt.date)
    return value.isoformat()


def as_ical(value: Any) -> str:
    """A property value in its iCalendar form, as icalendar writes it."""
    written = value.to_ical()
    return written.decode() if isinstance(written, bytes) else str(written)


def with_icalendar(body: str) -> list[dict[str, Any]]:
    calendar = icalendar.Calendar.from_ical(body)
    events = []
    for event in calendar.walk("VEVENT"):
        rrule = event.get("RRULE")
        events.append(
            {
                "uid": str(event["UID"]),
                "summary": str(event["SUMMARY"]),
                "description": str(event["DESCRIPTION"]),
                "start": _day(event.decoded("DTSTART")),
                "end": _day(event.decoded("DTEND")),
                "status": str(event["STATUS"]),
                "sequence": int(str(event["SEQUENCE"])),
                "rrule": as_ical(rrule) if rrule else None,
                "triggers": [as_ical(alarm["TRIGGER"]) for alarm in event.walk("VALARM")],
            }
        )
    return events


def with_vobject(body: str) -> list[dict[str, Any]]:
    calendar = vobject.readOne(body)
    events = []
    for event in getattr(calendar, "vevent_list", []):
        rrule = getattr(event, "rrule", None)
        events.append(
            {
                "uid": event.uid.value,
                "summary": event.summary.value,
                "description": event.description.value,
                "start": _day(event.dtstart.value),
                "end": _day(event.dtend.value),
                "status": event.status.value,
                "sequence": int(event.sequence.value),
                "rrule": rrule.value if rrule else None,
                "triggers": [
                    _duration_text(alarm.trigger.value)
                    for alarm in getattr(event, "valarm_list", [])
                ],
            }
        )
    return events


def _duration_text(value: dt.timedelta) -> str:
    # vobject gives the trigger as a timedelta: written back in RFC 5545's form to compare.
    return duration(value)


def node_available() -> bool:
    return shutil.which("node") is not None and (JS / "node_modules" / "ical.js").is_dir()


def require_node() -> None:
    """ical.js needs node and `npm ci` in tests/js (the test command does it)."""
    if node_available():
        return
    message = "node or tests/js/node_modules missing (make test installs them)"
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


def ical_js_raw(body: str, expand_until: dt.date | None = None) -> dict[str, Any]:
    require_node()
    args = ["node", str(JS / "read_ical.mjs")]
    if expand_until is not None:
        args.append(expand_until.isoformat())
    result = subprocess.run(
        args, input=body, capture_output=True, text=True, timeout=60, check=False
    )
    assert result.returncode == 0, result.stderr
    parsed: dict[str, Any] = json.loads(result.stdout)
    return parsed


def with_ical_js(body: str) -> list[dict[str, Any]]:
    return [
        {
            "uid": event["uid"],
            "summary": event["summary"],
            "description": event["description"],
            "start": event["start"],
            "end": event["end"],
            "status": event["status"],
            "sequence": event["sequence"],
            "rrule": event["rrule"],
            "triggers": [alarm["trigger"] for alarm in event["alarms"]],
        }
        for event in ical_js_raw(body)["events"]
    ]


def read_three_ways(body: str) -> list[dict[str, Any]]:
    """The events as all three readers agree on them; fails where any reader differs."""
    first = with_icalendar(body)
    assert with_vobject(body) == first, "vobject reads the feed differently"
    assert with_ical_js(body) == first, "ical.js reads the feed differently"
    return first
