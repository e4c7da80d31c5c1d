"""Strings of the chat surfaces: command replies, headings, buttons, help."""

from bot.texts.catalog import Messages

MESSAGES: Messages = {
    "chat.help": {
        "da": (
            "Kommandoer:\n"
            "  upcoming [mine | team NAVN | plan NAVN] [DAGE]  hvad der kommer (14 dage)\n"
            "  mine                                         mine kommende aktiviteter\n"
            "  done ID                                      markér aktivitet ID som udført\n"
            "  plan NAVN                                    status for en plan\n"
            "  approve ID TEKST|LINK                        bed styregruppen godkende et udkast\n"
            "  decide NR approve|reject|changes [KOMMENTAR] tag stilling til anmodning NR\n"
            "  approvals                                    åbne anmodninger om godkendelse\n"
            "  help                                         denne hjælp"
        ),
        "sv": (
            "Kommandon:\n"
            "  upcoming [mine | team NAMN | plan NAMN] [DAGAR]  vad som kommer (14 dagar)\n"
            "  mine                                           mina kommande aktiviteter\n"
            "  done ID                                        markera aktivitet ID som utförd\n"
            "  plan NAMN                                      status för en plan\n"
            "  approve ID TEXT|LÄNK                           be styrgruppen godkänna ett utkast\n"
            "  decide NR approve|reject|changes [KOMMENTAR]   ta ställning till begäran NR\n"
            "  approvals                                      öppna begäranden om godkännande\n"
            "  help                                           denna hjälp"
        ),
        "en": (
            "Commands:\n"
            "  upcoming [mine | team NAME | plan NAME] [DAYS]  what is coming (14 days)\n"
            "  mine                                         my upcoming activities\n"
            "  done ID                                      mark activity ID done\n"
            "  plan NAME                                    the state of a plan\n"
            "  approve ID TEXT|LINK                         ask the steering group to approve\n"
            "  decide NO approve|reject|changes [COMMENT]   decide on request NO\n"
            "  approvals                                    open approval requests\n"
            "  help                                         this help"
        ),
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
    "chat.not_linked": {
        "da": "Du er ikke knyttet til en person i commplan endnu; bed planens ejer om at gøre det.",
        "sv": "Du är inte kopplad till en person i commplan än; be planens ägare att göra det.",
        "en": "You are not linked to a person in commplan yet; ask the plan owner to link you.",
    },
    "chat.done": {
        "da": "Udført: {title} (#{id})",
        "sv": "Utfört: {title} (#{id})",
        "en": "Done: {title} (#{id})",
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
        "da": "Skriv aktivitetens nummer, fx: done 12",
        "sv": "Skriv aktivitetens nummer, t.ex.: done 12",
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
}
