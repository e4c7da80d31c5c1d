"""What a document says before its plan table: its title, purpose, date and language."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter

from bot.importing import headings
from bot.importing.document import Document, Paragraph
from bot.timing import read_timing
from config.languages import LANGUAGES, Language
from storage.rules.timing import TimingKind

_PURPOSE_HEADINGS = frozenset({"formål", "syfte", "purpose", "formål og mål", "syfte och mål"})
_BACKGROUND_HEADINGS = frozenset({"baggrund", "bakgrund", "background"})
_PURPOSE_OPENING = re.compile(
    r"^(formålet|formål\s*:|syftet|syfte\s*:|the purpose|purpose\s*:)", re.IGNORECASE
)
_LABEL = re.compile(r"^(formål|syfte|purpose|baggrund|bakgrund|background)\s*:\s*", re.IGNORECASE)
# A title block's date line: "Datum: 2026-11-01", "Dato 1. november 2026", "Date: ...".
DATE_LABEL = re.compile(
    r"^(?:datum|dato|date|opdateret|uppdaterad|senast uppdaterad|updated)\s*:?\s*", re.IGNORECASE
)


def preamble_of(document: Document, header_at: dict[int, int | None]) -> list[Paragraph]:
    """The paragraphs before the first plan table, with the title rows of a sheet."""
    found: list[Paragraph] = []
    for block in document.blocks:
        if isinstance(block, Paragraph):
            found.append(block)
            continue
        index = header_at[id(block)]
        if index is None:
            continue
        for position, row in enumerate(block.rows[:index]):
            cells = [cell for cell in row.cells if cell.strip()]
            if not cells:
                continue
            if len(cells) >= 2 and _LABEL.match(cells[0] + ":"):
                found.append(Paragraph(cells[0].rstrip(": "), heading=True))
                found.append(Paragraph(" ".join(cells[1:])))
            else:
                found.append(Paragraph(" ".join(dict.fromkeys(cells)), heading=position == 0))
        break
    return found


def title_of(preamble: list[Paragraph]) -> str | None:
    for paragraph in preamble:
        if paragraph.heading and not _is_section(paragraph.text):
            return paragraph.text.strip()[:200]
    return None


def _is_section(text: str) -> bool:
    key = headings.normalise(text).replace("\n", " ").rstrip(" :")
    return key in _PURPOSE_HEADINGS or key in _BACKGROUND_HEADINGS


def purpose_of(preamble: list[Paragraph]) -> str | None:
    """The text under a Formål/Syfte/Purpose heading, or a paragraph opening "Formålet ...";
    failing both, the text under a Baggrund/Bakgrund heading."""
    found: dict[str, list[str]] = {"purpose": [], "background": []}
    section: str | None = None
    for paragraph in preamble:
        key = headings.normalise(paragraph.text).replace("\n", " ").rstrip(" :")
        if paragraph.heading or key in _PURPOSE_HEADINGS or key in _BACKGROUND_HEADINGS:
            section = (
                "purpose"
                if key in _PURPOSE_HEADINGS
                else "background"
                if key in _BACKGROUND_HEADINGS
                else None
            )
            if section is not None or paragraph.heading:
                continue
        if section is not None:
            found[section].append(paragraph.text)
        elif _PURPOSE_OPENING.match(paragraph.text):
            found["purpose"].append(_LABEL.sub("", paragraph.text))
    text = "\n".join(found["purpose"] or found["background"]).strip()
    return text or None


def date_of(preamble: list[Paragraph]) -> dt.date | None:
    """The document's date: a short paragraph before the plan that is one date."""
    for paragraph in preamble:
        text = DATE_LABEL.sub("", paragraph.text)  # a title block's "Datum: 2026-11-15"
        if len(text) > 40:
            continue
        timing = read_timing(text, today=dt.date(2000, 1, 1))
        if timing.kind is TimingKind.DATE and not timing.tentative and re.search(r"\d{4}", text):
            return timing.due
    return None


def language_of(
    document: Document, header_at: dict[int, int | None], default: Language
) -> Language:
    cells: list[str] = []
    for table in document.tables:
        index = header_at[id(table)]
        if index is not None:
            cells.extend(table.rows[index].cells)
    votes = headings.languages_of(cells)
    letters = Counter(
        char for cell in _all_text(document) for char in cell.casefold() if char in "æøäö"
    )
    votes["da"] += letters["æ"] + letters["ø"]
    votes["sv"] += letters["ä"] + letters["ö"]
    ranked = [language for language, count in votes.most_common() if count > 0]
    if not ranked:
        return default
    if len(ranked) > 1 and votes[ranked[0]] == votes[ranked[1]]:
        return default if default in (ranked[0], ranked[1]) else ranked[0]
    chosen = ranked[0]
    return chosen if chosen in LANGUAGES else default


def _all_text(document: Document) -> list[str]:
    texts: list[str] = []
    for block in document.blocks:
        if isinstance(block, Paragraph):
            texts.append(block.text)
        else:
            for row in block.rows[:200]:
                texts.extend(row.cells)
    return texts
