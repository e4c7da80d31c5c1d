"""The timing reader: a "when" text as plan writers write it, read into a ``Timing``.

The steps, in order (the first that applies decides the kind):

1. Notes in brackets are taken out and kept (``note``); tentative markers ("Prel.", "ca.",
   "Foreløbig") set ``tentative`` and are taken out.
2. On-trigger phrases ("Ved behov", "Vid impuls om nyhet", "Efter hvert OC-møde") → on_trigger;
   so are meetings ("Før hvert udvalgsmøde": ``bot.timing.meetings``), which the services date
   by the organisation's meeting calendars.
3. As-soon-as-possible phrases ("Hurtigst muligt", "Så snart som möjligt") → asap.
4. Ongoing words ("Løbende", "Höst 2018 – pågående") → ongoing, from the period named, if any.
5. Recurrences ("Hver måned", "Varannan vecka", "En gång per år", "hver mandag", "sidste
   hverdag i måneden") → recurring, from the period named, if any ("Hver måned fra marts 2027").
6. Before or after a break, school holiday or feast ("inden sommerferien", "efter sportlovet",
   "före midsommar") → a tentative window: the four weeks before it begins or after it ends;
   during one ("i vinterferien") → the break itself, per country (``bot.timing.breaks``).
7. The first or last working day of a period ("sidste hverdag i marts", "last working day of
   March 2027") → date, on the country's working days.
8. Deadlines ("Senest 1. april", "senest uge 12", "by week 12") → date: the day, or the last
   working day of the period that follows (week 12's Friday, not its Sunday).
9. A period or a range of periods → date (one day) or window (several); days named from today
   ("i morgen", "næste uge", "om 14 dage": ``bot.timing.relative``) are read as the days they
   name on the day the text is read.
10. Anything else → unknown. The reader never raises and never guesses: "3/6" is 3 June (day
   first, as Danes and Swedes write), never 6 March; digits it cannot place give unknown.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from bot.timing.meetings import read_meeting
from bot.timing.periods import read_break, read_period, read_range
from bot.timing.phrase_words import (
    ASAP_PHRASES,
    DEADLINE_WORDS,
    FROM_WORDS,
    ONGOING_WORDS,
    TENTATIVE_WORDS,
    TRIGGER_PHRASES,
)
from bot.timing.recurrence import read_recurrence
from bot.timing.recurrence_words import WEEKDAYS, WORKDAY_POSITIONS, WORKDAY_WORDS
from storage.rules.timing import UNKNOWN, Timing, TimingKind
from storage.rules.workdays import working_days

MAX_LENGTH = 500  # a "when" cell longer than this is prose, not a timing
_DAY_WORDS = rf"\b(?:{'|'.join(WEEKDAYS)}|{'|'.join(re.escape(w) for w in WORKDAY_WORDS)})"

# "sidste hverdag i marts", "första vardagen i vecka 12", "the last working day of March 2027"
_WORKDAY_OF = re.compile(
    rf"(?:den\s+|the\s+)?(?P<position>{'|'.join(WORKDAY_POSITIONS)})\s+"
    rf"(?:{'|'.join(re.escape(w) for w in WORKDAY_WORDS)})(?:en)?\s+(?:i|of|in)\s+(?P<rest>.+)"
)
_BRACKETS = re.compile(r"\s*[([]([^()\[\]]*)[)\]]\s*")
_TENTATIVE = re.compile(
    r"(?<![\w.])(?:"
    + "|".join(re.escape(word) for word in sorted(TENTATIVE_WORDS, key=len, reverse=True))
    + r")(?![\w])\.?",
)


def normalise(text: str) -> str:
    """A "when" text as the reader compares it: casefolded, dashes and spaces evened out."""
    return _normalise(text)


def _normalise(text: str) -> str:
    text = text.casefold().replace("\u00a0", " ")
    text = re.sub(r"[\u2010-\u2015\u2212]", "-", text)  # en and em dashes, minus
    # keep 2027-06-03 and 3/6-2027 whole, but not "2027-12-01 - 2028-01-31"
    text = re.sub(r"(?<=\d)-(?=\d)", "\0", text)
    text = re.sub(r"\s*-\s*", " - ", text).replace("\0", "-")
    text = re.sub(r"(\d)\. - (\d)", r"\1.-\2", text)  # "1.-15. marts"
    text = re.sub(r"\b(uge|vecka|week|v\.?|q|kvartal) - ", r"\1 ", text)
    return re.sub(r"\s+", " ", text).strip(" ,;:.!")


def _contains(text: str, phrases: tuple[str, ...]) -> bool:
    padded = f" {text} "
    return any(
        (f" {phrase.strip()} " in padded)
        if phrase.endswith(" ") or phrase.isalpha()
        else phrase in padded
        for phrase in phrases
    )


def _strip_words(text: str, words: tuple[str, ...]) -> str:
    pattern = "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))
    return re.sub(rf"(?<!\w)(?:{pattern})(?!\w)", " ", text).strip(" -,.:;")


def read_timing(
    text: str, *, language: str | None = None, today: dt.date, country: str | None = None
) -> Timing:
    """Read ``text``; ``language`` (da, sv, en) is a hint only: every language is understood.
    ``country`` (DK, SE: the plan's) decides working days and school holidays; without it, a
    Swedish text's is Sweden, any other's Denmark.

    Never raises: what cannot be read gives kind ``unknown``.
    """
    country = country or ("SE" if language == "sv" else "DK")
    try:
        return _read(text, today, country)
    except (ValueError, OverflowError, IndexError, KeyError):  # pragma: no cover - defensive
        return UNKNOWN


@dataclass(frozen=True, slots=True)
class _Hedges:
    """What a text says beside its timing: tentative ("(TBC)", "foreløbig"), and its notes in
    brackets; every reading of it carries both."""

    tentative: bool
    note: str | None

    def timing(
        self,
        kind: TimingKind,
        start: dt.date | None = None,
        due: dt.date | None = None,
        rule: str | None = None,
    ) -> Timing:
        return Timing(kind, start, due, rule, self.tentative, self.note)


def _read(raw: str, today: dt.date, country: str) -> Timing:
    if not raw or not raw.strip() or len(raw) > MAX_LENGTH:
        return UNKNOWN
    notes = [note.strip() for note in _BRACKETS.findall(raw) if note.strip()]
    text = _normalise(_BRACKETS.sub(" ", raw))
    # "Q2 2027 (TBC)": a marker inside the note counts too
    tentative = bool(_TENTATIVE.search(text)) or any(
        _TENTATIVE.search(_normalise(part)) for part in notes
    )
    hedges = _Hedges(tentative, "; ".join(notes) or None)
    text = _normalise(_TENTATIVE.sub(" ", text))
    if not text:
        return UNKNOWN
    undated = _undated(text, today, hedges)
    if undated is not None:
        return undated
    return _dated(text, today, country, hedges.tentative, hedges.note)


def _undated(text: str, today: dt.date, hedges: _Hedges) -> Timing | None:
    """Steps 2 to 5: the texts that name no day of their own (module doc); None for others."""
    if read_meeting(text) is not None or _contains(text, TRIGGER_PHRASES):
        # "Før hvert udvalgsmøde": the services date it by the meeting calendars, if any
        return hedges.timing(TimingKind.ON_TRIGGER)
    if _contains(text, ASAP_PHRASES):
        return hedges.timing(TimingKind.ASAP)
    if _contains(text, ONGOING_WORDS):
        rest = _strip_words(_strip_words(text, ONGOING_WORDS), FROM_WORDS)
        period = read_range(rest, today) if rest else None
        return hedges.timing(TimingKind.ONGOING, start=period[0] if period else None)
    recurrence = read_recurrence(text)
    if recurrence is None:
        return None
    rule, rest = recurrence
    rest = _strip_words(rest, FROM_WORDS)
    period = read_range(rest, today) if rest else None
    if rest and period is None:
        return UNKNOWN if _unreadable_rest(rest) else hedges.timing(TimingKind.RECURRING, rule=rule)
    return hedges.timing(TimingKind.RECURRING, start=period[0] if period else None, rule=rule)


def _dated(text: str, today: dt.date, country: str, tentative: bool, note: str | None) -> Timing:
    """Steps 6 to 10: the texts that name days (module doc)."""

    def timing(kind: TimingKind, start: dt.date | None, due: dt.date | None) -> Timing:
        return Timing(kind, start, due, None, tentative, note)

    around_break = read_break(text, today, country)
    if around_break is not None:
        # "inden sommerferien" names no day: a window that says so (tentative)
        (first, last), vague = around_break
        return Timing(TimingKind.WINDOW, first, last, None, tentative or vague, note)
    workday = _workday_of(text, today, country)
    if workday is not None:
        return timing(TimingKind.DATE, workday, workday)
    deadline = _strip_leading(text, DEADLINE_WORDS)
    if deadline != text:
        period = read_range(deadline, today)
        if period is None:
            return UNKNOWN
        # "senest uge 12": due on the week's last working day, not on its Sunday
        due = working_days(country).last_in(*period) or period[1]
        return timing(TimingKind.DATE, due, due)
    starting = _strip_leading(text, FROM_WORDS)
    if starting != text:
        period = read_range(starting, today)
        return timing(TimingKind.ONGOING, period[0], None) if period else UNKNOWN
    period = read_range(text, today)
    if period is None:
        return UNKNOWN
    kind = TimingKind.DATE if period[0] == period[1] else TimingKind.WINDOW
    return timing(kind, period[0], period[1])


def _workday_of(text: str, today: dt.date, country: str) -> dt.date | None:
    """ "sidste hverdag i marts": the first or last working day of the period named."""
    match = _WORKDAY_OF.fullmatch(text)
    if match is None:
        return None
    period = read_period(match.group("rest"), today)
    if period is None or period[0] == period[1]:
        return None
    days = working_days(country)
    if WORKDAY_POSITIONS[match.group("position")] > 0:
        return days.first_in(*period)
    return days.last_in(*period)


def _strip_leading(text: str, words: tuple[str, ...]) -> str:
    for word in sorted(words, key=len, reverse=True):
        if text.startswith(word + " "):
            return text[len(word) + 1 :].strip(" :,")
    return text


def _unreadable_rest(rest: str) -> bool:
    # "Hver måned, på styregruppemøde": words after a recurrence are fine; digits we cannot
    # read as a start ("hver måned fra 32/13") make the whole text doubtful, and so does a day
    # we did not place ("hver måned, sidste fredag": which Friday is the rule's is a guess).
    return bool(re.search(r"\d", rest) or re.search(_DAY_WORDS, rest))
