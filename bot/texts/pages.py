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
        "da": "{shown} af {total} {total:aktivitet|aktiviteter}",
        "sv": "{shown} av {total} {total:aktivitet|aktiviteter}",
        "en": "{shown} of {total} {total:activity|activities}",
    },
    "page.picture_empty": {
        "da": "Intet har dato i de næste {weeks} uger, og intet er forsinket.",
        "sv": "Inget har datum de närmaste {weeks} veckorna, och inget är försenat.",
        "en": "Nothing is due in the next {weeks} weeks, and nothing is overdue.",
    },
    "page.no_dates": {
        "da": "Ingen aktiviteter med dato i udvalget.",
        "sv": "Inga aktiviteter med datum i urvalet.",
        "en": "No dated activities in the selection.",
    },
    "page.timeline_label": {
        "da": "Tidslinje: {count} {count:aktivitet|aktiviteter} fra {first} til {last}",
        "sv": "Tidslinje: {count} {count:aktivitet|aktiviteter} från {first} till {last}",
        "en": "Timeline: {count} {count:activity|activities} from {first} to {last}",
    },
    "page.more_in_table": {
        "da": "… og {count} {count:aktivitet|aktiviteter} mere i tabellen nedenfor.",
        "sv": "… och {count} {count:aktivitet|aktiviteter} till i tabellen nedan.",
        "en": "… and {count} more {count:activity|activities} in the table below.",
    },
    "page.pages": {
        "da": "Tabellens sider",
        "sv": "Tabellens sidor",
        "en": "Pages of the table",
    },
    "page.page_of": {
        "da": "Side {number} af {pages}: aktivitet {first}–{last}",
        "sv": "Sida {number} av {pages}: aktivitet {first}–{last}",
        "en": "Page {number} of {pages}: activities {first}–{last}",
    },
    "page.previous": {"da": "Forrige side", "sv": "Föregående sida", "en": "Previous page"},
    "page.next": {"da": "Næste side", "sv": "Nästa sida", "en": "Next page"},
    "page.legend": {"da": "Forklaring", "sv": "Förklaring", "en": "Legend"},
    "page.kind.overdue": {"da": "Forsinket", "sv": "Försenad", "en": "Overdue"},
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
    "page.link_shown": {
        "da": "Adressen til planens side blev vist, da den blev lavet, og gemmes ikke. "
        "Er den mistet, laver --rotate en ny (den gamle holder op med at virke).",
        "sv": "Adressen till planens sida visades när den skapades och sparas inte. "
        "Har den tappats bort skapar --rotate en ny (den gamla slutar fungera).",
        "en": "The plan page's address was shown when it was made and is not kept. "
        "If it is lost, --rotate makes a new one (the old one stops working).",
    },
    "feed.link_shown": {
        "da": "Kalenderadressen for {owner} blev vist, da den blev lavet, og gemmes ikke. "
        "Er den mistet, laver en rotation en ny (den gamle holder op med at virke).",
        "sv": "Kalenderadressen för {owner} visades när den skapades och sparas inte. "
        "Har den tappats bort skapar en rotation en ny (den gamla slutar fungera).",
        "en": "The calendar address for {owner} was shown when it was made and is not kept. "
        "If it is lost, rotating makes a new one (the old one stops working).",
    },
    "page.link": {
        "da": "Planen på nettet: {url}",
        "sv": "Planen på webben: {url}",
        "en": "The plan on the web: {url}",
    },
    "home.intro": {
        "da": "Her kører commplan: den holder styr på kommunikationsplaner og minder de "
        "ansvarlige om deres aktiviteter.",
        "sv": "Här kör commplan: den håller ordning på kommunikationsplaner och påminner de "
        "ansvariga om deras aktiviteter.",
        "en": "commplan runs here: it keeps track of communication plans and reminds the "
        "people responsible of their activities.",
    },
    "home.reminders": {
        "da": "Påmindelser og styregruppens godkendelser, sendt efter planen",
        "sv": "Påminnelser och styrgruppens godkännanden, skickade enligt planen",
        "en": "Reminders and the steering group's approvals, sent as planned",
    },
    "home.slack": {
        "da": "Slack-appen (/commplan)",
        "sv": "Slack-appen (/commplan)",
        "en": "The Slack app (/commplan)",
    },
    "home.teams": {
        "da": "Microsoft Teams-appen",
        "sv": "Microsoft Teams-appen",
        "en": "The Microsoft Teams app",
    },
    "home.email": {
        "da": "E-mail med påmindelser og godkendelser, besvaret via deres links",
        "sv": "E-post med påminnelser och godkännanden, besvarad via sina länkar",
        "en": "E-mail with reminders and approvals, answered through their links",
    },
    "home.pages": {
        "da": "Kalenderfeeds og plansider",
        "sv": "Kalenderflöden och plansidor",
        "en": "Calendar feeds and plan pages",
    },
    "home.private": {
        "da": "Planer og kalendere vises kun via deres hemmelige links; bed planens ejer om "
        "et link.",
        "sv": "Planer och kalendrar visas bara via sina hemliga länkar; be planens ägare om "
        "en länk.",
        "en": "Plans and calendars are shown only through their secret links; ask the plan's "
        "owner for one.",
    },
    "home.health": {
        "da": "Driftstatus (/healthz)",
        "sv": "Driftstatus (/healthz)",
        "en": "Health check (/healthz)",
    },
    "home.docs": {"da": "Dokumentation", "sv": "Dokumentation", "en": "Documentation"},
    "home.docs_local": {
        "da": "Dokumentation: README.md og mappen docs/ i commplan",
        "sv": "Dokumentation: README.md och mappen docs/ i commplan",
        "en": "Documentation: README.md and the docs/ folder of commplan",
    },
}
