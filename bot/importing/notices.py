"""Warnings about an import (what was read in a way the plan owner should check) and notices
(what was read that the owner should know, such as rows read as done)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from bot.importing.errors import Where
from bot.texts import t
from config.languages import Language


@dataclass(frozen=True, slots=True)
class ImportNote:
    """One warning or notice about an import, where it was read; not an outbox notice."""

    key: str
    where: Where
    values: dict[str, Any] = field(default_factory=dict)

    def message(self, language: Language) -> str:
        return f"{self.where.describe(language)}: {t(self.key, language, **self.values)}"

    def as_json(self, language: Language) -> dict[str, Any]:
        return {
            "code": self.key.removeprefix("import.warning.").removeprefix("import.notice."),
            "table": self.where.table,
            "row": self.where.row,
            "column": self.where.column,
            "message": t(self.key, language, **self.values),
        }
