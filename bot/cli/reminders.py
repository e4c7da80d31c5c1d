"""`commplan reminders ...`: what will be sent and when, what was, and the policy."""

from __future__ import annotations

import datetime as dt
import signal
import threading
from typing import TYPE_CHECKING, Annotated

import typer

from bot.cli import context, gate
from bot.cli.context import actor
from bot.cli.output import Format, print_json, print_table, say
from bot.texts import Phrase, t
from bot.texts.local import moment_text, zone_for

if TYPE_CHECKING:
    from config.languages import Language

app = typer.Typer(help="Reminders: preview, status and policy.", no_args_is_help=True)


def _day(value: str | None, default: dt.date, option: str) -> dt.date:
    if value is None:
        return default
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(
            t("cli.usage.day", context.language()), param_hint=option
        ) from None


@app.command("preview")
@gate.admin_only
def preview(
    plan: Annotated[str | None, typer.Option(help="Only this plan (name or #id).")] = None,
    start: Annotated[
        str | None, typer.Option("--from", help="First day, YYYY-MM-DD (default: today).")
    ] = None,
    end: Annotated[
        str | None,
        typer.Option("--to", help="Last day, YYYY-MM-DD (default: 14 days on; at most 5 years)."),
    ] = None,
    include_sent: Annotated[
        bool, typer.Option("--include-sent", help="Show those already sent too (marked sent).")
    ] = False,
    fmt: Annotated[Format, typer.Option("--format")] = Format.TABLE,
) -> None:
    """What will still be sent, when (recipient's local time) and to whom, if nothing changes."""
    services = context.services()
    today = services.context.today()
    first = _day(start, today, "--from")
    last = _day(end, first + dt.timedelta(days=14), "--to")
    rows = services.reminders.preview(plan=plan, start=first, end=last, include_sent=include_sent)
    if fmt is Format.JSON:
        print_json([row.as_json() for row in rows])
        return
    language = context.language()
    print_table(
        None,
        ["column.when_recipient", "column.kind", "column.to", "column.activity"],
        [
            (
                # In the recipient's own zone, as they will read it.
                moment_text(row.local, language, zone_for(str(row.local.tzinfo))),
                _kind(row.kind, language, sent=row.sent),
                row.person or Phrase("reminder.to_steering"),
                f"#{row.activity_id} {row.activity[:60]}",
            )
            for row in rows
        ],
    )
    # Activities with nobody responsible: where their reminders go, or that they get none.
    for name, gaps in services.reminders.unassigned(plan=plan):
        say(f"{name}: {gaps.text(language)}")


@app.command("status")
@gate.admin_only
def status(fmt: Annotated[Format, typer.Option("--format")] = Format.TABLE) -> None:
    """How many messages are pending, sent, failed and cancelled, and how many went out late."""
    from storage.models import surface_word  # the surface as people read it ("teams")

    services = context.services()
    counts = services.reminders.status()
    down = services.reminders.down()
    if fmt is Format.JSON:
        print_json(
            {
                **counts,
                "down": {
                    surface_word(health.surface): {
                        "since": health.down_since.isoformat() if health.down_since else None,
                        "next_try": health.probe_at.isoformat() if health.probe_at else None,
                    }
                    for health in down
                },
            }
        )
        return
    print_table(
        None,
        ["column.state", "column.messages"],
        [(Phrase(f"outbox.state.{state}"), count) for state, count in counts.items()],
    )
    language = context.language()
    zone = zone_for(context.settings().timezone)
    for health in down:
        assert health.down_since is not None
        since = moment_text(health.down_since, language, zone)
        say(t("surface.down", language, surface=surface_word(health.surface), since=since))


def _kind(kind: str, language: Language, *, sent: bool) -> str:
    """A preview row's kind, marked when it went out already (``--include-sent``)."""
    text = t(f"notice.kind.{kind}", language)
    return f"{text} ({t('reminder.sent_mark', language)})" if sent else text


def _since(value: str | None) -> dt.datetime | None:
    """--since: a day (its start on the organisation's clock) or a moment, YYYY-MM-DD[THH:MM]."""
    if value is None:
        return None
    try:
        moment = dt.datetime.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(
            t("cli.usage.moment", context.language()), param_hint="--since"
        ) from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=context.settings().zone)
    return moment.astimezone(dt.UTC)


