"""The iCalendar writer's escaping and folding, for any text (hypothesis)."""

from __future__ import annotations

import datetime as dt

import icalendar
from hypothesis import given
from hypothesis import strategies as st

from bot.feeds.ical import Writer, duration, escape_text, fold

# Text as people type it: any printable character, newlines, the characters iCalendar escapes.
TEXT = st.text(
    alphabet=st.one_of(
        st.characters(blacklist_categories=("Cs", "Cc")),
        st.sampled_from([",", ";", "\\", "\n", ":", '"', "æ", "ø", "å", "ö", "🗓"]),
    ),
    max_size=300,
)


def unfold(folded: str) -> str:
    return folded.removesuffix("\r\n").replace("\r\n ", "")


@given(TEXT)
def test_folding_keeps_every_character_and_75_octets(text: str) -> None:
    line = f"DESCRIPTION:{escape_text(text)}"
    folded = fold(line)
    assert folded.endswith("\r\n")
    assert unfold(folded) == line
    for physical in folded.removesuffix("\r\n").split("\r\n"):
        assert len(physical.encode("utf-8")) <= 75


@given(TEXT)
def test_a_text_value_reads_back_unchanged(text: str) -> None:
    out = Writer()
    out.begin("VEVENT")
    out.text("SUMMARY", text)
    out.end("VEVENT")
    event = icalendar.Event.from_ical(out.result())
    assert str(event["SUMMARY"]) == text.replace("\r", "")


def test_control_characters_become_spaces_and_cr_goes() -> None:
    assert escape_text("a\x00b\x07c\r\nd\te") == "a b c\\nd e"


def test_durations() -> None:
    assert duration(dt.timedelta(days=-7, hours=9)) == "-P6DT15H"
    assert duration(dt.timedelta(days=-1, hours=9)) == "-PT15H"
    assert duration(dt.timedelta(hours=9)) == "PT9H"
    assert duration(dt.timedelta(days=-3)) == "-P3D"
    assert duration(dt.timedelta(hours=1, minutes=30)) == "PT1H30M"
    assert duration(dt.timedelta(0)) == "PT0M"
