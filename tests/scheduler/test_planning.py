"""Planning reminders: offsets, local hours across DST, working days and holidays, overdue
nudges and escalation, windows, ongoing and recurring activities, snoozes."""

from __future__ import annotations

import dataclasses
import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from scheduler.outbox.kinds import NoticeKind
from scheduler.schedule import OpenActivity, ReminderReader, ScheduledNotice, schedule_notices
from storage.rules.dates import at_local_hour
from storage.rules.occurrences import first_due, occurrences
from storage.rules.policy import PolicyError, ReminderPolicy
from storage.rules.quiet import outside_quiet_hours
from storage.rules.timing import Timing, TimingKind
from storage.rules.workdays import working_days

CPH, STO = "Europe/Copenhagen", "Europe/Stockholm"
UTC = dt.UTC
ANNE = ReminderReader(1, CPH)
OWNER = ReminderReader(9, CPH)


def subject(
    timing: Timing,
    *,
    next_due: dt.date | None = None,
    created: dt.date = dt.date(2027, 1, 4),
    recipients: tuple[ReminderReader, ...] = (ANNE,),
    country: str = "DK",
    policy: ReminderPolicy | None = None,
    snoozed_until: dt.datetime | None = None,
    steering_group_id: int | None = None,
) -> OpenActivity:
    return OpenActivity(
        activity_id=7,
        plan_id=3,
        timing=timing,
        next_due=next_due if next_due is not None else timing.due,
        created=created,
        recipients=recipients,
        owner=OWNER,
        steering_group_id=steering_group_id,
        country=country,
        policy=policy or ReminderPolicy(),
        snoozed_until=snoozed_until,
    )


def date(day: dt.date) -> Timing:
    return Timing(TimingKind.DATE, start=day, due=day)


def everything(item: OpenActivity) -> list[ScheduledNotice]:
    return schedule_notices(
        item,
        first=dt.datetime(2026, 1, 1, tzinfo=UTC),
        last=dt.datetime(2029, 1, 1, tzinfo=UTC),
    )


def local(notice: ScheduledNotice, zone: str = CPH) -> str:
    return notice.due_at.astimezone(ZoneInfo(zone)).strftime("%Y-%m-%d %a %H:%M %Z")


def test_default_reminders_are_7_and_1_days_before_at_9_local_across_spring_dst() -> None:
    # Due Thursday 1 April 2027; summer time starts Sunday 28 March.
    notices = everything(subject(date(dt.date(2027, 4, 1))))
    reminders = [n for n in notices if n.kind == NoticeKind.REMINDER]
    assert [local(n) for n in reminders] == [
        "2027-03-24 Wed 09:00 CET",
        "2027-03-31 Wed 09:00 CEST",
    ]
    assert [n.due_at.hour for n in reminders] == [8, 7]  # UTC moves, local time does not
    assert reminders[0].key == "reminder:7:2027-04-01:7d:1"
    assert reminders[0].payload == {"due": "2027-04-01", "offset_days": 7}


def test_autumn_dst_in_stockholm() -> None:
    # Due Tuesday 2 November 2027; winter time starts Sunday 31 October.
    item = subject(date(dt.date(2027, 11, 2)), recipients=(ReminderReader(1, STO),), country="SE")
    reminders = [n for n in everything(item) if n.kind == NoticeKind.REMINDER]
    assert [local(n, STO) for n in reminders] == [
        "2027-10-26 Tue 09:00 CEST",
        "2027-11-01 Mon 09:00 CET",
    ]
    assert [n.due_at.hour for n in reminders] == [7, 8]


