"""The CSV quote for formula-like text: no quoted cell opens like a formula, and reading undoes
writing for every text."""

from __future__ import annotations

from itertools import product

import pytest

from bot.interchange.cell_quoting import TRIGGERS, neutralise, restore


def test_reading_undoes_writing_and_no_written_cell_opens_like_a_formula() -> None:
    # Every text of up to 4 of the characters that matter (and two that do not): 7,381 texts.
    alphabet = "=+-@\t\r'a|"
    texts = ["".join(chars) for size in range(5) for chars in product(alphabet, repeat=size)]
    for text in texts:
        written = neutralise(text)
        assert restore(written) == text, repr(text)
        assert written[:1] not in TRIGGERS, repr(text)


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ('=HYPERLINK("http://evil.example","x")', '\'=HYPERLINK("http://evil.example","x")'),
        ("+1+cmd|' /C calc'!A0", "'+1+cmd|' /C calc'!A0"),
        ("@SUM(A1:A2)", "'@SUM(A1:A2)"),
        ("-", "'-"),
        ("\tx", "'\tx"),
        ("\r=1", "'\r=1"),
        ("'=x", "''=x"),  # already quoted by someone: one more, so reading gives it back
        ("'hello", "'hello"),  # an apostrophe before ordinary text is left alone
        ("a=b", "a=b"),
        ("", ""),
    ],
)
def test_what_is_written(text: str, written: str) -> None:
    assert neutralise(text) == written
    assert restore(written) == text
