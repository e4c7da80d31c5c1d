"""No function in commplan's four packages is more complex than 15 (radon's cyclomatic figure).

Radon counts what ruff's C901 does not (each ``and``/``or``, each comprehension's ``if``), so a
function ruff passes can still be one nobody can follow: the permission gate once read 29 here
and 12 to ruff. Both run in ``make test`` (ruff's C901 at 15 in pyproject.toml, this test).
Alembic's generated revisions are left out: they are written once and never read as logic.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from textwrap import indent

from radon.complexity import cc_visit
from radon.visitors import Class, Function

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("bot", "scheduler", "storage", "config")
GENERATED = ROOT / "storage" / "migrations" / "versions"
MOST = 15


def _sources() -> Iterator[Path]:
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            if GENERATED not in path.parents:
                yield path


def _functions(blocks: list[Function | Class]) -> Iterator[Function]:
    # radon lists a class's methods beside it (the class's own figure is their average), and
    # keeps a function's closures inside it.
    for block in blocks:
        if isinstance(block, Function):
            yield block
            yield from _functions(list(block.closures))


def _too_complex(source: str) -> list[str]:
    return [
        f"{function.fullname} (line {function.lineno}): {function.complexity}"
        for function in _functions(cc_visit(source))
        if function.complexity > MOST
    ]


def test_every_function_is_at_most_15() -> None:
    found = [
        f"{path.relative_to(ROOT)}: {line}"
        for path in _sources()
        for line in _too_complex(path.read_text(encoding="utf-8"))
    ]
    assert not found, "\n".join(found)


def test_the_check_sees_a_function_over_the_limit() -> None:
    """The measure itself: sixteen ``if``s make 17, in a method and in a closure alike."""
    body = "".join(f"if x == {n}:\n    return {n}\n" for n in range(16)) + "return -1\n"
    method = "class Gate:\n    def holds(self, x: int) -> int:\n" + indent(body, " " * 8)
    assert _too_complex(method) == ["Gate.holds (line 2): 17"]
    closure = "def outer() -> None:\n    def inner(x: int) -> int:\n" + indent(body, " " * 8)
    assert _too_complex(closure) == ["inner (line 2): 17"]
    assert _too_complex("def small(x: int) -> int:\n    return x\n") == []
