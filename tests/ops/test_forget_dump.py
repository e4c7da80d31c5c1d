"""After `people forget`, a dump of the whole database (SQLite's .dump via iterdump, PostgreSQL's
pg_dump) holds none of the person's name, e-mail address, chat ids or aliases, in any case:
not in audit rows (their details, ``surface_user``), titles and remarks, outbox payloads or
anywhere else, except in the approval drafts and decision comments the law keeps, which the
forget report lists row by row."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import time_machine
from sqlalchemy import select
from sqlalchemy.engine import make_url

from bot.services import Services
from bot.services.actor import Actor
from scheduler.outbox.kinds import NoticeKind
from storage.backup import pg_tool, run_pg_tool
from storage.models import (
    ApprovalDecision,
    ApprovalVersion,
    Decision,
    Origin,
    OutboxMessage,
)
from tests.ops.test_personal_data import CLI, EMAIL, NAME, NOW, SLACK, world

ALIASES = ("MH", "Søs", "Kommunikationschefen")


def more_of_her(services: Services, open_id: int) -> tuple[int, int]:
    """What the review found surviving: her name and address in other cases in titles,
    remarks and an outbox payload, her chat id and address as the audit's surface_user, her
    aliases in text. Returns the ids of a draft and a decision that name her (kept by law)."""
    mette = services.people.get(NAME).id
    services.people.link(NAME, CLI, aliases=ALIASES[1:])
    on_slack = Actor(Origin.SLACK, mette, NAME, surface_user=SLACK)
    by_email = Actor(Origin.EMAIL, mette, NAME, surface_user=EMAIL.upper())
    fields = {"when": "7 April 2027", "responsible": "Anna Berg"}
    services.activities.add("Plan", f"Call {NAME.upper()}", on_slack, fields=fields)
    services.activities.add(
        "Plan",
        "SØS og MH sender",
        by_email,
        fields={**fields, "remarks": f"Skriv til {EMAIL.upper()} (kommunikationschefen)"},
    )
    request = services.approvals.request(
        open_id, on_slack, text=f"Udkast skrevet af {NAME}, godkendes af MH"
    )
    services.approvals.decide(
        request.id, Decision.APPROVE, on_slack, comment=f"OK – {NAME.lower()}"
    )
    anna = services.people.get("Anna Berg").id
    with services.context.sessions.begin() as session:
        session.add(
            OutboxMessage(
                key="digest:anna",
                kind=NoticeKind.DIGEST,
                person_id=anna,
                due_at=NOW,
                payload={"lines": [f"{NAME.lower()} is away"], "by": {SLACK: EMAIL}},
            )
        )
        version = session.scalars(
            select(ApprovalVersion.id).where(ApprovalVersion.request_id == request.id)
        ).one()
        decision = session.scalars(
            select(ApprovalDecision.id).where(ApprovalDecision.request_id == request.id)
        ).one()
    return version, decision


def dump(services: Services, tmp_path: Path) -> list[str]:
    """The database as its own dump tool writes it, line by line."""
    url = make_url(str(services.context.engine.url.render_as_string(hide_password=False)))
    if url.get_backend_name() == "sqlite":
        assert url.database is not None
        with sqlite3.connect(url.database) as connection:
            return list(connection.iterdump())
    out = tmp_path / "dump.sql"
    run_pg_tool(pg_tool("pg_dump"), ["--format=plain", f"--file={out}"], services.context.engine)
    return out.read_text(encoding="utf-8").splitlines()


_INSERT = re.compile(r'INSERT INTO "?(\w+)"? VALUES\((\d+),')
_COPY = re.compile(r"COPY (?:\w+\.)?(\w+) \(")
# Lines of pg_dump (from PostgreSQL 17.6 and 16.10) that hold no data, only a random key.
_PSQL_KEYS = ("\\restrict ", "\\unrestrict ")


def rows_naming(lines: list[str], pattern: re.Pattern[str]) -> set[tuple[str, str]]:
    """(table, first value) of every dumped row that matches: INSERT lines (SQLite) and the
    rows of COPY blocks (PostgreSQL); any other matching line as ("?", line)."""
    found: set[tuple[str, str]] = set()
    copying: str | None = None
    for line in lines:
        if copying is not None:
            if line == "\\.":
                copying = None
            elif pattern.search(line):
                found.add((copying, line.split("\t", 1)[0]))
            continue
        if line.startswith(_PSQL_KEYS):
            continue  # pg_dump's \restrict/\unrestrict: a random key, by chance "mh" in it
        started = _COPY.match(line)
        if started:
            copying = started.group(1)
            continue
        if pattern.search(line):
            insert = _INSERT.match(line)
            found.add((insert.group(1), insert.group(2)) if insert else ("?", line))
    return found


def her(*aliases: str) -> re.Pattern[str]:
    """Her name, address and chat id anywhere, her aliases as words; any case. JSON in SQLite
    escapes non-ASCII letters, so those are matched escaped too."""
    words = [re.escape(word) for word in (NAME, EMAIL, SLACK)]
    for alias in aliases:
        escaped = alias.encode("ascii", "backslashreplace").decode().replace("\\x", "\\u00")
        words += [rf"(?<!\w){re.escape(alias)}(?!\w)", re.escape(escaped)]
    return re.compile("|".join(words), re.IGNORECASE)


@time_machine.travel(NOW, tick=False)
def test_a_dump_after_forget_holds_nothing_of_her_but_the_kept_records(
    services: Services, tmp_path: Path
) -> None:
    open_id, _ = world(services)
    version, decision = more_of_her(services, open_id)
    pattern = her(*ALIASES)
    before = rows_naming(dump(services, tmp_path), pattern)
    tables_before = {table for table, _ in before}
    # She is everywhere the review found her, before.
    assert {"audit_log", "activities", "outbox", "approval_versions"} <= tables_before, before

    result = services.personal_data.forget(NAME, CLI, reassign_to="Anna Berg")

    kept = result.forgotten.kept_texts
    assert kept["approval_versions.text"] == [version]
    assert kept["approval_decisions.comment"] == [decision]
    left = rows_naming(dump(services, tmp_path), pattern)
    assert left == {("approval_versions", str(version)), ("approval_decisions", str(decision))}
    # Other people's words keep their letters: only whole words go for a short alias.
    titles = {a.title for a in services.activities.list("Plan", CLI)}
    assert f"Call {result.forgotten.pseudonym}" in titles
    assert f"{result.forgotten.pseudonym} og {result.forgotten.pseudonym} sender" in titles
