"""A plan's file sent in a chat, from any surface: the preview with Import and Cancel, and the
answers to them; and the first words to a person who has no plan yet.

Slack, Teams and the console fetch the bytes their own way and call ``preview_reply``; the
buttons come back through ``ActionHandler`` (bot/chat/actions.py) to ``confirm_reply`` and
``cancel_reply``. Every refusal is the service's one line (``ServiceError``), nothing stored.
"""

from __future__ import annotations

from bot.chat.caller import Caller
from bot.chat.commands.handler import CommandHandler
from bot.chat.commands.parsed import HelpCommand
from bot.chat.commands.parsing import parse
from bot.chat.replies import Action, Button, Reply
from bot.importing import ImportedActivity
from bot.services import Services
from bot.services.import_report import Change, ImportReport
from bot.services.uploads import Preview
from bot.texts import t
from config import Settings
from config.languages import Language
from storage.rules.timing import Timing, TimingKind

# How many of the file's activities the preview shows, and how many names per list.
FIRST_SHOWN = 5
LISTED = 10
# A plan's cell may be long: each one shown in a line is cut to this many characters.
CELL_SHOWN = 120


def preview_reply(services: Services, file_name: str, content: bytes, caller: Caller) -> Reply:
    """Read and dry-run the file as the caller; keep it; show what Import would do."""
    surface = caller.actor.origin.value
    preview = services.uploads.preview(file_name, content, caller.actor, surface)
    return _preview(preview, caller.language)


def confirm_reply(services: Services, upload_id: int, caller: Caller) -> Reply:
    """Import: exactly the kept bytes, as the caller; then the plan page and what is next."""
    language = caller.language
    report = services.uploads.confirm(upload_id, caller.actor)
    assert report.plan is not None  # a real import always has its plan
    plan = report.plan
    text = t(
        "upload.imported",
        language,
        plan=plan.name,
        id=plan.id,
        **_counts(report),
    )
    notes: list[str] = []
    url = services.pages.link_if_allowed(plan.id, caller.actor)
    if url:
        notes.append(t("page.link", language, url=url))
    names = tuple(report.unmapped)
    if names:
        notes.append(t("upload.next.names", language))
    notes.append(t("upload.next.steering", language))
    return Reply(text, notes=tuple(notes), pickers=names[:LISTED])


def cancel_reply(services: Services, upload_id: int, caller: Caller) -> Reply:
    file_name = services.uploads.cancel(upload_id, caller.actor)
    return Reply(t("upload.cancelled", caller.language, file=file_name))


def guide_url(settings: Settings, language: Language) -> str:
    """The plan owners' guide in the reader's language (Swedish for Swedes, else Danish), where
    the organisation publishes its documentation (COMMPLAN_DOCS_URL); else the help command."""
    name = "guide-sv.md" if language == "sv" else "guide-da.md"
    if settings.docs_url:
        return f"{settings.docs_url.rstrip('/')}/{name}"
    return name


def first_reply(services: Services, caller: Caller) -> Reply | None:
    """The first words to a linked person who may read no plan: send your file here, or add
    one activity, and the guide. None for anyone else (their message is a command)."""
    if caller.person_id is None:
        return None
    if services.plans.has_any(caller.actor):
        return None
    guide = guide_url(services.context.settings, caller.language)
    return Reply(t("first.no_plan", caller.language, guide=guide))


def first_or_command(services: Services, text: str, caller: Caller) -> Reply:
    """A message in the app's personal chat: a command; but words that are no command (or
    none), from a linked person with no plan yet, get the first words instead of the help."""
    if isinstance(parse(text), HelpCommand):
        first = first_reply(services, caller)
        if first is not None:
            return first
    return CommandHandler(services).handle(text, caller)


def _counts(report: ImportReport) -> dict[str, int]:
    return {
        "added": len(report.added),
        "changed": len(report.changed),
        "removed": len(report.removed),
        "unchanged": report.unchanged,
    }


def _preview(preview: Preview, language: Language) -> Reply:
    report = preview.report
    notes = [t("upload.preview.counts", language, **_counts(report))]
    rows = report.imported.activities
    notes.append(t("upload.preview.first", language))
    notes.extend(_row_line(row, language) for row in rows[:FIRST_SHOWN])
    notes.extend(_plan_changes(report, language))
    unread = [row for row in rows if row.timing.kind is TimingKind.UNKNOWN]
    if unread:
        items = _listed([f"{row.title} ({_cut(row.fields.get('when') or '–')})" for row in unread])
        notes.append(t("upload.preview.unread_timing", language, count=len(unread), items=items))
    pickers: tuple[str, ...] = ()
    if report.unmapped:
        notes.append(t("upload.preview.unmapped", language, names=_listed(list(report.unmapped))))
        # A name is mapped in plans the person may change: an existing one now, a new one once
        # it is imported (the Import answer has the pickers then).
        if not report.created:
            pickers = tuple(report.unmapped)[:LISTED]
    if report.unplaced_audiences:
        names = _listed(list(report.unplaced_audiences))
        notes.append(t("upload.preview.unplaced", language, names=names))
    notes.extend(notice.message(language) for notice in report.imported.warnings[:LISTED])
    value = str(preview.upload_id)
    buttons = (
        Button(Action.IMPORT_UPLOAD, value, t("button.import_upload", language)),
        Button(Action.CANCEL_UPLOAD, value, t("button.cancel_upload", language)),
    )
    return Reply(
        _preview_title(preview, language), notes=tuple(notes), pickers=pickers, buttons=buttons
    )


def _preview_title(preview: Preview, language: Language) -> str:
    """Which plan the file makes (a new one) or updates (an existing one)."""
    report = preview.report
    if report.created or report.plan is None:
        return t(
            "upload.preview.new",
            language,
            file=preview.file_name,
            plan=report.plan_name,
            team=report.team_slug,
        )
    return t(
        "upload.preview.update",
        language,
        file=preview.file_name,
        plan=report.plan.name,
        id=report.plan.id,
    )


def _plan_changes(report: ImportReport, language: Language) -> list[str]:
    """For an existing plan, the activities the import would change and remove."""
    if report.created:
        return []
    notes = []
    if report.changed:
        notes.append(t("upload.preview.changed", language, items=_changes(report.changed)))
    if report.removed:
        notes.append(t("upload.preview.removed", language, items=_changes(report.removed)))
    return notes


def _row_line(row: ImportedActivity, language: Language) -> str:
    when = _cut(row.fields.get("when") or "–")
    return f"• {_cut(row.title)}: «{when}» → {timing_text(row.timing, language)}"


def timing_text(timing: Timing, language: Language) -> str:
    """How commplan read a "when" text, in a few words."""
    kind = timing.kind
    if kind is TimingKind.DATE:
        text = str(timing.due)  # ISO dates read the same in every language
    elif kind is TimingKind.WINDOW:
        text = f"{timing.start} – {timing.due}"
    elif kind is TimingKind.RECURRING:
        text = t("upload.timing.recurring", language, rule=timing.rrule or "")
    else:
        text = t(f"upload.timing.{kind.value}", language)
    return f"{text} (?)" if timing.tentative else text


def _changes(changes: list[Change]) -> str:
    return _listed([change.title for change in changes])


def _cut(text: str) -> str:
    return text if len(text) <= CELL_SHOWN else text[: CELL_SHOWN - 1] + "…"


def _listed(names: list[str]) -> str:
    shown = ", ".join(_cut(name) for name in names[:LISTED])
    return shown + (f" (+{len(names) - LISTED})" if len(names) > LISTED else "")
