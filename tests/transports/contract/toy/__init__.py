"""A surface that exists only for the tests: one folder (this one) and one registry line.

It proves the checklist of docs/architecture.md ("Adding a surface"): nothing outside a
surface's folder names it, so this folder and ``registry.add(SPEC)`` make a surface the
notifier contract suite, the inbound-surface suite and the permission matrix run over like
the real ones. Its "service" is a board in memory: what it posted, to whom.

``Surface`` is an enum of the surfaces commplan ships; the toy's value is a ``StrEnum`` of its
own, given where a ``Surface`` is expected (it is stored as its text, "toy", like the others),
and where an ``Origin`` is (what its people do is audited as coming from it, as a shipped
surface's value is also an ``Origin``).
"""

from __future__ import annotations

from enum import StrEnum
from typing import cast

from bot.registry import KB, SurfaceSpec
from storage.models import Origin, Surface


class ToySurface(StrEnum):
    TOY = "toy"

    @property
    def surface(self) -> Surface:
        """As ``Origin.surface``: the messaging surface this origin is, itself."""
        return TOY


TOY = cast(Surface, ToySurface.TOY)
TOY_ORIGIN = cast(Origin, ToySurface.TOY)

# The one line: what the rest of commplan knows of the toy surface.
SPEC = SurfaceSpec(
    TOY,
    enabled=lambda settings: True,
    notifier="tests.transports.contract.toy.notifier:build",
    app="tests.transports.contract.toy.app:build",
    max_body=4 * KB,
    home_line="home.reminders",  # a test cannot add to the texts catalogue; any line will do
    settings_check="tests.transports.contract.toy.app:check_settings",
    matrix_driver="tests.transports.contract.toy.driver:ToyDriver",
    typed_commands=False,  # its people press buttons; typing is e-mail's and the toy's lack
)
