"""Texts that tie an activity to a body's meetings: "Før hvert udvalgsmøde", "Inför
kommunfullmäktiges sammanträde", "After each board meeting", "Efter styregruppemødet".

The reader alone cannot know which meetings are meant: it reads such a text as on trigger and
says which meetings it names (``read_meeting``); bot/services/meetings.py dates it against the
organisation's meeting calendars (before: due the policy's working days before each meeting;
after: due the working day after), and leaves it on trigger when no calendar matches.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

BEFORE = ("forud for", "op til", "inden", "før", "inför", "innan", "före", "ahead of",
          "prior to", "before")  # fmt: skip
AFTER = ("efter", "after", "following")
# Words between the relation and the meetings that say nothing more.
_FILLERS = ("hvert", "hver", "varje", "varenda", "each", "every", "the", "næste", "nästa",
            "next", "det", "den", "de", "kommende", "kommande", "upcoming", "a")  # fmt: skip
# A text names meetings when it ends in one of these (the plural and definite forms too).
MEETING_WORDS = ("møde", "mødet", "møder", "møderne", "sammanträde", "sammanträdet",
                 "sammanträden", "möte", "mötet", "möten", "meeting", "meetings", "session",
                 "sessionen")  # fmt: skip


def _alternatives(words: tuple[str, ...]) -> str:
    return "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))


_MEETING = re.compile(
    rf"(?:(?P<before>{_alternatives(BEFORE)})|(?P<after>{_alternatives(AFTER)}))\s+"
    rf"(?:(?:{_alternatives(_FILLERS)})\s+)*"
    rf"(?P<phrase>.*?(?:{_alternatives(MEETING_WORDS)}))"
)


@dataclass(frozen=True, slots=True)
class MeetingText:
    """``relation``: "before" or "after"; ``phrase``: the meetings as written ("udvalgsmøde",
    "kommunfullmäktiges sammanträde"), casefolded."""

    relation: str
    phrase: str


def read_meeting(text: str) -> MeetingText | None:
    """The meetings a casefolded, normalised "when" text is tied to, or None."""
    match = _MEETING.fullmatch(text)
    if match is None:
        return None
    return MeetingText("before" if match.group("before") else "after", match.group("phrase"))


def normalised(text: str) -> str:
    """``text`` as the reader compares it (casefolded, dashes and spaces evened out)."""
    from bot.timing.reader import normalise  # noqa: PLC0415 - the reader imports this module

    return normalise(text)
