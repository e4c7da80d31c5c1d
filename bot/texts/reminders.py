"""Strings of reminder messages."""

from bot.texts.catalog import Messages

MESSAGES: Messages = {
    "reminder.due": {
        "da": "Påmindelse: {title} har frist {date}.",
        "sv": "Påminnelse: {title} har deadline {date}.",
        "en": "Reminder: {title} is due {date}.",
    },
    "reminder.overdue": {
        "da": "Forsinket: {title} havde frist {date}.",
        "sv": "Försenad: {title} hade deadline {date}.",
        "en": "Overdue: {title} was due {date}.",
    },
    "reminder.late": {
        "da": "(sendt for sent: commplan var nede)",
        "sv": "(skickad sent: commplan var nere)",
        "en": "(sent late: commplan was down)",
    },
    "reminder.starts_soon": {
        "da": "Snart: {title} begynder {date}.",
        "sv": "Snart: {title} börjar {date}.",
        "en": "Coming up: {title} starts {date}.",
    },
    "reminder.ongoing": {
        "da": "Løbende aktivitet: {title}. Er den stadig i gang?",
        "sv": "Pågående aktivitet: {title}. Pågår den fortfarande?",
        "en": "Ongoing: {title}. Is it still going on?",
    },
    "reminder.asap": {
        "da": "Hurtigst muligt: {title} er endnu ikke udført.",
        "sv": "Så snart som möjligt: {title} är ännu inte gjord.",
        "en": "As soon as possible: {title} is not done yet.",
    },
    "reminder.snoozed": {
        "da": "Udsat påmindelse: {title} har frist {date}.",
        "sv": "Uppskjuten påminnelse: {title} har deadline {date}.",
        "en": "Snoozed reminder: {title} is due {date}.",
    },
    "reminder.escalation": {
        "da": "{title} havde frist {date} og er endnu ikke udført. Ansvarlig: {responsible}.",
        "sv": "{title} hade deadline {date} och är ännu inte gjord. Ansvarig: {responsible}.",
        "en": "{title} was due {date} and is not done yet. Responsible: {responsible}.",
    },
    "reminder.delivery_failed": {
        "da": "En besked om {title} til {person} kunne ikke leveres: {reason}.",
        "sv": "Ett meddelande om {title} till {person} kunde inte levereras: {reason}.",
        "en": "A message about {title} to {person} could not be delivered: {reason}.",
    },
    "reminder.delivery_failed.resend": {
        "da": "Ret årsagen, og send den igen: commplan reminders resend {id}",
        "sv": "Åtgärda orsaken och skicka det igen: commplan reminders resend {id}",
        "en": "Fix the cause, then send it again: commplan reminders resend {id}",
    },
    "reminder.delivery_failed.detail": {
        "da": "Teknisk svar: {error}",
        "sv": "Tekniskt svar: {error}",
        "en": "Technical answer: {error}",
    },
    "failure.reason.unknown_mailbox": {
        "da": "e-mailadressen findes ikke (tjek den: commplan people show)",
        "sv": "e-postadressen finns inte (kontrollera den: commplan people show)",
        "en": "the e-mail address does not exist (check it: commplan people show)",
    },
    "failure.reason.inactive": {
        "da": "personens chatkonto er deaktiveret",
        "sv": "personens chattkonto är inaktiverat",
        "en": "the person's chat account is deactivated",
    },
    "failure.reason.not_linked": {
        "da": "modtageren er ikke koblet til chatten (commplan people link)",
        "sv": "mottagaren är inte kopplad till chatten (commplan people link)",
        "en": "the recipient is not linked to the chat (commplan people link)",
    },
    "failure.reason.credentials": {
        "da": "commplans adgang til tjenesten blev afvist (tjek token eller adgangskode)",
        "sv": "commplans åtkomst till tjänsten nekades (kontrollera token eller lösenord)",
        "en": "the service refused commplan's credentials (check the token or password)",
    },
    "failure.reason.unreachable": {
        "da": "tjenesten svarede ikke, heller ikke efter flere forsøg",
        "sv": "tjänsten svarade inte, inte heller efter flera försök",
        "en": "the service did not answer, even after several tries",
    },
    "failure.reason.server_error": {
        "da": "tjenesten afviste beskeden, også efter flere forsøg",
        "sv": "tjänsten avvisade meddelandet, även efter flera försök",
        "en": "the service refused the message, even after several tries",
    },
    "failure.reason.other": {
        "da": "en uventet fejl",
        "sv": "ett oväntat fel",
        "en": "an unexpected error",
    },
    "failure.nothing_named": {
        "da": "Angiv hvilke beskeder (ID …) eller --all-failed.",
        "sv": "Ange vilka meddelanden (ID …) eller --all-failed.",
        "en": "Name the messages (ID …) or --all-failed.",
    },
    "reminder.sent_mark": {"da": "sendt", "sv": "skickad", "en": "sent"},
    "column.why": {"da": "hvorfor", "sv": "varför", "en": "why"},
    "column.answer": {
        "da": "tjenestens svar",
        "sv": "tjänstens svar",
        "en": "the service's answer",
    },
    "surface.down": {
        "da": "{surface} svarer ikke siden {since}: beskederne venter og sendes, når den svarer "
        "igen (markeret som forsinkede).",
        "sv": "{surface} svarar inte sedan {since}: meddelandena väntar och skickas när den "
        "svarar igen (markerade som försenade).",
        "en": "{surface} has not answered since {since}: its messages wait and go out when it "
        "answers again (marked late).",
    },
    "failure.resent": {
        "da": "{count} besked(er) sendes igen ved næste kørsel.",
        "sv": "{count} meddelande(n) skickas igen vid nästa körning.",
        "en": "{count} message(s) will be sent again at the next tick.",
    },
    "failure.unknown": {
        "da": "Ingen fejlet besked med id {id}.",
        "sv": "Inget misslyckat meddelande med id {id}.",
        "en": "No failed message with id {id}.",
    },
    "reminder.nobody": {
        "da": "ingen",
        "sv": "ingen",
        "en": "nobody",
    },
    "error.bad_period": {
        "da": "Perioden slutter før den begynder",
        "sv": "Perioden slutar innan den börjar",
        "en": "The period ends before it starts",
    },
    "error.bad_policy": {
        "da": "Ugyldig påmindelsesregel: {detail}",
        "sv": "Ogiltig påminnelseregel: {detail}",
        "en": "Invalid reminder policy: {detail}",
    },
    # Why a reminder policy cannot be used (storage/rules/policy.py's PolicyError.problem); ``key``
    # is the setting's own name, as typed (`reminders policy PLAN --set hour=7`).
    "policy.problem.quiet_hours": {
        "da": "hour: påmindelser kl. {hour} ville falde i de stille timer "
        "({quiet_from}–{quiet_until})",
        "sv": "hour: påminnelser kl. {hour} skulle hamna under de tysta timmarna "
        "({quiet_from}–{quiet_until})",
        "en": "hour: reminders at {hour} would fall in the quiet hours "
        "({quiet_from}–{quiet_until})",
    },
    "policy.problem.unknown": {
        "da": "{key}: ukendt; kendte er {known}",
        "sv": "{key}: okänd; kända är {known}",
        "en": "{key}: unknown; known are {known}",
    },
    "policy.problem.days": {
        "da": "{key}: skriv hele antal dage, fx 7,1",
        "sv": "{key}: skriv hela antal dagar, t.ex. 7,1",
        "en": "{key}: expected whole numbers of days, e.g. 7,1",
    },
    "policy.problem.range": {
        "da": "{key}: skal være fra {low} til {high}",
        "sv": "{key}: ska vara från {low} till {high}",
        "en": "{key}: expected {low} to {high}",
    },
    "policy.problem.flag": {
        "da": "{key}: skriv true eller false",
        "sv": "{key}: skriv true eller false",
        "en": "{key}: expected true or false",
    },
    "policy.problem.number": {
        "da": "{key}: skriv et helt tal",
        "sv": "{key}: skriv ett heltal",
        "en": "{key}: expected a whole number",
    },
    "error.activity_not_in_plan": {
        "da": "Aktivitet #{id} hører ikke til den plan",
        "sv": "Aktivitet #{id} hör inte till den planen",
        "en": "Activity #{id} is not in that plan",
    },
    "unassigned.to_owner": {
        "da": "{count} af {open} åbne aktiviteter har ingen ansvarlig person; deres "
        "påmindelser går til planens ejer, {owner}.",
        "sv": "{count} av {open} öppna aktiviteter har ingen ansvarig person; deras "
        "påminnelser går till planens ägare, {owner}.",
        "en": "{count} of {open} open activities have no responsible person; their reminders "
        "go to the plan owner, {owner}.",
    },
    "unassigned.no_owner": {
        "da": "{count} af {open} åbne aktiviteter har ingen ansvarlig person og får ingen "
        "påmindelser: planen har ingen ejer (commplan plans owner PLAN PERSON).",
        "sv": "{count} av {open} öppna aktiviteter har ingen ansvarig person och får inga "
        "påminnelser: planen har ingen ägare (commplan plans owner PLAN PERSON).",
        "en": "{count} of {open} open activities have no responsible person and get no "
        "reminders: the plan has no owner (commplan plans owner PLAN PERSON).",
    },
    "unassigned.off": {
        "da": "{count} af {open} åbne aktiviteter har ingen ansvarlig person og får ingen "
        "påmindelser: påmindelser til ejeren er slået fra (fallback_to_owner).",
        "sv": "{count} av {open} öppna aktiviteter har ingen ansvarig person och får inga "
        "påminnelser: påminnelser till ägaren är avstängda (fallback_to_owner).",
        "en": "{count} of {open} open activities have no responsible person and get no "
        "reminders: reminding the owner instead is off (fallback_to_owner).",
    },
    "unassigned.partly": {
        "da": "{count} af {open} åbne aktiviteter har ingen ansvarlig person; for {to_owner} "
        "af dem går påmindelserne til planens ejer, {owner}, de andre får ingen.",
        "sv": "{count} av {open} öppna aktiviteter har ingen ansvarig person; för {to_owner} "
        "av dem går påminnelserna till planens ägare, {owner}, de andra får inga.",
        "en": "{count} of {open} open activities have no responsible person; for {to_owner} "
        "of them the reminders go to the plan owner, {owner}, the others get none.",
    },
}
