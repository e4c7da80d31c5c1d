"""Recognising a plan's column headings (GLOSSARY.md, "Columns of a plan").

A heading cell may hold several lines and any case or punctuation ("HVEM\\nMålgruppe/\\n
Interessenter", "HVORDAN\\nKommunikations-form"). It is cut into parts at line breaks, slashes,
commas and the words og / och / and; the first part that names a field decides. So a combined
heading such as "Syfte och målgrupp" is the goal column, as GLOSSARY has it.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence

from config.languages import Language

# The fields of an activity a column can hold, plus two an export adds (status, next date).
FIELDS = (
    "phase",
    "activity",
    "target_group",
    "message",
    "goal",
    "channel",
    "when",
    "responsible",
    "expected_reaction",
    "remarks",
)
EXPORT_FIELDS = ("status", "next_due", "reaction_outcome")
# Fields that make a row a plan's header: with at least one of them and two fields in all.
_CORE = frozenset({"activity", "target_group", "message", "channel", "when"})

_HEADINGS: dict[str, dict[Language, tuple[str, ...]]] = {
    "phase": {  # what phase rows ("Fase 1: Forberedelse") name, when a column holds it
        "da": ("fase", "faser", "etape"),
        "sv": ("fas", "faser", "etapp"),
        "en": ("phase", "phases", "stage"),
    },
    "activity": {
        "da": ("aktivitet", "aktiviteter", "handling", "tiltag", "opgave"),
        "sv": ("aktivitet", "aktiviteter", "åtgärd", "insats", "uppgift"),
        "en": ("activity", "activities", "action", "task"),
    },
    "target_group": {
        "da": (
            "hvem",
            "målgruppe",
            "målgrupper",
            "interessenter",
            "interessent",
            "modtager",
            "modtagere",
        ),
        "sv": ("vem", "målgrupp", "målgrupper", "mottagare", "intressenter"),
        "en": (
            "who",
            "audience",
            "audiences",
            "stakeholders",
            "stakeholder",
            "target group",
            "target groups",
            "recipients",
        ),
    },
    "message": {
        "da": ("hvad", "kernebudskab", "budskab", "budskaber", "kernebudskaber", "indhold"),
        "sv": ("vad", "budskap", "kärnbudskap", "huvudbudskap", "innehåll"),
        "en": ("what", "key message", "key messages", "message", "messages", "content"),
    },
    "goal": {
        "da": ("formål", "mål", "kommunikationsmål", "formål og mål"),
        "sv": ("syfte", "kommunikationsmål", "mål", "syfte och målgrupp", "syfte och mål"),
        "en": ("purpose", "goal", "goals", "objective", "objectives", "aim"),
    },
    "channel": {
        "da": ("hvordan", "kommunikationsform", "kanal", "kanaler", "medie", "medier", "form"),
        "sv": ("kanal", "kanaler", "hur", "kommunikationskanal", "media", "forum"),
        "en": ("how", "channel", "channels", "medium", "media"),
    },
    "when": {
        "da": (
            "hvornår",
            "termin for handling",
            "tidspunkt",
            "deadline",
            "tid",
            "tidsplan",
            "dato",
            "frist",
            # a column of weeks, days or periods (bot/importing/timing_columns.py)
            "uge",
            "uger",
            "ugenr",
            "uge nr",
            "periode",
            "måned",
            "ugedag",
            "start",
            "startdato",
            "slut",
            "slutdato",
        ),
        "sv": (
            "tid",
            "tidplan",
            "när",
            "tidpunkt",
            "datum",
            "tidsplan",
            "deadline",
            "vecka",
            "veckor",
            "veckonummer",
            "period",
            "månad",
            "veckodag",
            "start",
            "startdatum",
            "slut",
            "slutdatum",
        ),
        "en": (
            "when",
            "timing",
            "deadline",
            "date",
            "due",
            "due date",
            "time",
            "week",
            "weeks",
            "month",
            "weekday",
            "start",
            "start date",
            "end",
            "end date",
        ),
    },
    "responsible": {
        "da": ("ansvarlig", "ansvarlige", "ansvar", "ansvarshavende"),
        "sv": ("ansvarig", "ansvariga", "ansvar"),
        "en": ("owner", "responsible", "responsibility", "who is responsible"),
    },
    "expected_reaction": {
        "da": ("forventet reaktion", "forventet effekt", "effekt", "reaktion"),
        "sv": ("effekt", "förväntad effekt", "förväntad reaktion", "resultat"),
        "en": ("expected reaction", "effect", "expected effect", "outcome", "expected outcome"),
    },
    "remarks": {
        "da": ("bemærkninger", "bemærkning", "kommentar", "kommentarer", "noter", "note"),
        "sv": ("kommentar", "kommentarer", "anmärkning", "anmärkningar", "övrigt", "noteringar"),
        "en": ("remarks", "notes", "note", "comments", "comment"),
    },
    "status": {  # a column headed by a word for done holds its marks ("x", "✓")
        "da": ("status", "udført", "færdig", "afsluttet", "klar"),
        "sv": ("status", "genomförd", "utförd", "klart", "gjort"),
        "en": ("status", "done", "completed", "finished"),
    },
    "next_due": {
        "da": ("næste dato", "næste frist"),
        "sv": ("nästa datum", "nästa deadline"),
        "en": ("next date", "next due"),
    },
    "reaction_outcome": {
        "da": ("opfølgning",),
        "sv": ("uppföljning",),
        "en": ("follow-up", "followup"),
    },
}

# The heading an export writes for a field when the plan brought none of its own.
DEFAULT_HEADINGS: dict[Language, dict[str, str]] = {
    "da": {
        "phase": "Fase",
        "activity": "Aktivitet",
        "target_group": "Målgruppe",
        "message": "Kernebudskab",
        "goal": "Formål",
        "channel": "Kanal",
        "when": "Hvornår",
        "responsible": "Ansvarlig",
        "expected_reaction": "Forventet reaktion",
        "remarks": "Bemærkninger",
        "status": "Status",
        "next_due": "Næste dato",
        "reaction_outcome": "Opfølgning",
    },
    "sv": {
        "phase": "Fas",
        "activity": "Aktivitet",
        "target_group": "Målgrupp",
        "message": "Budskap",
        "goal": "Syfte",
        "channel": "Kanal",
        "when": "Tid",
        "responsible": "Ansvarig",
        "expected_reaction": "Förväntad effekt",
        "remarks": "Kommentar",
        "status": "Status",
        "next_due": "Nästa datum",
        "reaction_outcome": "Uppföljning",
    },
    "en": {
        "phase": "Phase",
        "activity": "Activity",
        "target_group": "Target group",
        "message": "Key message",
        "goal": "Purpose",
        "channel": "Channel",
        "when": "When",
        "responsible": "Responsible",
        "expected_reaction": "Expected reaction",
        "remarks": "Remarks",
        "status": "Status",
        "next_due": "Next date",
        "reaction_outcome": "Follow-up",
    },
}

_SPLIT = re.compile(r"\s*(?:\n|/|,|;|&|\+|\bog\b|\boch\b|\band\b)\s*")


def normalise(text: str) -> str:
    """Lower case, one space, no punctuation; "Kommunikations-\\nform" is one word again."""
    text = text.replace("\u00ad", "").replace("\u00a0", " ").casefold()
    text = re.sub(r"(\w)-\s*\n\s*(\w)", r"\1\2", text)  # a word hyphenated over a line break
    text = re.sub(r"(\w)-(form|plan|mål|kanal)\b", r"\1\2", text)  # "kommunikations-form"
    text = re.sub(r"[^\w\s/,;&+\n]", " ", text)
    text = re.sub(r"[ \t]+", " ", text)
    return "\n".join(line.strip() for line in text.split("\n") if line.strip())


_BY_TEXT: dict[str, str] = {}
_LANGUAGES_BY_TEXT: dict[str, set[Language]] = {}
for _field, _languages in _HEADINGS.items():
    for _language, _texts in _languages.items():
        for _text in _texts:
            _BY_TEXT.setdefault(normalise(_text), _field)
            _LANGUAGES_BY_TEXT.setdefault(normalise(_text), set()).add(_language)


def field_of(heading: str) -> str | None:
    """The field a heading cell names, or None."""
    text = normalise(heading)
    if not text:
        return None
    whole = text.replace("\n", " ")
    if whole in _BY_TEXT:
        return _BY_TEXT[whole]
    for part in _SPLIT.split(text):
        if part and part in _BY_TEXT:
            return _BY_TEXT[part]
    return None


def fields_of(cells: Sequence[str]) -> list[str | None]:
    """The field of each cell of a header row; a field named twice counts at its first column."""
    seen: set[str] = set()
    found: list[str | None] = []
    for cell in cells:
        name = field_of(cell)
        found.append(name if name is not None and name not in seen else None)
        if name is not None:
            seen.add(name)
    return found


def is_header(cells: Sequence[str]) -> bool:
    named = {name for name in fields_of(cells) if name is not None}
    return len(named) >= 2 and bool(named & _CORE)


def languages_of(headings: Iterable[str]) -> Counter[Language]:
    """How many of the headings are words of each language."""
    votes: Counter[Language] = Counter()
    for heading in headings:
        text = normalise(heading)
        for part in [text.replace("\n", " "), *_SPLIT.split(text)]:
            for language in _LANGUAGES_BY_TEXT.get(part, ()):
                votes[language] += 1
    return votes
