"""A plan's file sent to the bot, on the console (`import PATH`): the preview, Import as the
sender, Cancel, refusals with nothing stored, and the upload gone after an answer or 24 hours."""

from __future__ import annotations

import base64
import datetime as dt
import io
import json
from pathlib import Path

import time_machine
from sqlalchemy import func, select

from bot.chat.caller import Caller
from bot.exporting.excel import write_xlsx
from bot.services import Services
from bot.services.actor import Actor
from bot.transports.console.session import ConsoleSession
from scheduler.retention import Retention
from storage.database import session_factory
from storage.models import AuditEntry, Origin, PendingUpload, Plan

CLI = Actor(Origin.CLI, None, "cli:test", admin=True)
SAMPLES = Path(__file__).resolve().parents[2] / "samples"
NOW = dt.datetime(2027, 1, 11, 9, 0, tzinfo=dt.UTC)


def console_of(services: Services, name: str, team: str | None = "udbud") -> ConsoleSession:
    person = services.people.add(name, CLI, team=team)
    actor = Actor(Origin.CONSOLE, person.id, person.name, surface_user=f"console:{person.id}")
    return ConsoleSession(services, Caller(actor, "en"), io.StringIO())


def said(session: ConsoleSession) -> str:
    out = session.out
    assert isinstance(out, io.StringIO)
    text = out.getvalue()
    out.seek(0)
    out.truncate()
    return text


def count(services: Services, model: type) -> int:
    with services.context.sessions() as session:
        return int(session.scalar(select(func.count()).select_from(model)) or 0)


def plan_file(tmp_path: Path, name: str = "Udbud.csv") -> Path:
    target = tmp_path / name
    target.write_bytes((SAMPLES / "udbud-kommunikationsplan.csv").read_bytes())
    return target


@time_machine.travel(NOW, tick=False)
def test_preview_then_import_makes_the_sender_the_owner(services: Services, tmp_path: Path) -> None:
    services.teams.add("Udbud", CLI)
    session = console_of(services, "Frida Carlsson")
    session.handle_line(f"import {plan_file(tmp_path)}")
    preview = said(session)
    assert "Udbud.csv becomes a new plan, «Udbud», in team udbud" in preview
    assert "Added: 8, changed: 0, removed: 0, unchanged: 0." in preview
    # The first activities with the reading of their timing; the names that match nobody.
    assert "«Hver måned» → recurring (FREQ=MONTHLY" in preview
    assert "Names that match nobody: Projektleder" in preview
    assert "[1] Import  [2] Cancel" in preview
    assert count(services, Plan) == 0  # a preview writes no plan
    assert count(services, PendingUpload) == 1

    session.handle_line("1")  # Import
    answer = said(session)
    plan = services.plans.get("Udbud")
    assert f"Imported: «Udbud» (#{plan.id}). Added: 8" in answer
    assert "set up the steering group with steering" in answer
    assert plan.team_slug == "udbud"
    with services.context.sessions() as db:
        stored = db.get(Plan, plan.id)
        assert stored is not None
        assert stored.owner_id == session.caller.person_id
    assert count(services, PendingUpload) == 0  # the upload goes with the answer

    session.handle_line("1")  # a second click finds nothing: one import
    assert "no longer waiting" in said(session)
    assert count(services, Plan) == 1


@time_machine.travel(NOW, tick=False)
def test_cancel_stores_nothing(services: Services, tmp_path: Path) -> None:
    services.teams.add("Udbud", CLI)
    session = console_of(services, "Frida Carlsson")
    session.handle_line(f"import {plan_file(tmp_path)}")
    said(session)
    session.handle_line("2")  # Cancel
    assert "Cancelled: nothing of Udbud.csv was kept." in said(session)
    assert count(services, PendingUpload) == 0
    assert count(services, Plan) == 0


@time_machine.travel(NOW, tick=False)
def test_an_update_needs_the_right_to_change_the_plan(services: Services, tmp_path: Path) -> None:
    services.teams.add("Udbud", CLI)
    owner = console_of(services, "Frida Carlsson")
    owner.handle_line(f"import {plan_file(tmp_path)}")
    said(owner)
    owner.handle_line("1")
    assert "Imported" in said(owner)
    # A team member who is not the plan's owner or editor sends the same plan.
    other = console_of(services, "Bo Berg")
    other.handle_line(f"import {plan_file(tmp_path)}")
    assert "Only the plan's owner and editors can change the plan Udbud." in said(other)
    assert count(services, PendingUpload) == 0
    # The owner may: an update, with nothing changed.
    owner.handle_line(f"import {plan_file(tmp_path)}")
    again = said(owner)
    plan = services.plans.get("Udbud")
    assert f"Udbud.csv updates the plan «Udbud» (#{plan.id})" in again
    assert "Added: 0, changed: 0, removed: 0, unchanged: 8." in again


