"""Writing a plan back as the document people know: Excel, Word or CSV.

Each writer takes a ``bot.services.exports.PlanTable`` and a path. Done rows are marked in red
(the Swedish template asks for it) and by the status column, so colour is never the only sign.
"""

from bot.exporting.delimited import write_csv
from bot.exporting.excel import write_xlsx
from bot.exporting.word import write_docx

WRITERS = {"xlsx": write_xlsx, "docx": write_docx, "csv": write_csv}

__all__ = ["WRITERS", "write_csv", "write_docx", "write_xlsx"]
