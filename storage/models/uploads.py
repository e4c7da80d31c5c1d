"""Plan files sent to the bot in a chat, kept between the preview and the person's answer."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import ForeignKey, LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column

from storage.models.base import Base
from storage.types import utcnow

# How long an upload waits for Import or Cancel before the scheduler deletes it.
UPLOAD_HOURS = 24


class PendingUpload(Base):
    """The exact bytes a preview was made from: Import reads these, never a second download.

    Kept in the database, not on disk, because with several replicas the Import click may
    reach another process than the one that received the file; the row goes when the person
    answers, or after ``UPLOAD_HOURS`` (scheduler/retention.py), and with the person
    (``ondelete``) when they are forgotten."""

    __tablename__ = "pending_uploads"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    surface: Mapped[str] = mapped_column(String(16))
    file_name: Mapped[str] = mapped_column(String(300))
    content: Mapped[bytes] = mapped_column(LargeBinary)
    # The plan the preview found the file updates (None: a new plan in ``team_id``).
    plan_id: Mapped[int | None] = mapped_column(ForeignKey("plans.id", ondelete="CASCADE"))
    team_id: Mapped[int | None] = mapped_column(ForeignKey("teams.id", ondelete="CASCADE"))
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow, index=True)