@time_machine.travel(NOW, tick=False)
def test_refusals_store_nothing(services: Services, tmp_path: Path) -> None:
    services.teams.add("Udbud", CLI)
    session = console_of(services, "Frida Carlsson")
    # A program renamed .xlsx: its first bytes are no Office package.
    program = tmp_path / "plan.xlsx"
    program.write_bytes(b"MZ\x90\x00\x03" + b"\x00" * 200)
    session.handle_line(f"import {program}")
    assert "plan.xlsx:" in said(session)
    # 30 MB: refused by its size, before it is read.
    big = tmp_path / "big.xlsx"
    with big.open("wb") as stream:
        stream.truncate(30_000_000)
    session.handle_line(f"import {big}")
    refusal = said(session)
    assert refusal.startswith("big.xlsx:")
    assert "20000000" in refusal.replace(",", "").replace(" ", "")  # the limit it passed
    # Someone in no team may create no plan.
    loner = console_of(services, "Lone Ulf", team=None)
    loner.handle_line(f"import {plan_file(tmp_path)}")
    assert "You are in no team, so you cannot create plans" in said(loner)
    assert count(services, PendingUpload) == 0
    assert count(services, Plan) == 0
    with services.context.sessions() as db:
        refused = db.scalars(
            select(AuditEntry).where(AuditEntry.action == "permission.refused")
        ).all()
        assert [(entry.details or {}).get("attempted") for entry in refused] == ["plan.upload"]


def test_an_unanswered_upload_is_deleted_after_24_hours(services: Services, tmp_path: Path) -> None:
    services.teams.add("Udbud", CLI)
    retention = Retention(
        session_factory(services.context.engine),
        outbox_days=90,
        delegation_days=365,
        every=dt.timedelta(0),
    )
    with time_machine.travel(NOW, tick=False) as clock:
        session = console_of(services, "Frida Carlsson")
        session.handle_line(f"import {plan_file(tmp_path)}")
        assert count(services, PendingUpload) == 1
        clock.move_to(NOW + dt.timedelta(hours=23, minutes=59))
        assert retention().uploads == 0
        assert count(services, PendingUpload) == 1
        clock.move_to(NOW + dt.timedelta(hours=24, minutes=1))
        assert retention().uploads == 1
        assert count(services, PendingUpload) == 0
        said(session)
        session.handle_line("1")
        assert "no longer waiting" in said(session)
    assert count(services, Plan) == 0


@time_machine.travel(NOW, tick=False)
def test_a_waiting_upload_is_in_the_senders_export_and_goes_when_forgotten(
    services: Services, tmp_path: Path
) -> None:
    services.teams.add("Udbud", CLI)
    session = console_of(services, "Frida Carlsson")
    session.handle_line(f"import {plan_file(tmp_path)}")
    exported = services.personal_data.export("Frida Carlsson", CLI)
    [kept] = exported.sections["pending_uploads.person_id"]
    sent = (SAMPLES / "udbud-kommunikationsplan.csv").read_bytes()
    assert base64.b64decode(kept["content"]) == sent
    json.dumps(exported.as_json())  # the whole export is JSON
    services.personal_data.forget("Frida Carlsson", CLI)
    assert count(services, PendingUpload) == 0


@time_machine.travel(NOW, tick=False)
def test_an_export_of_ours_updates_its_own_plan_only_for_who_may_change_it(
    services: Services, tmp_path: Path
) -> None:
    services.teams.add("Udbud", CLI)
    services.teams.add("Andet", CLI)
    owner = console_of(services, "Frida Carlsson")
    owner.handle_line(f"import {plan_file(tmp_path)}")
    owner.handle_line("1")
    said(owner)
    # The plan as exported: the file names its plan (issue 18's identity), renamed by someone.
    exported = tmp_path / "kopi af planen.xlsx"
    write_xlsx(services.exports.table("Udbud", CLI), exported)
    # Someone of another team: the identity finds the plan, which they may not change (no copy
    # into their own team).
    outsider = console_of(services, "Otto Udenfor", team="andet")
    outsider.handle_line(f"import {exported}")
    refusal = said(outsider)
    # A plan they may not read is not named to them (issue 28).
    assert refusal.startswith("You cannot do that: the plan is not one you can see")
    assert "Udbud" not in refusal
    assert count(services, PendingUpload) == 0
    # Its owner: an update of the same plan, whatever the file is called.
    owner.handle_line(f"import {exported}")
    plan = services.plans.get("Udbud")
    assert f"kopi af planen.xlsx updates the plan «Udbud» (#{plan.id})" in said(owner)
    assert count(services, Plan) == 1
