"""A digest as text any surface shows: headed groups of "#ID title (date) – responsible"."""

from __future__ import annotations

from bot.chat.overlaps import overlap_lines
from bot.services.digests import DigestView
from bot.services.views import ActivityView
from bot.texts import t
from bot.texts.dates import day_text
from config.languages import Language

# A chat message holds 3,000 characters a section: each group shows at most this many lines.
MAX_LINES = 12


def _line(view: ActivityView, language: Language, *, who: bool = True) -> str:
    due = f" ({day_text(view.next_due, language)})" if view.next_due else ""
    people = ", ".join(view.responsible_people) or (view.responsible or "")
    return f"#{view.id} {view.title}{due}" + (f" – {people}" if who and people else "")


def _group(heading: str, lines: list[str], language: Language) -> list[str]:
    if not lines:
        return []
    shown = [f"  {line}" for line in lines[:MAX_LINES]]
    if len(lines) > MAX_LINES:
        shown.append("  " + t("digest.more", language, count=len(lines) - MAX_LINES))
    return [f"{heading}:", *shown]


def digest_text(digest: DigestView, language: Language, *, personal: bool = False) -> str:
    key = "digest.personal_title" if personal else "digest.title"
    title = t(key, language, plan=digest.title_name, week=digest.week_number)
    if digest.empty:
        return f"{title}\n{t('digest.nothing', language)}"
    lines = [title]
    lines += _group(t("digest.done", language), [_line(v, language) for v in digest.done], language)
    lines += _group(t("digest.due", language), [_line(v, language) for v in digest.due], language)
    lines += _group(
        t("digest.overdue", language), [_line(v, language) for v in digest.overdue], language
    )
    lines += _group(
        t("digest.approvals", language),
        [
            f"#{a.activity.id} {a.activity.title} ({t('digest.waiting', language, days=a.days)})"
            for a in digest.approvals
        ],
        language,
    )
    lines += _group(
        t("digest.outcomes", language),
        [
            f"#{v.id} {v.title}: {t(f'followup.outcome.{v.reaction_outcome}', language)}"
            + (f" – {v.reaction_note}" if v.reaction_note else "")
            for v in digest.outcomes
        ],
        language,
    )
    overlaps: list[str] = []
    for overlap in digest.overlaps:
        head, *entries, _suggestion = overlap_lines(overlap, language, digest.overlap_days)
        overlaps += [head, *(entry.strip() for entry in entries)]
    lines += _group(t("digest.overlaps", language), overlaps, language)
    lines += _group(
        t("timing.no_date", language),
        [
            _line(v, language) + (f" – \u201c{v.when}\u201d" if v.when else "")
            for v in digest.undated
        ],
        language,
    )
    return "\n".join(lines)
