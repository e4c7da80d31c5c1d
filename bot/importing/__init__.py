"""Reading the plans people already have: Word, Excel and CSV files into activities.

``files.read_document`` turns a file into a neutral ``Document`` (paragraphs and tables of
text); ``layout.read_plan`` finds the plan in it (title, purpose, header rows, continuation and
per-target-group tables) without touching the database; ``bot.services.imports`` writes it.
"""

from bot.importing.document import Document, Paragraph, Row, Table
from bot.importing.errors import ImportFailed, Where
from bot.importing.files import read_document
from bot.importing.imported import ImportedActivity, ImportedPlan
from bot.importing.layout import read_plan

__all__ = [
    "Document",
    "ImportFailed",
    "ImportedActivity",
    "ImportedPlan",
    "Paragraph",
    "Row",
    "Table",
    "Where",
    "read_document",
    "read_plan",
]
