"""Strings of the read-only plan page and its timeline picture."""

from bot.texts.catalog import Messages

MESSAGES: Messages = {
    "page.purpose": {"da": "Formål", "sv": "Syfte", "en": "Purpose"},
    "page.timeline": {"da": "Tidslinje", "sv": "Tidslinje", "en": "Timeline"},
    "page.table": {"da": "Aktiviteter", "sv": "Aktiviteter", "en": "Activities"},
    "page.filter": {"da": "Afgræns", "sv": "Avgränsa", "en": "Filter"},
    "page.show": {"da": "Vis", "sv": "Visa", "en": "Show"},
    "page.all": {"da": "Alle", "sv": "Alla", "en": "All"},
    "page.today": {"da": "I dag", "sv": "I dag", "en": "Today"},
    "page.skip": {
        "da": "Spring til aktiviteterne",
        "sv": "Hoppa till aktiviteterna",
        "en": "Skip to the activities",
    },
    "page.count": {
        "da": "{shown} af {total} aktiviteter",
        "sv": "{shown} av {total} aktiviteter",
        "en": "{shown} of {total} activities",
    },
    "page.no_dates": {
        "da": "Ingen aktiviteter med dato i udvalget.",
        "sv": "Inga aktiviteter med datum i urvalet.",
        "en": "No dated activities in the selection.",
    },
    "page.timeline_label": {
        "da": "Tidslinje: {count} aktiviteter fra {first} til {last}",
        "sv": "Tidslinje: {count} aktiviteter från {first} till {last}",
        "en": "Timeline: {count} activities from {first} to {last}",
    },
    "page.more_in_table": {
        "da": "… og {count} aktiviteter mere i tabellen nedenfor.",
        "sv": "… och {count} aktiviteter till i tabellen nedan.",
        "en": "… and {count} more activities in the table below.",
    },
    "page.legend": {"da": "Forklaring", "sv": "Förklaring", "en": "Legend"},
    "page.kind.done": {"da": "Udført", "sv": "Genomförd", "en": "Done"},
    "page.kind.overdue": {"da": "Forsinket", "sv": "Försenad", "en": "Overdue"},
    "page.kind.waiting": {
        "da": "Venter på godkendelse",
        "sv": "Väntar på godkännande",
        "en": "Awaiting approval",
    },
    "page.kind.planned": {"da": "Planlagt", "sv": "Planerad", "en": "Planned"},
    "page.months": {
        "da": "jan,feb,mar,apr,maj,jun,jul,aug,sep,okt,nov,dec",
        "sv": "jan,feb,mar,apr,maj,jun,jul,aug,sep,okt,nov,dec",
        "en": "Jan,Feb,Mar,Apr,May,Jun,Jul,Aug,Sep,Oct,Nov,Dec",
    },
    "page.week": {"da": "Uge", "sv": "Vecka", "en": "Week"},
    "page.picture_title": {
        "da": "{plan}: de næste 8 uger",
        "sv": "{plan}: de kommande 8 veckorna",
        "en": "{plan}: the next 8 weeks",
    },
    "page.link": {
        "da": "Planen på nettet: {url}",
        "sv": "Planen på webben: {url}",
        "en": "The plan on the web: {url}",
    },
}
