"""A ``Reply`` as plain terminal text, its buttons numbered so a person can press one."""

from __future__ import annotations

from dataclasses import dataclass

from bot.chat.replies import Button, Item, Reply, item_text
from bot.transports.console.terminal import terminal_text
from config.languages import Language


@dataclass(frozen=True, slots=True)
class Rendered:
    text: str
    buttons: tuple[Button, ...]  # button n is buttons[n - 1]


def _item_lines(item: Item, language: Language, first_number: int) -> list[str]:
    view = item.activity
    line = item_text(view, language)
    flag = "!" if item.overdue else "-"
    lines = [f" {flag} #{view.id} {line.title}  ({line.due})"]
    shown = " · ".join(line.details)
    if shown:
        lines.append(f"     {shown}")
    if item.buttons:
        labels = [f"[{first_number + n}] {button.label}" for n, button in enumerate(item.buttons)]
        lines.append("     " + "  ".join(labels))
    return lines


def render(reply: Reply, language: Language, first: int = 1) -> Rendered:
    """``first``: the number of the reply's first button (after others still on screen)."""
    lines = [reply.text]
    buttons: list[Button] = []
    for section in reply.sections:
        lines.append(f"{section.heading}:")
        for item in section.items:
            lines.extend(_item_lines(item, language, first + len(buttons)))
            buttons.extend(item.buttons)
    lines.extend(reply.notes)
    lines.extend(f"  ? {name}" for name in reply.pickers)
    if reply.buttons:
        start = first + len(buttons)
        lines.append("  ".join(f"[{start + n}] {b.label}" for n, b in enumerate(reply.buttons)))
        buttons.extend(reply.buttons)
    # A plan's text may hold terminal escape sequences: shown, not obeyed (bot/cli/output.py).
    return Rendered(terminal_text("\n".join(lines)), tuple(buttons))
