"""Strings of the calendar feeds: calendar names, event descriptions, alarms."""

from bot.texts.catalog import Messages

MESSAGES: Messages = {
    "feed.name": {
        "da": "commplan – {name}",
        "sv": "commplan – {name}",
        "en": "commplan – {name}",
    },
    "feed.team_description": {
        "da": "Frister i {name}s kommunikationsplaner",
        "sv": "Deadlines i {name}s kommunikationsplaner",
        "en": "Deadlines of {name}'s communication plans",
    },
    "feed.person_description": {
        "da": "{name}s frister i kommunikationsplanerne",
        "sv": "{name}s deadlines i kommunikationsplanerna",
        "en": "{name}'s deadlines in the communication plans",
    },
    "feed.plan": {"da": "Plan", "sv": "Plan", "en": "Plan"},
    "feed.target_group": {"da": "Målgruppe", "sv": "Målgrupp", "en": "Target group"},
    "feed.message": {"da": "Budskab", "sv": "Budskap", "en": "Message"},
    "feed.channel": {"da": "Kanal", "sv": "Kanal", "en": "Channel"},
    "feed.responsible": {"da": "Ansvarlig", "sv": "Ansvarig", "en": "Responsible"},
    "feed.when": {"da": "Tidspunkt", "sv": "Tidpunkt", "en": "When"},
    "feed.period": {"da": "Periode", "sv": "Period", "en": "Period"},
    "feed.status": {"da": "Status", "sv": "Status", "en": "Status"},
    "feed.status.done": {"da": "Udført", "sv": "Klar", "en": "Done"},
    "feed.status.cancelled": {"da": "Aflyst", "sv": "Inställd", "en": "Cancelled"},
    "feed.status.open": {"da": "Ikke udført", "sv": "Inte klar", "en": "Not done"},
    "feed.steering_group": {"da": "styregruppen", "sv": "styrgruppen", "en": "the steering group"},
    "feed.reference": {
        "da": "commplan-aktivitet #{id}",
        "sv": "commplan-aktivitet #{id}",
        "en": "commplan activity #{id}",
    },
    "feed.alarm.days": {
        "da": "Frist om {days} {days:dag|dage}: {title}",
        "sv": "Deadline om {days} {days:dag|dagar}: {title}",
        "en": "Due in {days} {days:day|days}: {title}",
    },
    "feed.alarm.tomorrow": {
        "da": "Frist i morgen: {title}",
        "sv": "Deadline i morgon: {title}",
        "en": "Due tomorrow: {title}",
    },
    "feed.alarm.today": {
        "da": "Frist i dag: {title}",
        "sv": "Deadline i dag: {title}",
        "en": "Due today: {title}",
    },
    "feed.done_mark": {"da": "✓ {title}", "sv": "✓ {title}", "en": "✓ {title}"},
    "feed.cancelled_mark": {
        "da": "Aflyst: {title}",
        "sv": "Inställd: {title}",
        "en": "Cancelled: {title}",
    },
}