@app.command("failed")
@gate.by_service("change")
def failed(
    plan: Annotated[str | None, typer.Option(help="Only this plan (name or #id).")] = None,
    since: Annotated[
        str | None, typer.Option(help="Only messages due since, YYYY-MM-DD[THH:MM].")
    ] = None,
    fmt: Annotated[Format, typer.Option("--format")] = Format.TABLE,
) -> None:
    """Messages that could not be delivered: to whom, about what, why; resend them by id."""
    rows = context.services().failures.failed(actor(), plan=plan, since=_since(since))
    if fmt is Format.JSON:
        print_json([row.as_json() for row in rows])
        return
    language = context.language()
    zone = zone_for(context.settings().timezone)
    print_table(
        None,
        [
            "column.id",
            "column.due",
            "column.to",
            "column.kind",
            "column.activity",
            "column.why",
            "column.answer",
        ],
        [
            (
                row.id,
                moment_text(row.due_at, language, zone),
                row.person or Phrase("reminder.to_steering"),
                Phrase(f"notice.kind.{row.kind}"),
                f"#{row.activity_id} {row.activity[:40]}" if row.activity else "",
                Phrase(f"failure.reason.{row.reason}"),
                row.error[:80],
            )
            for row in rows
        ],
    )


@app.command("resend")
@gate.by_service("change")
def resend(
    ids: Annotated[list[int] | None, typer.Argument(help="Ids from `reminders failed`.")] = None,
    all_failed: Annotated[
        bool, typer.Option("--all-failed", help="Every failed message (of --plan, --since).")
    ] = False,
    plan: Annotated[str | None, typer.Option(help="Only this plan (name or #id).")] = None,
    since: Annotated[
        str | None, typer.Option(help="Only messages due since, YYYY-MM-DD[THH:MM].")
    ] = None,
) -> None:
    """Send failed messages again: the next tick delivers them as a new attempt."""
    sent = context.services().failures.resend(
        actor(), ids or (), all_failed=all_failed, plan=plan, since=_since(since)
    )
    say(t("failure.resent", context.language(), count=len(sent)))


@app.command("policy")
@gate.by_service("change")
def policy(
    plan: Annotated[str, typer.Argument(help="The plan: its name or #id.")],
    activity: Annotated[
        int | None, typer.Option(help="Set or show one activity's override instead.")
    ] = None,
    set_: Annotated[
        list[str] | None,
        typer.Option("--set", help="KEY=VALUE, e.g. before_days=14,3 or hour=8; repeatable."),
    ] = None,
    reset: Annotated[
        list[str] | None, typer.Option(help="KEY: back to the plan's (or default) value.")
    ] = None,
    fmt: Annotated[Format, typer.Option("--format")] = Format.TABLE,
) -> None:
    """Show a plan's (or activity's) effective reminder policy, or change it."""
    services = context.services()
    changes: dict[str, str | None] = {}
    for item in set_ or []:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            raise typer.BadParameter(
                t("cli.usage.key_value", context.language()), param_hint="--set"
            )
        changes[key.strip()] = value.strip()
    for key in reset or []:
        changes[key.strip()] = None
    if changes:
        effective = services.reminders.set_policy(plan, changes, actor(), activity_id=activity)
    else:
        effective = services.reminders.policy(plan, activity_id=activity)
    if fmt is Format.JSON:
        print_json(effective.as_json())
        return
    for key, value in effective.as_json().items():
        say(f"{key} = {value}")


@app.command("run")
@gate.admin_only
def run(
    once: Annotated[bool, typer.Option("--once", help="One tick, then exit.")] = False,
) -> None:
    """Run the scheduler without the web app: a worker replica, or one tick from cron."""
    from bot.cli.serve import configure_logging, make_tick
    from scheduler.runner import SchedulerRunner

    services = context.services()
    configure_logging(services.context.settings)
    tick = make_tick(services)
    if once:
        result = tick()
        say(
            f"planned {result.scheduled.written} ({result.scheduled.late} late, "
            f"{result.scheduled.cancelled} cancelled); sent {result.drained.sent}, "
            f"retried {result.drained.retried}, failed {result.drained.failed}"
        )
        return
    stop = threading.Event()
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, lambda *_: stop.set())
    runner = SchedulerRunner(services.context.engine, tick, services.context.settings.tick_seconds)
    runner.start()
    say("commplan scheduler running (Ctrl-C to stop)")
    try:
        stop.wait()
    finally:
        runner.shutdown()
