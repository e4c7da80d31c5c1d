"""What a row's words say: done (its Status cell) or to be approved first (its remarks)."""

from __future__ import annotations

import re

# The first word of a Status cell saying the activity is done ("Udført 12/3" is, "Ikke udført"
# is not).
DONE_WORDS = frozenset(
    {
        # da
        "udført",
        "færdig",
        "afsluttet",
        "gennemført",
        "fuldført",
        "afholdt",
        "klar",
        # sv
        "genomförd",
        "genomfört",
        "utförd",
        "utfört",
        "slutförd",
        "avslutad",
        "avslutat",
        "färdig",
        "färdigt",
        "klart",
        "gjord",
        "gjort",
        # en
        "done",
        "completed",
        "complete",
        "finished",
    }
)
CHECK_MARKS = frozenset("✓✔☑✅")
# In a column headed "Udført", "Klar", "Done" ...: a cell saying yes.
YES_WORDS = frozenset({"x", "ja", "yes", "ok", "j", "y"})
DONE_HEADINGS = DONE_WORDS - {"complete"}
APPROVAL_WORDS = ("godkend", "godkänn", "approv")


def says_done(status: str, *, heading_says_done: bool = False) -> bool:
    """Whether a Status cell says done: a check mark, or a first word such as "Udført" or
    "Genomförd"; under a heading that is itself such a word, "x" or "ja" as well."""
    if any(char in CHECK_MARKS for char in status):
        return True
    words = re.findall(r"\w+", status.casefold())
    if not words:
        return False
    return words[0] in DONE_WORDS or (heading_says_done and words[0] in YES_WORDS)


def needs_approval(remarks: str | None) -> bool:
    """Whether a row's remarks say it goes to the steering group for approval first."""
    text = (remarks or "").casefold()
    return any(word in text for word in APPROVAL_WORDS)
