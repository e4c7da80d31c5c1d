"""Reading a target group cell as audiences, and what an overlap notice names, without a
database."""

from __future__ import annotations

import datetime as dt

from scheduler.overlaps import notice_rows
from storage.models import AudienceAlias
from storage.repositories.audiences import Vocabulary, fold, parts
from storage.rules.overlaps import MAX_NAMED, Collision, Overlap

STAFF, PRESS, POLITICIANS = 1, 2, 3


def vocabulary() -> Vocabulary:
    aliases = [
        (STAFF, "da", "Medarbejdere"),
        (STAFF, "da", "Alle medarbejdere"),
        (STAFF, "sv", "Anställda"),
        (PRESS, "da", "Pressen"),
        (PRESS, "sv", "Media"),
        (POLITICIANS, "da", "Politikere og udvalg"),  # an alias holding a separator word
        # One word, two audiences in two languages: only the plan's language decides.
        (STAFF, "sv", "Personal"),
        (POLITICIANS, "da", "Personal"),
    ]
    return Vocabulary(
        AudienceAlias(audience_id=audience, language=language, name=name, key=fold(name))
        for audience, language, name in aliases
    )


def test_parts_split_on_punctuation_and_and_in_three_languages() -> None:
    assert parts("Medarbejdere og ledere, Pressen") == ["Medarbejdere", "ledere", "Pressen"]
    assert parts("Anställda och chefer; media/Media") == ["Anställda", "chefer", "media"]
    assert parts("Staff and press\nStaff") == ["Staff", "press"]
    assert parts("  ") == []


def test_names_fold_case_spaces_and_a_trailing_full_stop() -> None:
    words = vocabulary()
    assert words.read("alle  MEDARBEJDERE.", "da").audience_ids == (STAFF,)
    assert words.read("ANSTÄLLDA", "sv").audience_ids == (STAFF,)


def test_the_whole_cell_first_then_each_part() -> None:
    words = vocabulary()
    whole = words.read("Politikere og udvalg", "da")
    assert (whole.audience_ids, whole.unknown) == ((POLITICIANS,), ())
    split = words.read("Medarbejdere og pressen, borgerne", "da")
    assert (split.audience_ids, split.unknown) == ((STAFF, PRESS), ("borgerne",))
    twice = words.read("Medarbejdere, alle medarbejdere", "da")
    assert twice.audience_ids == (STAFF,)


def test_the_plans_language_first_then_another_when_only_one_answers() -> None:
    words = vocabulary()
    assert words.read("Personal", "sv").audience_ids == (STAFF,)
    assert words.read("Personal", "da").audience_ids == (POLITICIANS,)
    # An English plan: "Personal" means two audiences elsewhere, so it means none here.
    assert words.read("Personal", "en").unknown == ("Personal",)
    # "Media" is Swedish only, and one audience: a Danish plan may use it.
    assert words.read("Media", "da").audience_ids == (PRESS,)


def test_an_empty_cell_names_nothing() -> None:
    for text in (None, "", "   "):
        reading = vocabulary().read(text, "da")
        assert (reading.audience_ids, reading.unknown) == ((), ())


def test_a_notice_names_the_owners_own_activities_first_and_counts_the_rest() -> None:
    day = dt.date(2027, 4, 5)
    entries = tuple(
        Collision(
            n, 1 if n < 20 else 2, "A" if n < 20 else "B", 10 if n < 20 else 20, f"T{n}", day, None
        )
        for n in range(22)
    )
    overlap = Overlap("near:1:x", "near", 1, "Staff", entries)
    rows = {row["person_id"]: row for row in notice_rows([overlap], dt.datetime.now(dt.UTC))}
    assert set(rows) == {10, 20}
    to_b = rows[20]["payload"]
    assert isinstance(to_b, dict)
    named = [entry["activity_id"] for entry in to_b["activities"]]
    assert len(named) == MAX_NAMED and {20, 21} <= set(named)  # B's own are among them
    assert to_b["more"] == 22 - MAX_NAMED
    assert rows[20]["key"] == "near:1:x".join(("overlap:", ":20"))
    # Told already (an earlier tick or another replica): nothing to write for B.
    again = notice_rows([overlap], dt.datetime.now(dt.UTC), {"overlap:near:1:x:20"})
    assert [row["person_id"] for row in again] == [10]