def test_a_reminder_on_a_weekend_or_holiday_moves_to_the_working_day_before() -> None:
    # Due Tuesday 30 March 2027 (Denmark): 7 days before is Tuesday 23 March; 1 day before is
    # Easter Monday 29 March, before it Easter Sunday, Saturday, Good Friday 26 and Maundy
    # Thursday 25 March, all closed: Wednesday 24 March.
    reminders = [
        n for n in everything(subject(date(dt.date(2027, 3, 30)))) if n.kind == NoticeKind.REMINDER
    ]
    assert [local(n) for n in reminders] == ["2027-03-23 Tue 09:00 CET", "2027-03-24 Wed 09:00 CET"]
    # Sweden works on Maundy Thursday.
    swedish = subject(
        date(dt.date(2027, 3, 30)), recipients=(ReminderReader(1, STO),), country="SE"
    )
    reminders = [n for n in everything(swedish) if n.kind == NoticeKind.REMINDER]
    assert [local(n, STO) for n in reminders] == [
        "2027-03-23 Tue 09:00 CET",
        "2027-03-25 Thu 09:00 CET",
    ]


def test_working_days_know_each_countrys_holidays() -> None:
    denmark, sweden = working_days("DK"), working_days("SE")
    assert not denmark.is_working(dt.date(2027, 3, 25))  # skærtorsdag
    assert sweden.is_working(dt.date(2027, 3, 25))
    assert not sweden.is_working(dt.date(2027, 6, 6))  # Sveriges nationaldag (a Sunday anyway)
    assert not sweden.is_working(dt.date(2026, 6, 19))  # midsommarafton, by custom
    assert denmark.is_working(dt.date(2026, 6, 19))
    assert not denmark.is_working(dt.date(2026, 12, 24))  # juleaftensdag, by agreement
    assert not denmark.is_working(dt.date(2026, 6, 5))  # grundlovsdag
    assert denmark.add(dt.date(2027, 3, 24), 1) == dt.date(2027, 3, 30)


def test_overdue_nudges_every_two_working_days_then_escalation() -> None:
    notices = everything(
        subject(
            date(dt.date(2027, 3, 24)),
            steering_group_id=5,
            policy=ReminderPolicy(escalate_to_steering_group=True),
        )
    )
    overdue = [n for n in notices if n.kind == NoticeKind.OVERDUE]
    # Working days after Wednesday 24 March 2027 in Denmark: 30 Mar, 31 Mar, 1 Apr, 2 Apr, 5 Apr...
    assert [local(n)[:14] for n in overdue] == [
        "2027-03-31 Wed",
        "2027-04-02 Fri",
        "2027-04-06 Tue",
    ]
    escalations = [n for n in notices if n.kind == NoticeKind.ESCALATION]
    assert [(n.person_id, local(n)[:14]) for n in escalations] == [
        (9, "2027-04-08 Thu"),  # the plan owner
        (None, "2027-04-08 Thu"),  # the steering group's channel
    ]
    assert escalations[1].payload["steering_group_id"] == 5
    assert escalations[0].payload == {"due": "2027-03-24", "responsible": [1]}


def test_no_escalation_to_an_owner_who_is_the_responsible() -> None:
    notices = everything(subject(date(dt.date(2027, 3, 24)), recipients=(OWNER,)))
    assert [n for n in notices if n.kind == NoticeKind.ESCALATION] == []


def test_a_window_gets_starts_soon_unless_a_reminder_falls_that_day() -> None:
    # Uge 12 2027: Monday 22 to Sunday 28 March.
    window = Timing(TimingKind.WINDOW, start=dt.date(2027, 3, 22), due=dt.date(2027, 3, 28))
    notices = everything(subject(window))
    assert [(n.kind, local(n)[:14]) for n in notices if n.kind != NoticeKind.OVERDUE][:3] == [
        ("reminder", "2027-03-19 Fri"),  # 7 days before Sunday 28th is Sunday 21st: Friday
        ("reminder", "2027-03-24 Wed"),  # Saturday 27th; Friday and Thursday are Easter
        ("escalation", "2027-04-08 Thu"),
    ]  # "starts soon" (Saturday 20th: Friday 19th) would repeat the first reminder
    later = Timing(TimingKind.WINDOW, start=dt.date(2027, 5, 3), due=dt.date(2027, 5, 31))
    kinds = [(n.kind, local(n)[:14]) for n in everything(subject(later))][:3]
    assert kinds == [
        ("starts_soon", "2027-04-30 Fri"),  # 2 days before Monday 3 May: Saturday: Friday
        ("reminder", "2027-05-24 Mon"),
        ("reminder", "2027-05-28 Fri"),  # Sunday 30th: Friday
    ]


