"""The rules: pure functions of dates, timings and policies, with no database.

- ``timing``: what a plan's "when" says (``Timing``, ``TimingKind``);
- ``workdays``: working days and public holidays (Danish, Swedish);
- ``dates``: a local hour as a UTC moment, a digest's week;
- ``occurrences``: the dates a recurring timing falls on;
- ``quiet``: the first moment outside a person's quiet hours;
- ``policy``: the reminder policy (``ReminderPolicy``, its layers and their checks);
- ``approvals``: who may decide a request, in what capacity, and when it is decided;
- ``states``: the closed sets of values those rules decide on (stored in the database:
  ``storage.models`` re-exports them, where the tables use them);
- ``leadtimes``: the latest day to send an activity for approval;
- ``overlaps``: overlaps across plans, from the activities already read.

The package imports nothing of the database: an import-linter contract in pyproject.toml
forbids it SQLAlchemy and every other module of ``storage``. The storage layer, the scheduler
and the services use it; it sits below all three.
"""
