"""Strings of the chat surfaces: command replies, headings, buttons, help."""

from bot.texts.catalog import Messages

MESSAGES: Messages = {
    "chat.help_title": {"da": "Kommandoer:", "sv": "Kommandon:", "en": "Commands:"},
    "chat.help_other_words": {
        "da": "De engelske ord (upcoming, done, decide NR approve|reject|changes …) og de "
        "svenske virker også.",
        "sv": "De engelska orden (upcoming, done, decide NR approve|reject|changes …) och de "
        "danska fungerar också.",
        "en": "The Danish and Swedish words (kommende, udført, godkend …) work too.",
    },
    "chat.connect_in_channel": {
        "da": "Skriv forbind STYREGRUPPE i den kanal, hvor styregruppen skal have anmodninger.",
        "sv": "Skriv koppla STYRGRUPP i den kanal där styrgruppen ska få begäranden.",
        "en": "Type connect GROUP in the channel where the steering group should get requests.",
    },
    "chat.connected": {
        "da": "Anmodninger om godkendelse og ugens overblik for {name} kommer nu i denne kanal.",
        "sv": "Begäranden om godkännande och veckans översikt för {name} kommer nu i den här "
        "kanalen.",
        "en": "Approval requests and the weekly digest for {name} now come to this channel.",
    },
    "chat.approval_requested": {
        "da": "Sendt til godkendelse: {title} (anmodning #{id}, version {version}).",
        "sv": "Skickat för godkännande: {title} (begäran #{id}, version {version}).",
        "en": "Sent for approval: {title} (request #{id}, version {version}).",
    },
    "chat.decided": {
        "da": "Registreret: {decision} af anmodning #{id} ({capacity}). Status: {status}.",
        "sv": "Registrerat: {decision} av begäran #{id} ({capacity}). Status: {status}.",
        "en": "Recorded: {decision} on request #{id} ({capacity}). Status: {status}.",
    },
    "decision.approve": {"da": "godkendelse", "sv": "godkännande", "en": "approval"},
    "decision.reject": {"da": "afvisning", "sv": "avslag", "en": "rejection"},
    "decision.request_changes": {
        "da": "ønske om ændringer",
        "sv": "begäran om ändringar",
        "en": "request for changes",
    },
    "chat.bad_decision": {
        "da": "Skriv godkend, afvis eller ændringer (eller approve, reject, changes), ikke: {word}",
        "sv": "Skriv godkänn, avslå eller ändringar (eller approve, reject, changes), inte: {word}",
        "en": "Write approve, reject or changes (or godkend, afvis, ændringer), not: {word}",
    },
    "chat.decide_on": {
        "da": "Anmodning #{id}, version {version}",
        "sv": "Begäran #{id}, version {version}",
        "en": "Request #{id}, version {version}",
    },
    "console.welcome": {
        "da": "commplan console: du er {name}. Skriv hjælp, eller quit for at gå. Det, "
        "commplan serve sender dig, vises her, når du trykker Enter.",
        "sv": "commplan console: du är {name}. Skriv hjälp, eller quit för att gå. Det "
        "commplan serve skickar dig visas här när du trycker Enter.",
        "en": "commplan console: you are {name}. Type help, or quit to leave. What commplan "
        "serve sends you shows here when you press Enter.",
    },
    "console.arrived": {"da": "Til dig:", "sv": "Till dig:", "en": "For you:"},
    "console.comment": {
        "da": "Din kommentar (skriv den på næste linje; tom linje: ingen kommentar):",
        "sv": "Din kommentar (skriv den på nästa rad; tom rad: ingen kommentar):",
        "en": "Your comment (type it on the next line; an empty line: no comment):",
    },
    "chat.no_approvals": {
        "da": "Ingen åbne anmodninger om godkendelse.",
        "sv": "Inga öppna begäranden om godkännande.",
        "en": "No open approval requests.",
    },
    "chat.approvals_title": {
        "da": "Åbne anmodninger om godkendelse:",
        "sv": "Öppna begäranden om godkännande:",
        "en": "Open approval requests:",
    },
    "slack.modal.add": {"da": "Ny aktivitet", "sv": "Ny aktivitet", "en": "New activity"},
    "slack.modal.open": {"da": "Aktivitet", "sv": "Aktivitet", "en": "Activity"},
    "slack.modal.request": {
        "da": "Send til godkendelse",
        "sv": "Skicka för godkännande",
        "en": "Send for approval",
    },
    "slack.modal.comment": {"da": "Din kommentar", "sv": "Din kommentar", "en": "Your comment"},
    "slack.modal.followup": {"da": "Opfølgning", "sv": "Uppföljning", "en": "Follow-up"},
    "slack.modal.replan": {"da": "Planlæg igen", "sv": "Planera om", "en": "Re-plan"},
    "slack.field.note": {
        "da": "Note (valgfri)",
        "sv": "Anteckning (valfri)",
        "en": "Note (optional)",
    },
    "slack.save": {"da": "Gem", "sv": "Spara", "en": "Save"},
    "slack.send": {"da": "Send", "sv": "Skicka", "en": "Send"},
    "slack.cancel": {"da": "Annullér", "sv": "Avbryt", "en": "Cancel"},
    "slack.field.plan": {"da": "Plan", "sv": "Plan", "en": "Plan"},
    "slack.field.title": {"da": "Aktivitet", "sv": "Aktivitet", "en": "Activity"},
    "slack.field.when": {"da": "Hvornår", "sv": "När", "en": "When"},
    "slack.field.responsible": {"da": "Ansvarlig", "sv": "Ansvarig", "en": "Responsible"},
    "slack.field.channel": {"da": "Kanal", "sv": "Kanal", "en": "Channel"},
    "slack.field.draft": {
        "da": "Udkast (tekst eller link)",
        "sv": "Utkast (text eller länk)",
        "en": "Draft (text or link)",
    },
    "slack.field.comment": {"da": "Kommentar", "sv": "Kommentar", "en": "Comment"},
    "slack.home.mine": {
        "da": "Mine næste aktiviteter",
        "sv": "Mina nästa aktiviteter",
        "en": "My next activities",
    },
    "slack.home.overdue": {"da": "Forsinkede", "sv": "Försenade", "en": "Overdue"},
    "slack.home.approvals": {
        "da": "Venter på min godkendelse",
        "sv": "Väntar på mitt godkännande",
        "en": "Waiting for my approval",
    },
    "slack.home.nothing": {"da": "Intet lige nu.", "sv": "Inget just nu.", "en": "Nothing now."},
    "slack.home.not_linked": {
        "da": "Din Slack-bruger er ikke knyttet til en person i commplan endnu. Bed "
        "planejeren om at knytte dig (commplan people link).",
        "sv": "Din Slack-användare är inte kopplad till en person i commplan ännu. Be "
        "planens ägare att koppla dig (commplan people link).",
        "en": "Your Slack user is not linked to a person in commplan yet. Ask the plan "
        "owner to link you (commplan people link).",
    },
    "chat.feed": {
        "da": "Kalender for {team}: {url}\nOutlook: Tilføj kalender → Abonnér fra web. "
        "Google: Andre kalendere → Fra URL. Apple: Arkiv → Nyt kalenderabonnement.",
        "sv": "Kalender för {team}: {url}\nOutlook: Lägg till kalender → Prenumerera från "
        "webben. Google: Andra kalendrar → Från webbadress. Apple: Arkiv → Ny "
        "kalenderprenumeration.",
        "en": "Calendar of {team}: {url}\nOutlook: Add calendar → Subscribe from web. Google: "
        "Other calendars → From URL. Apple: File → New Calendar Subscription.",
    },
    "chat.feed_shown": {
        "da": "Kalenderadressen for {team} blev vist, da den blev lavet, og gemmes ikke. "
        "Har I mistet den, laver `/commplan feed rotate` en ny (den gamle holder op med at virke).",
        "sv": "Kalenderadressen för {team} visades när den skapades och sparas inte. "
        "Har ni tappat bort den skapar `/commplan feed rotate` en ny (den gamla slutar fungera).",
        "en": "The calendar address for {team} was shown when it was made and is not kept. "
        "If it is lost, `/commplan feed rotate` makes a new one (the old one stops working).",
    },
    "chat.feed_rotated": {
        "da": "Ny kalenderadresse for {team}: {url} (den gamle virker ikke længere).",
        "sv": "Ny kalenderadress för {team}: {url} (den gamla fungerar inte längre).",
        "en": "New calendar address for {team}: {url} (the old one no longer works).",
    },
    "slack.not_admin": {
        "da": "Kun teamets administratorer kan skifte kalenderadressen.",
        "sv": "Endast teamets administratörer kan byta kalenderadressen.",
        "en": "Only the team's admins can rotate the calendar address.",
    },
    "chat.no_team": {
        "da": "Du er ikke med i noget team i commplan.",
        "sv": "Du är inte med i något team i commplan.",
        "en": "You are not in any team in commplan.",
    },
    "slack.pick_user": {"da": "Vælg person", "sv": "Välj person", "en": "Choose a person"},
    "people.unmapped": {
        "da": "Planen {plan} nævner ansvarlige, som commplan ikke kender. Hvem er de?",
        "sv": "Planen {plan} nämner ansvariga som commplan inte känner till. Vilka är de?",
        "en": "The plan {plan} names responsible people commplan does not know. Who are they?",
    },
    "people.unmapped_more": {
        "da": "… og {count} navne mere (commplan people link).",
        "sv": "… och {count} namn till (commplan people link).",
        "en": "… and {count} more names (commplan people link).",
    },
    "people.mapped": {
        "da": "{name} er nu {person} (aktiviteter opdateret: {count}).",
        "sv": "{name} är nu {person} (uppdaterade aktiviteter: {count}).",
        "en": "{name} is now {person} (activities updated: {count}).",
    },
    "chat.approve_hint": {
        "da": "Skriv: godkend {id} TEKST-ELLER-LINK",
        "sv": "Skriv: godkänn {id} TEXT-ELLER-LÄNK",
        "en": "Type: approve {id} TEXT-OR-LINK",
    },
    "chat.unknown_command": {
        "da": "Den kommando kender jeg ikke: {text}",
        "sv": "Det kommandot känner jag inte till: {text}",
        "en": "I don't know that command: {text}",
    },
    "chat.upcoming_title": {
        "da": "Kommende aktiviteter til og med {until}",
        "sv": "Kommande aktiviteter till och med {until}",
        "en": "Upcoming activities until {until}",
    },
    "chat.nothing_upcoming": {
        "da": "Intet forfalder til og med {until}.",
        "sv": "Inget förfaller till och med {until}.",
        "en": "Nothing is due until {until}.",
    },
    "chat.heading_overdue": {
        "da": "Forsinket",
        "sv": "Försenat",
        "en": "Overdue",
    },
    "chat.heading_coming": {
        "da": "Kommende",
        "sv": "Kommande",
        "en": "Coming",
    },
    "chat.done": {
        "da": "Udført: {title} (#{id})",
        "sv": "Utfört: {title} (#{id})",
        "en": "Done: {title} (#{id})",
    },
    "chat.done_ongoing": {
        "da": "Udført for denne gang: {title} (#{id}); den fortsætter. Afslut den for godt: "
        "luk {id}",
        "sv": "Utfört för den här gången: {title} (#{id}); den fortsätter. Avsluta den för gott: "
        "stäng {id}",
        "en": "Done for this time: {title} (#{id}); it goes on. To end it for good: close {id}",
    },
    "chat.closed": {
        "da": "Afsluttet for godt: {title} (#{id})",
        "sv": "Avslutad för gott: {title} (#{id})",
        "en": "Closed for good: {title} (#{id})",
    },
    "chat.done_recurring": {
        "da": "Udført for denne gang: {title} (#{id}); næste gang {next_due}",
        "sv": "Utfört för den här gången: {title} (#{id}); nästa gång {next_due}",
        "en": "Done for this time: {title} (#{id}); next time {next_due}",
    },
    "chat.snoozed": {
        "da": "Udsat til {until}: {title} (#{id})",
        "sv": "Uppskjutet till {until}: {title} (#{id})",
        "en": "Snoozed until {until}: {title} (#{id})",
    },
    "chat.plan_title": {
        "da": "Plan: {name}",
        "sv": "Plan: {name}",
        "en": "Plan: {name}",
    },
    "chat.bad_id": {
        "da": "Skriv aktivitetens nummer, fx: udført 12",
        "sv": "Skriv aktivitetens nummer, t.ex.: klar 12",
        "en": "Give the activity's number, e.g.: done 12",
    },
    "chat.due": {
        "da": "frist {date}",
        "sv": "deadline {date}",
        "en": "due {date}",
    },
    "button.done": {"da": "Udført", "sv": "Utfört", "en": "Done"},
    "button.snooze_1d": {"da": "Udsæt 1 dag", "sv": "Skjut upp 1 dag", "en": "Snooze 1 day"},
    "button.snooze_1w": {"da": "Udsæt 1 uge", "sv": "Skjut upp 1 vecka", "en": "Snooze 1 week"},
    "button.request_approval": {
        "da": "Send til godkendelse",
        "sv": "Skicka för godkännande",
        "en": "Send for approval",
    },
    "button.open": {"da": "Åbn", "sv": "Öppna", "en": "Open"},
    "button.undo": {"da": "Fortryd", "sv": "Ångra", "en": "Undo"},
    "button.reopen": {"da": "Genåbn", "sv": "Återöppna", "en": "Reopen"},
    "chat.undo_note": {
        "da": "Fortryd virker i {minutes} minutter; derefter: genåbn {id}",
        "sv": "Ångra fungerar i {minutes} minuter; därefter: återöppna {id}",
        "en": "Undo works for {minutes} minutes; after that: reopen {id}",
    },
    "chat.reopened": {
        "da": "Genåbnet: {title} (#{id}); påmindelserne kommer igen",
        "sv": "Återöppnad: {title} (#{id}); påminnelserna kommer igen",
        "en": "Reopened: {title} (#{id}); its reminders resume",
    },
    "chat.reopened_recurring": {
        "da": "Genåbnet: {title} (#{id}); gangen {next_due} er åben igen",
        "sv": "Återöppnad: {title} (#{id}); tillfället {next_due} är öppet igen",
        "en": "Reopened: {title} (#{id}); the time due {next_due} is open again",
    },
    "chat.moved": {
        "da": "Flyttet: {title} (#{id}) til {when}; frist {next_due}",
        "sv": "Flyttad: {title} (#{id}) till {when}; deadline {next_due}",
        "en": "Moved: {title} (#{id}) to {when}; due {next_due}",
    },
    "chat.saved": {
        "da": "Gemt: {title} (#{id})",
        "sv": "Sparat: {title} (#{id})",
        "en": "Saved: {title} (#{id})",
    },
}