def test_a_recurring_activity_gets_each_occurrence_with_its_own_reminders() -> None:
    monthly = Timing(TimingKind.RECURRING, rrule="FREQ=MONTHLY", start=dt.date(2027, 1, 31))
    item = subject(monthly, next_due=dt.date(2027, 1, 31), created=dt.date(2027, 1, 4))
    notices = schedule_notices(
        item,
        first=dt.datetime(2027, 1, 1, tzinfo=UTC),
        last=dt.datetime(2027, 3, 31, tzinfo=UTC),
    )
    reminders = [
        (n.payload["due"], local(n)[:14]) for n in notices if n.kind == NoticeKind.REMINDER
    ]
    assert reminders == [
        ("2027-01-31", "2027-01-22 Fri"),  # 24 Jan is a Sunday
        ("2027-01-31", "2027-01-29 Fri"),
        ("2027-02-28", "2027-02-19 Fri"),  # February's end: the 28th
        ("2027-02-28", "2027-02-26 Fri"),
        ("2027-03-31", "2027-03-24 Wed"),
        ("2027-03-31", "2027-03-30 Tue"),
    ]
    # Overdue nudges belong to the open occurrence only.
    assert {n.payload["due"] for n in notices if n.kind == NoticeKind.OVERDUE} == {"2027-01-31"}


def test_month_end_and_29_february_do_not_drift() -> None:
    # "Hver måned fra 31. januar 2027": a day named, so the RRULE from it
    monthly = Timing(TimingKind.RECURRING, rrule="FREQ=MONTHLY", start=dt.date(2027, 1, 31))
    days = list(
        occurrences(
            monthly,
            anchor=dt.date(2027, 1, 31),
            first=dt.date(2027, 1, 1),
            last=dt.date(2027, 7, 31),
            country="DK",
        )
    )
    assert [d.day for d in days] == [31, 28, 31, 30, 31, 30, 31]
    yearly = Timing(TimingKind.RECURRING, rrule="FREQ=YEARLY", start=dt.date(2028, 2, 29))
    days = list(
        occurrences(
            yearly,
            anchor=dt.date(2028, 2, 29),
            first=dt.date(2028, 1, 1),
            last=dt.date(2032, 12, 31),
            country="DK",
        )
    )
    assert days == [
        dt.date(2028, 2, 29),
        dt.date(2029, 2, 28),
        dt.date(2030, 2, 28),
        dt.date(2031, 2, 28),
        dt.date(2032, 2, 29),
    ]
    # An explicit BYMONTHDAY is the writer's own rule and kept as RFC 5545 says.
    explicit = Timing(TimingKind.RECURRING, rrule="FREQ=MONTHLY;BYMONTHDAY=31")
    days = list(
        occurrences(
            explicit,
            anchor=dt.date(2027, 1, 31),
            first=dt.date(2027, 1, 1),
            last=dt.date(2027, 4, 30),
            country="DK",
        )
    )
    assert days == [dt.date(2027, 1, 31), dt.date(2027, 3, 31)]


def test_a_recurrence_written_today_is_first_due_one_period_on() -> None:
    monthly = Timing(TimingKind.RECURRING, rrule="FREQ=MONTHLY")
    created = dt.date(2027, 1, 31)
    # no day named: the first working day of the next month
    assert first_due(monthly, created=created, today=created, country="DK") == dt.date(2027, 2, 1)
    named = Timing(TimingKind.RECURRING, rrule="FREQ=MONTHLY", start=dt.date(2027, 1, 31))
    assert first_due(named, created=created, today=created, country="DK") == dt.date(2027, 1, 31)


