"""Reading the "when" column of a plan (GLOSSARY.md, docs/timing.md)."""

from bot.timing.reader import read_timing

__all__ = ["read_timing"]
