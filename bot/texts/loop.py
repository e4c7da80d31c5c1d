"""Strings of the follow-up question and the weekly digests."""

from bot.texts.catalog import Messages

MESSAGES: Messages = {
    "followup.question": {
        "da": "Opfølgning: {title} blev udført {date}. Skete den forventede reaktion?",
        "sv": "Uppföljning: {title} gjordes {date}. Blev det den förväntade reaktionen?",
        "en": "Follow-up: {title} was done {date}. Did the expected reaction happen?",
    },
    "followup.expected": {
        "da": "Forventet reaktion: {text}",
        "sv": "Förväntad reaktion: {text}",
        "en": "Expected reaction: {text}",
    },
    "followup.recorded": {
        "da": "Registreret for {title} (#{id}): {outcome}.",
        "sv": "Registrerat för {title} (#{id}): {outcome}.",
        "en": "Recorded for {title} (#{id}): {outcome}.",
    },
    "followup.replan_hint": {
        "da": "Skal den planlægges igen? Skriv: genplanlæg {id} HVORNÅR",
        "sv": "Ska den planeras om? Skriv: omplanera {id} NÄR",
        "en": "Plan it again? Type: replan {id} WHEN",
    },
    "followup.outcome.yes": {"da": "ja", "sv": "ja", "en": "yes"},
    "followup.outcome.partly": {"da": "delvist", "sv": "delvis", "en": "partly"},
    "followup.outcome.no": {"da": "nej", "sv": "nej", "en": "no"},
    "followup.not_done": {
        "da": "Aktivitet #{id} er ikke udført endnu; opfølgningen kommer efter.",
        "sv": "Aktivitet #{id} är inte gjord ännu; uppföljningen kommer efter.",
        "en": "Activity #{id} is not done yet; the follow-up comes after.",
    },
    "followup.bad_outcome": {
        "da": "Ukendt svar: {value} (kendte: {known})",
        "sv": "Okänt svar: {value} (kända: {known})",
        "en": "Unknown answer: {value} (known: {known})",
    },
    "replan.remark": {
        "da": "Planlagt igen efter #{id}",
        "sv": "Omplanerad efter #{id}",
        "en": "Re-planned after #{id}",
    },
    "replan.done": {
        "da": "Ny aktivitet #{id}: {title}.",
        "sv": "Ny aktivitet #{id}: {title}.",
        "en": "New activity #{id}: {title}.",
    },
    "button.followup_yes": {"da": "Ja", "sv": "Ja", "en": "Yes"},
    "button.followup_partly": {"da": "Delvist", "sv": "Delvis", "en": "Partly"},
    "button.followup_no": {"da": "Nej", "sv": "Nej", "en": "No"},
    "button.replan": {"da": "Planlæg igen", "sv": "Planera om", "en": "Re-plan"},
    "digest.title": {
        "da": "Ugens overblik: {plan} (uge {week})",
        "sv": "Veckans översikt: {plan} (vecka {week})",
        "en": "The week: {plan} (week {week})",
    },
    "digest.personal_title": {
        "da": "Din uge (uge {week})",
        "sv": "Din vecka (vecka {week})",
        "en": "Your week (week {week})",
    },
    "digest.done": {"da": "Udført sidste uge", "sv": "Gjort förra veckan", "en": "Done last week"},
    "digest.due": {"da": "Frist denne uge", "sv": "Deadline denna vecka", "en": "Due this week"},
    "digest.overdue": {"da": "Forsinket", "sv": "Försenat", "en": "Overdue"},
    "digest.approvals": {
        "da": "Venter på godkendelse",
        "sv": "Väntar på godkännande",
        "en": "Waiting for approval",
    },
    "digest.outcomes": {
        "da": "Opfølgning (skete den forventede reaktion?)",
        "sv": "Uppföljning (blev det den förväntade reaktionen?)",
        "en": "Follow-up (did the expected reaction happen?)",
    },
    "digest.waiting": {
        "da": "venter i {days} {days:dag|dage}",
        "sv": "väntar sedan {days} {days:dag|dagar}",
        "en": "waiting {days} {days:day|days}",
    },
    "digest.nothing": {
        "da": "Intet at melde denne uge.",
        "sv": "Inget att rapportera denna vecka.",
        "en": "Nothing to report this week.",
    },
    "digest.more": {
        "da": "… og {count} flere",
        "sv": "… och {count} till",
        "en": "… and {count} more",
    },
    "digest.bad_week": {
        "da": "Ikke en uge: {value} (skriv ÅÅÅÅ-Www, fx 2027-W13, eller en dato)",
        "sv": "Inte en vecka: {value} (skriv ÅÅÅÅ-Www, t.ex. 2027-W13, eller ett datum)",
        "en": "Not a week: {value} (write YYYY-Www, e.g. 2027-W13, or a date)",
    },
}
