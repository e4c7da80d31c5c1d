"""Leases between replicas: which one does a job that needs doing once, for how long."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from storage.models.base import Base


class SchedulerLease(Base):
    """``name``'s job (e.g. "planning") is ``holder``'s until ``expires_at``; the holder renews
    it each tick, and another process takes it once it has lapsed (its holder stopped, paused or
    lost the database). A row per job, written by whoever asks first."""

    __tablename__ = "scheduler_leases"

    name: Mapped[str] = mapped_column(String(32), primary_key=True)
    holder: Mapped[str] = mapped_column(String(128))
    expires_at: Mapped[dt.datetime]
