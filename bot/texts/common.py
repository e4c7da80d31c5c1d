"""Strings shared by every surface: errors and confirmations."""

from bot.texts.catalog import Messages

MESSAGES: Messages = {
    "error.unknown_team": {
        "da": "Ukendt team: {name}",
        "sv": "Okänt team: {name}",
        "en": "Unknown team: {name}",
    },
    "error.unknown_person": {
        "da": "Ukendt person: {name}",
        "sv": "Okänd person: {name}",
        "en": "Unknown person: {name}",
    },
    "error.unknown_plan": {
        "da": "Ukendt plan: {name}",
        "sv": "Okänd plan: {name}",
        "en": "Unknown plan: {name}",
    },
    "error.unknown_activity": {
        "da": "Ukendt aktivitet: {name}",
        "sv": "Okänd aktivitet: {name}",
        "en": "Unknown activity: {name}",
    },
    "error.ambiguous_plan": {
        "da": "Flere teams har en plan ved navn {name} ({teams}); angiv teamet",
        "sv": "Flera team har en plan som heter {name} ({teams}); ange teamet",
        "en": "Several teams have a plan called {name} ({teams}); name the team",
    },
    "error.empty_name": {
        "da": "Navnet må ikke være tomt",
        "sv": "Namnet får inte vara tomt",
        "en": "The name must not be empty",
    },
    "error.team_exists": {
        "da": "Der findes allerede et team med kortnavnet {slug}",
        "sv": "Det finns redan ett team med kortnamnet {slug}",
        "en": "A team with the short name {slug} already exists",
    },
    "error.plan_exists": {
        "da": "Teamet {team} har allerede en plan ved navn {name}",
        "sv": "Teamet {team} har redan en plan som heter {name}",
        "en": "Team {team} already has a plan called {name}",
    },
    "error.bad_email": {
        "da": "Ugyldig e-mailadresse: {value}",
        "sv": "Ogiltig e-postadress: {value}",
        "en": "Not an e-mail address: {value}",
    },
    "error.email_taken": {
        "da": "E-mailadressen {value} tilhører allerede en anden person",
        "sv": "E-postadressen {value} tillhör redan en annan person",
        "en": "The e-mail address {value} already belongs to someone else",
    },
    "error.no_slack": {
        "da": "Slack er ikke sat op (SLACK_BOT_TOKEN).",
        "sv": "Slack är inte konfigurerat (SLACK_BOT_TOKEN).",
        "en": "Slack is not configured (SLACK_BOT_TOKEN).",
    },
    "error.alias_taken": {
        "da": "Kaldenavnet {alias} bruges allerede af {name}",
        "sv": "Smeknamnet {alias} används redan av {name}",
        "en": "The alias {alias} is already used by {name}",
    },
    "error.bad_language": {
        "da": "Ukendt sprog: {value} (brug da, sv eller en)",
        "sv": "Okänt språk: {value} (använd da, sv eller en)",
        "en": "Unknown language: {value} (use da, sv or en)",
    },
    "error.bad_country": {
        "da": "Ukendt land: {value} (brug DK eller SE)",
        "sv": "Okänt land: {value} (använd DK eller SE)",
        "en": "Unknown country: {value} (use DK or SE)",
    },
    "error.bad_time_zone": {
        "da": "Ukendt tidszone: {value} (fx Europe/Copenhagen)",
        "sv": "Okänd tidszon: {value} (t.ex. Europe/Stockholm)",
        "en": "Unknown time zone: {value} (e.g. Europe/Copenhagen)",
    },
    "error.unknown_field": {
        "da": "Ukendt felt: {name} (kendte felter: {known})",
        "sv": "Okänt fält: {name} (kända fält: {known})",
        "en": "Unknown field: {name} (known fields: {known})",
    },
    "error.bad_surface": {
        "da": "Ukendt tjeneste: {value} (kendte: {known})",
        "sv": "Okänd tjänst: {value} (kända: {known})",
        "en": "Unknown service: {value} (known: {known})",
    },
    "error.chat_user_taken": {
        "da": "{value} er allerede forbundet med {name}",
        "sv": "{value} är redan kopplad till {name}",
        "en": "{value} is already linked to {name}",
    },
    "error.nothing_to_change": {
        "da": "Intet at ændre",
        "sv": "Inget att ändra",
        "en": "Nothing to change",
    },
    "error.already_done": {
        "da": "Aktivitet #{id} er allerede udført",
        "sv": "Aktivitet #{id} är redan utförd",
        "en": "Activity #{id} is already done",
    },
    "error.not_done": {
        "da": "Aktivitet #{id} er ikke udført, så der er intet at genåbne",
        "sv": "Aktivitet #{id} är inte utförd, så det finns inget att återöppna",
        "en": "Activity #{id} is not done, so there is nothing to reopen",
    },
    "error.undo_expired": {
        "da": "Fortryd er udløbet (efter {minutes} minutter); skriv: genåbn {id}",
        "sv": "Ångra har gått ut (efter {minutes} minuter); skriv: återöppna {id}",
        "en": "Undo has expired (after {minutes} minutes); type: reopen {id}",
    },
    "error.move_closed": {
        "da": "Aktivitet #{id} er udført eller aflyst; genåbn den først (genåbn {id})",
        "sv": "Aktivitet #{id} är utförd eller inställd; återöppna den först (återöppna {id})",
        "en": "Activity #{id} is done or cancelled; reopen it first (reopen {id})",
    },
    "error.when_unreadable": {
        "da": "Den tid kan jeg ikke læse: {text} (fx: 14/3 2027, uge 12 2027, senest uge 12,"
        " hver måned, i morgen, anden onsdag i hver måned)",
        "sv": "Den tiden kan jag inte läsa: {text} (t.ex.: 14/3 2027, vecka 12 2027, senast vecka"
        " 12, varje månad, i morgon, andra onsdagen varje månad)",
        "en": "I cannot read that time: {text} (e.g.: 14/3 2027, week 12 2027, by week 12,"
        " every month, tomorrow, second Wednesday of every month)",
    },
    "error.status_not_a_field": {
        "da": "Status ændres ikke med edit: brug done {id}, reopen {id} eller cancel {id}",
        "sv": "Status ändras inte med edit: använd done {id}, reopen {id} eller cancel {id}",
        "en": "Status is not changed with edit: use done {id}, reopen {id} or cancel {id}",
    },
    "error.cancelled": {
        "da": "Aktivitet #{id} er aflyst",
        "sv": "Aktivitet #{id} är inställd",
        "en": "Activity #{id} is cancelled",
    },
    "error.bad_days": {
        "da": "Antal dage skal være mellem 0 og {max}, ikke {value}",
        "sv": "Antal dagar ska vara mellan 0 och {max}, inte {value}",
        "en": "The number of days must be between 0 and {max}, not {value}",
    },
    "error.bad_assignment": {
        "da": "Skriv FELT=VÆRDI, ikke {value}",
        "sv": "Skriv FÄLT=VÄRDE, inte {value}",
        "en": "Write FIELD=VALUE, not {value}",
    },
}
