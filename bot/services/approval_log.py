"""The approval audit trail as rows people can read: which activity, which exact version.

The audit rows themselves hold the request's number and, in their details, the version number
when one was at stake. A reader of the trail wants the activity's title and the version's
content hash beside them (the hash proves which text was approved); both are looked up here.
An entry without a version in its details (a withdrawal, an expiry) names the newest version
that existed at that moment.

``table`` turns the entries into a sheet: times in the reader's zone to the second (an audit
trail; the heading names the zone), headings and the codes of action, capacity, surface,
decision and refusal as words in the reader's language, who acted as a person (never
"cli:root"), and one column per detail field instead of a JSON blob. The JSON keeps codes.
"""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from bot.interchange.tables import AuditTable
from bot.texts import actor_text, all_messages, t
from config.languages import Language
from storage.models import ApprovalVersion
from storage.repositories import activities, audit
from storage.repositories import approvals as requests

# The fixed columns, in order; their headings are texts "audit.column.<name>".
COLUMNS = ("at", "action", "request", "activity_id", "activity", "version", "content_hash")
COLUMNS_AFTER = ("who", "capacity", "surface")
# Detail fields with a heading of their own ("audit.detail.<name>"); others keep their key.
KNOWN_DETAILS = (
    "decision",
    "comment",
    "on_behalf_of",
    "for_group",
    "voided",
    "reason",
    "attempted",
    "permission",
    "outcome",
    "self_approval",
)


def entries(session: Session, *, plan_id: int | None) -> list[dict[str, Any]]:
    """Every approval audit row (of one plan, or all), oldest first, with activity and version."""
    titles: dict[int, tuple[int | None, str | None]] = {}
    versions: dict[int, list[ApprovalVersion]] = {}
    found: list[dict[str, Any]] = []
    for entry in audit.entries(session, plan_id=plan_id, entity="approval"):
        details: dict[str, Any] = dict(entry.details or {})
        activity_id: int | None = None
        title: str | None = None
        version: ApprovalVersion | None = None
        if entry.entity_id is not None:
            if entry.entity_id not in titles:
                titles[entry.entity_id] = _activity(session, entry.entity_id)
                versions[entry.entity_id] = list(requests.versions(session, entry.entity_id))
            activity_id, title = titles[entry.entity_id]
            version = _version(versions[entry.entity_id], details.get("version"), entry.at)
        found.append(
            {
                "at": entry.at.isoformat(),
                "action": entry.action,
                "request": entry.entity_id,
                "plan_id": entry.plan_id,
                "activity_id": activity_id,
                "activity": title,
                "version": version.number if version else details.get("version"),
                "content_hash": version.content_hash if version else None,
                "who": entry.actor_text,
                "capacity": entry.capacity,
                "surface": entry.origin,
                "details": details,
            }
        )
    return found


def _activity(session: Session, request_id: int) -> tuple[int | None, str | None]:
    request = requests.by_id(session, request_id)
    if request is None:  # deleted with its activity; the audit row outlives both
        return None, None
    activity = activities.by_id(session, request.activity_id)
    return request.activity_id, activity.title if activity else None


def _version(
    known: list[ApprovalVersion], number: object, at: dt.datetime
) -> ApprovalVersion | None:
    if isinstance(number, int):
        return next((v for v in known if v.number == number), None)
    earlier = [v for v in known if v.created_at <= at]
    return max(earlier, key=lambda v: v.number) if earlier else None


def table(found: list[dict[str, Any]], *, zone: ZoneInfo, language: Language) -> AuditTable:
    """The entries as a sheet of text cells: one column per detail field any entry has."""
    seen = {key for entry in found for key in entry["details"] if key != "version"}
    extra = [key for key in KNOWN_DETAILS if key in seen] + sorted(seen - set(KNOWN_DETAILS))
    at_heading = t("audit.column.at", language)
    headings = (
        [t("time.zone_heading", language, heading=at_heading, zone=zone.key)]
        + [t(f"audit.column.{name}", language) for name in COLUMNS[1:]]
        + [t(f"audit.column.{name}", language) for name in COLUMNS_AFTER]
        + [t(f"audit.detail.{key}", language) if key in KNOWN_DETAILS else key for key in extra]
    )
    rows = [
        tuple(
            [_local(entry["at"], zone)]
            + [_word(name, entry[name], language) for name in COLUMNS[1:]]
            + [_word(name, entry[name], language) for name in COLUMNS_AFTER]
            + [_word(key, entry["details"].get(key), language) for key in extra]
        )
        for entry in found
    ]
    moments = tuple(
        dt.datetime.fromisoformat(entry["at"]).astimezone(zone).replace(microsecond=0, tzinfo=None)
        for entry in found
    )
    return AuditTable(language, tuple(headings), tuple(rows), moments)


def _local(at: str, zone: ZoneInfo) -> str:
    """``2026-03-29 03:15:07``: the wall clock in the organisation's zone, to the second."""
    moment = dt.datetime.fromisoformat(at).astimezone(zone).replace(microsecond=0)
    return moment.strftime("%Y-%m-%d %H:%M:%S")


# The columns whose codes read as words: "audit.action.approval.decide" -> "beslutning".
_WORDS = {
    "action": "audit.action.",
    "capacity": "audit.capacity.",
    "surface": "audit.surface.",
    "reason": "audit.reason.",
    "decision": "decision.",
    "outcome": "approval.status.",
}


def _word(column: str, value: object, language: Language) -> str:
    """A cell as people read it: a code of a known column in words, who acted as a person (the
    command line as the administrator), the rest as text. A code with no word yet stays as it
    is: the cell still says what happened."""
    if column == "who":
        return actor_text(value, language) if value else ""
    prefix = _WORDS.get(column)
    if prefix and isinstance(value, str) and f"{prefix}{value}" in all_messages():
        return t(f"{prefix}{value}", language)
    return _text(value, language)


def _text(value: object, language: Language) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return t("audit.yes" if value else "audit.no", language)
    if isinstance(value, list | tuple):
        return ", ".join(_text(item, language) for item in value)
    return str(value)