def test_ongoing_nudges_monthly_from_the_start_without_drift() -> None:
    ongoing = Timing(TimingKind.ONGOING, start=dt.date(2027, 1, 31))
    notices = everything(subject(ongoing, created=dt.date(2027, 1, 10)))
    assert [local(n)[:14] for n in notices][:4] == [
        "2027-02-26 Fri",  # 28 February is a Sunday
        "2027-03-31 Wed",
        "2027-04-30 Fri",
        "2027-05-31 Mon",
    ]
    assert all(n.kind == NoticeKind.ONGOING for n in notices)


def test_asap_gets_one_nudge_and_on_trigger_none() -> None:
    asap = everything(subject(Timing(TimingKind.ASAP), created=dt.date(2027, 3, 24)))
    assert [(n.kind, local(n)) for n in asap] == [("asap", "2027-04-01 Thu 09:00 CEST")]
    assert everything(subject(Timing(TimingKind.ON_TRIGGER))) == []
    assert everything(subject(Timing(TimingKind.UNKNOWN))) == []


def test_reminders_before_the_activity_existed_are_not_owed() -> None:
    item = subject(date(dt.date(2027, 4, 1)))
    created_late = dataclasses.replace(item, created_at=dt.datetime(2027, 3, 30, 12, 0, tzinfo=UTC))
    kinds = [(n.kind, local(n)[:10]) for n in everything(created_late)][:2]
    assert kinds == [("reminder", "2027-03-31"), ("overdue", "2027-04-05")]


def test_a_snooze_holds_reminders_back_and_reminds_when_it_ends() -> None:
    until = dt.datetime(2027, 3, 31, 10, 0, tzinfo=UTC)
    notices = everything(subject(date(dt.date(2027, 4, 1)), snoozed_until=until))
    assert [(n.kind, n.due_at) for n in notices][:2] == [
        ("snoozed", until),
        ("overdue", at_local_hour(dt.date(2027, 4, 5), 9, CPH)),
    ]


def test_policy_layers_and_errors() -> None:
    policy = ReminderPolicy.merged({"before_days": [14, 3], "hour": 8}, {"hour": "10"})
    assert (policy.before_days, policy.hour) == ((14, 3), 10)
    assert ReminderPolicy.merged({"before_days": "1, 7"}).before_days == (7, 1)
    with pytest.raises(PolicyError, match="colour: unknown"):
        ReminderPolicy.merged({"colour": "red"})
    with pytest.raises(PolicyError, match="hour: expected 0 to 23"):
        ReminderPolicy.merged({"hour": 24})
    with pytest.raises(PolicyError, match="quiet hours"):
        ReminderPolicy.merged({"hour": 22})
    with pytest.raises(PolicyError, match="escalate_to_owner: expected true or false"):
        ReminderPolicy.merged({"escalate_to_owner": "maybe"})


def test_quiet_hours_hold_a_late_message_until_morning() -> None:
    night = dt.datetime(2027, 3, 27, 22, 30, tzinfo=UTC)  # 23:30 CET, the night before DST
    assert outside_quiet_hours(night, CPH, 18, 8) == dt.datetime(2027, 3, 28, 6, 0, tzinfo=UTC)
    early = dt.datetime(2027, 3, 28, 3, 0, tzinfo=UTC)  # 05:00 CEST
    assert outside_quiet_hours(early, CPH, 18, 8) == dt.datetime(2027, 3, 28, 6, 0, tzinfo=UTC)
    day = dt.datetime(2027, 3, 28, 10, 0, tzinfo=UTC)
    assert outside_quiet_hours(day, CPH, 18, 8) == day
    assert outside_quiet_hours(night, CPH, 0, 0) == night
