"""Writing a plan back as the document people know: Excel, Word or CSV.

Each writer takes a ``bot.interchange.tables.PlanTable`` and a path. Done rows are marked in the
done colour of the page and picture (bot/pages/colours.py) and by the status column, which an
import reads back, so colour is never the only sign. Every export names its plan
(bot/interchange/identity.py), so importing it again updates the same plan.
"""

from bot.exporting.delimited import write_csv
from bot.exporting.excel import write_xlsx
from bot.exporting.word import write_docx

WRITERS = {"xlsx": write_xlsx, "docx": write_docx, "csv": write_csv}

__all__ = ["WRITERS", "write_csv", "write_docx", "write_xlsx"]
