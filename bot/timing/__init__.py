"""Reading the "when" column of a plan (GLOSSARY.md, docs/timing.md)."""

from bot.timing.meetings import MeetingText, normalised, read_meeting
from bot.timing.reader import read_timing

__all__ = ["MeetingText", "normalised", "read_meeting", "read_timing"]
