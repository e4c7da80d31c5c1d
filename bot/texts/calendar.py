"""Strings of the organisation's calendar page, its picture and its links."""

from bot.texts.catalog import Messages

MESSAGES: Messages = {
    "calendar.title": {
        "da": "Organisationens kommunikationskalender",
        "sv": "Organisationens kommunikationskalender",
        "en": "The organisation's communication calendar",
    },
    "calendar.for_person": {
        "da": "Uge {first} til {last}: de planer, {name} må læse.",
        "sv": "Vecka {first} till {last}: de planer {name} får läsa.",
        "en": "Weeks {first} to {last}: the plans {name} may read.",
    },
    "calendar.for_all": {
        "da": "Uge {first} til {last}: alle aktive planer.",
        "sv": "Vecka {first} till {last}: alla aktiva planer.",
        "en": "Weeks {first} to {last}: every active plan.",
    },
    "calendar.only_group": {
        "da": "Kun målgruppen {group}.",
        "sv": "Endast målgruppen {group}.",
        "en": "Only the audience {group}.",
    },
    "calendar.skip": {
        "da": "Spring til tabellerne",
        "sv": "Hoppa till tabellerna",
        "en": "Skip to the tables",
    },
    "calendar.by_audience": {
        "da": "Aktiviteter pr. målgruppe og uge",
        "sv": "Aktiviteter per målgrupp och vecka",
        "en": "Activities by audience and week",
    },
    "calendar.by_channel": {
        "da": "Aktiviteter pr. kanal og uge",
        "sv": "Aktiviteter per kanal och vecka",
        "en": "Activities by channel and week",
    },
    "calendar.audience": {"da": "Målgruppe", "sv": "Målgrupp", "en": "Audience"},
    "calendar.channel": {"da": "Kanal", "sv": "Kanal", "en": "Channel"},
    "calendar.total": {"da": "I alt", "sv": "Totalt", "en": "Total"},
    "calendar.none": {
        "da": "Ingen aktiviteter i disse uger.",
        "sv": "Inga aktiviteter dessa veckor.",
        "en": "No activities in these weeks.",
    },
    "calendar.no_audience": {
        "da": "(ingen målgruppe)",
        "sv": "(ingen målgrupp)",
        "en": "(no audience)",
    },
    "calendar.legend": {
        "da": "Farven viser antallet (tallet står i feltet):",
        "sv": "Färgen visar antalet (talet står i rutan):",
        "en": "The colour shows the count (the number is in the cell):",
    },
    "calendar.overlaps": {
        "da": "Overlap mellem planer i disse uger",
        "sv": "Överlapp mellan planer dessa veckor",
        "en": "Overlaps between plans in these weeks",
    },
    "calendar.no_overlaps": {
        "da": "Ingen overlap i disse uger.",
        "sv": "Inga överlapp dessa veckor.",
        "en": "No overlaps in these weeks.",
    },
    "calendar.intended": {
        "da": "Markeret som tilsigtet.",
        "sv": "Markerat som avsiktligt.",
        "en": "Marked as intended.",
    },
    "calendar.earlier": {
        "da": "Forrige {weeks} uger",
        "sv": "Föregående {weeks} veckor",
        "en": "Previous {weeks} weeks",
    },
    "calendar.later": {
        "da": "Næste {weeks} uger",
        "sv": "Nästa {weeks} veckor",
        "en": "Next {weeks} weeks",
    },
    "calendar.this_week": {"da": "Denne uge", "sv": "Denna vecka", "en": "This week"},
    "calendar.weeks_nav": {"da": "Uger", "sv": "Veckor", "en": "Weeks"},
    "calendar.picture": {
        "da": "Varmekortet som billede (PNG)",
        "sv": "Värmekartan som bild (PNG)",
        "en": "The heat map as a picture (PNG)",
    },
    "calendar.week_of": {
        "da": "Uge {week}, fra {monday}",
        "sv": "Vecka {week}, från {monday}",
        "en": "Week {week}, from {monday}",
    },
    "calendar.link": {
        "da": "Kalenderen for {name}, åben til {until}: {url}",
        "sv": "Kalendern för {name}, öppen till {until}: {url}",
        "en": "The calendar for {name}, open until {until}: {url}",
    },
    "calendar.links_revoked": {
        "da": "Alle kalenderlinks lavet til {name} indtil nu virker ikke længere; "
        "nye links virker.",
        "sv": "Alla kalenderlänkar skapade för {name} hittills fungerar inte längre; nya länkar "
        "fungerar.",
        "en": "Every calendar link made for {name} until now no longer opens; new links work.",
    },
    "calendar.everyone": {
        "da": "hele organisationen",
        "sv": "hela organisationen",
        "en": "the whole organisation",
    },
    "calendar.link_needs_person": {
        "da": "Et kalenderlink tilhører en person: du er ikke knyttet til nogen i commplan.",
        "sv": "En kalenderlänk hör till en person: du är inte kopplad till någon i commplan.",
        "en": "A calendar link belongs to a person: you are linked to nobody in commplan.",
    },
    "calendar.link_bad": {
        "da": "Ikke fundet: linket er ugyldigt.",
        "sv": "Hittades inte: länken är ogiltig.",
        "en": "Not found: the link is not valid.",
    },
    "calendar.link_expired": {
        "da": "Linket er udløbet: bed om et nyt (commplan calendar --link).",
        "sv": "Länken har gått ut: be om en ny (commplan calendar --link).",
        "en": "The link has expired: ask for a new one (commplan calendar --link).",
    },
    "calendar.png_needs_output": {
        "da": "Et billede skrives til en fil: tilføj --output FIL.png.",
        "sv": "En bild skrivs till en fil: lägg till --output FIL.png.",
        "en": "A picture is written to a file: add --output FILE.png.",
    },
    "calendar.written": {
        "da": "Skrev {path} ({width} × {height} px).",
        "sv": "Skrev {path} ({width} × {height} px).",
        "en": "Wrote {path} ({width} × {height} px).",
    },
}
