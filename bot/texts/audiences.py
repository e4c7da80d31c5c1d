"""Strings of the organisation's audiences (target groups): docs/coordination.md."""

from bot.texts.catalog import Messages

MESSAGES: Messages = {
    "audience.error.unknown": {
        "da": "Ukendt målgruppe: {name}. Se commplan audiences list.",
        "sv": "Okänd målgrupp: {name}. Se commplan audiences list.",
        "en": "Unknown audience: {name}. See commplan audiences list.",
    },
    "audience.error.exists": {
        "da": "Målgruppen {slug} findes allerede.",
        "sv": "Målgruppen {slug} finns redan.",
        "en": "The audience {slug} exists already.",
    },
    "audience.error.alias_taken": {
        "da": "»{name}« ({language}) betyder allerede målgruppen {audience}.",
        "sv": "”{name}” ({language}) betyder redan målgruppen {audience}.",
        "en": "“{name}” ({language}) already means the audience {audience}.",
    },
    "audience.error.language": {
        "da": "Ukendt sprog: {language}. Brug et af: {known}.",
        "sv": "Okänt språk: {language}. Använd ett av: {known}.",
        "en": "Unknown language: {language}. Use one of: {known}.",
    },
    "audience.error.not_unplaced": {
        "da": "Planen {plan} har ingen målgruppe »{name}«, der mangler en betydning.",
        "sv": "Planen {plan} har ingen målgrupp ”{name}” som saknar en betydelse.",
        "en": "The plan {plan} has no target group “{name}” waiting to be mapped.",
    },
    "audience.unplaced": {
        "da": "Målgrupper i {plan}, som commplan ikke kender: {names}.",
        "sv": "Målgrupper i {plan} som commplan inte känner till: {names}.",
        "en": "Target groups in {plan} commplan does not know: {names}.",
    },
    "audience.unplaced_more": {
        "da": "… og {count} mere.",
        "sv": "… och {count} till.",
        "en": "… and {count} more.",
    },
    "audience.unplaced_how": {
        "da": "Kobl dem til en målgruppe: commplan audiences map PLAN NAVN MÅLGRUPPE "
        "(eller bed en administrator tilføje en ny).",
        "sv": "Koppla dem till en målgrupp: commplan audiences map PLAN NAMN MÅLGRUPP "
        "(eller be en administratör lägga till en ny).",
        "en": "Map them to an audience: commplan audiences map PLAN NAME AUDIENCE "
        "(or ask an admin to add a new one).",
    },
    "audience.none_unplaced": {
        "da": "Alle målgrupper i {plan} er kendte.",
        "sv": "Alla målgrupper i {plan} är kända.",
        "en": "Every target group in {plan} is known.",
    },
    "audience.seeded": {
        "da": "Ordforrådet er flettet ind: {audiences} {audiences:ny målgruppe|nye målgrupper}, "
        "{aliases} {aliases:nyt navn|nye navne}; {relinked} {relinked:aktivitet|aktiviteter} "
        "læst på ny.",
        "sv": "Ordförrådet är sammanfogat: {audiences} {audiences:ny målgrupp|nya målgrupper}, "
        "{aliases} {aliases:nytt namn|nya namn}; {relinked} {relinked:aktivitet|aktiviteter} "
        "lästa på nytt.",
        "en": "The vocabulary is merged: {audiences} {audiences:new audience|new audiences}, "
        "{aliases} {aliases:new name|new names}; {relinked} {relinked:activity|activities} "
        "read anew.",
    },
    "audience.seed_kept": {
        "da": "»{name}« ({language}) betyder allerede {audience} og er ladt, hvor det er.",
        "sv": "”{name}” ({language}) betyder redan {audience} och är kvar där.",
        "en": "“{name}” ({language}) already means {audience} and is left there.",
    },
    "audience.relinked": {
        "da": "{audience}: {count} {count:aktivitet|aktiviteter}; {relinked} læst på ny.",
        "sv": "{audience}: {count} {count:aktivitet|aktiviteter}; {relinked} lästa på nytt.",
        "en": "{audience}: {count} {count:activity|activities}; {relinked} read anew.",
    },
}

OVERLAPS: Messages = {
    "overlap.error.unknown": {
        "da": "Intet overlap {name} (se commplan overlaps).",
        "sv": "Ingen överlappning {name} (se commplan overlaps).",
        "en": "No overlap {name} (see commplan overlaps).",
    },
    "overlap.near": {
        "da": "{audience}: {plans} planer når samme målgruppe inden for {days} arbejdsdage.",
        "sv": "{audience}: {plans} planer når samma målgrupp inom {days} arbetsdagar.",
        "en": "{audience}: {plans} plans reach the same audience within {days} working days.",
    },
    "overlap.same_name": {
        "da": "»{audience}«: samme navn i {plans} planer, inden for {days} arbejdsdage "
        "(ingen målgruppe har navnet endnu).",
        "sv": "”{audience}”: samma namn i {plans} planer, inom {days} arbetsdagar "
        "(ingen målgrupp har namnet ännu).",
        "en": "“{audience}”: same name in {plans} plans, within {days} working days "
        "(no audience holds the name yet).",
    },
    "overlap.same_name.offer": {
        "da": "»{name}« er en målgruppe i din plan {plan} og i {others} {others:anden plan|andre "
        "planer}; "
        "ingen målgruppe har navnet, så commplan læser det som én målgruppe. Gør det til en "
        'målgruppe (en administrator): commplan audiences add "{name}" --language {language}; '
        'eller kobl det i din plan til en målgruppe: commplan audiences map "{plan}" '
        '"{name}" MÅLGRUPPE (se commplan audiences list).',
        "sv": "”{name}” är en målgrupp i din plan {plan} och i {others} {others:annan plan|andra "
        "planer}; "
        "ingen målgrupp har namnet, så commplan läser det som en målgrupp. Gör det till en "
        'målgrupp (en administratör): commplan audiences add "{name}" --language {language}; '
        'eller koppla det i din plan till en målgrupp: commplan audiences map "{plan}" '
        '"{name}" MÅLGRUPP (se commplan audiences list).',
        "en": "“{name}” is a target group in your plan {plan} and in {others} {others:other "
        "plan|other plans}; "
        "no audience holds the name, so commplan reads it as one audience. Make it an "
        'audience (an admin): commplan audiences add "{name}" --language {language}; '
        'or map it in your plan to an audience: commplan audiences map "{plan}" '
        '"{name}" AUDIENCE (see commplan audiences list).',
    },
    "overlap.budget": {
        "da": "{audience}: {count} gange {channel} i uge {week}; højst {per_week} om ugen.",
        "sv": "{audience}: {count} gånger {channel} vecka {week}; högst {per_week} i veckan.",
        "en": "{audience}: {count} times {channel} in week {week}; at most {per_week} a week.",
    },
    "overlap.hidden_entry": {
        "da": "uge {week}: en plan fra team {team} (ejer: {owner}), på {channel}",
        "sv": "vecka {week}: en plan från team {team} (ägare: {owner}), i {channel}",
        "en": "week {week}: a plan of team {team} (owner: {owner}), on {channel}",
    },
    "overlap.suggest.near": {
        "da": "Overvej at slå dem sammen, sende dem samlet eller flytte en af dem. "
        "Er det med vilje: commplan overlaps intended {key}",
        "sv": "Överväg att slå ihop dem, skicka dem tillsammans eller flytta en av dem. "
        "Är det avsiktligt: commplan overlaps intended {key}",
        "en": "Consider combining them, sending them together or moving one. "
        "If it is intended: commplan overlaps intended {key}",
    },
    "overlap.suggest.budget": {
        "da": "Overvej at samle dem i én eller flytte nogle til en anden uge. "
        "Er det med vilje: commplan overlaps intended {key}",
        "sv": "Överväg att samla dem i en eller flytta några till en annan vecka. "
        "Är det avsiktligt: commplan overlaps intended {key}",
        "en": "Consider combining them into one or moving some to another week. "
        "If it is intended: commplan overlaps intended {key}",
    },
    "overlap.none": {
        "da": "Ingen overlap.",
        "sv": "Inga överlappningar.",
        "en": "No overlaps.",
    },
    "overlap.marked": {
        "da": "Markeret som tilsigtet: {key}",
        "sv": "Markerad som avsiktlig: {key}",
        "en": "Marked intended: {key}",
    },
    "digest.overlaps": {
        "da": "Overlap med andre planer",
        "sv": "Överlappningar med andra planer",
        "en": "Overlaps with other plans",
    },
}

DEVIATIONS: Messages = {
    "deviation.ask": {
        "da": "Det er {days} fra planens dato ({baseline}). Hvorfor? Svar: why {id} GRUND",
        "sv": "Det är {days} från planens datum ({baseline}). Varför? Svara: why {id} SKÄL",
        "en": "That is {days} from the plan's date ({baseline}). Why? Answer: why {id} REASON",
    },
    "deviation.ask_cli": {
        "da": 'En afvigelse fra planen ({days} fra {baseline}). Hvorfor? commplan why {id} "GRUND"',
        "sv": 'En avvikelse från planen ({days} från {baseline}). Varför? commplan why {id} "SKÄL"',
        "en": 'A deviation from the plan ({days} from {baseline}). Why? commplan why {id} "REASON"',
    },
    "deviation.error.output": {
        "da": "En .xlsx skal have en fil: --output FIL.xlsx",
        "sv": "En .xlsx behöver en fil: --output FIL.xlsx",
        "en": "An .xlsx needs a file: --output FILE.xlsx",
    },
    "deviation.reason_saved": {
        "da": "Grunden til afvigelse {id} ({title}) er noteret.",
        "sv": "Skälet till avvikelse {id} ({title}) är noterat.",
        "en": "The reason for deviation {id} ({title}) is on record.",
    },
    "deviation.error.no_reason": {
        "da": "Skriv grunden.",
        "sv": "Skriv skälet.",
        "en": "Write the reason.",
    },
    "deviation.error.unknown": {
        "da": "Ingen afvigelse {name}.",
        "sv": "Ingen avvikelse {name}.",
        "en": "No deviation {name}.",
    },
    "deviation.notice.moved": {
        "da": "{by} flyttede {title} ({plan}) {days}: fra {baseline} til {moved_to}.",
        "sv": "{by} flyttade {title} ({plan}) {days}: från {baseline} till {moved_to}.",
        "en": "{by} moved {title} ({plan}) {days}: from {baseline} to {moved_to}.",
    },
    # An activity that had no date before: there is nothing to count working days from.
    "deviation.notice.moved_undated": {
        "da": "{by} flyttede {title} ({plan}) til {moved_to}; den havde ingen dato før.",
        "sv": "{by} flyttade {title} ({plan}) till {moved_to}; den hade inget datum förut.",
        "en": "{by} moved {title} ({plan}) to {moved_to}; it had no date before.",
    },
    "deviation.notice.cancelled_undated": {
        "da": "{by} aflyste {title} ({plan}), som ikke havde nogen dato.",
        "sv": "{by} ställde in {title} ({plan}), som inte hade något datum.",
        "en": "{by} cancelled {title} ({plan}), which had no date.",
    },
    "deviation.ask_cli_undated": {
        "da": "En afvigelse fra planen (aktiviteten havde ingen dato). "
        'Hvorfor? commplan why {id} "GRUND"',
        "sv": "En avvikelse från planen (aktiviteten hade inget datum). "
        'Varför? commplan why {id} "SKÄL"',
        "en": "A deviation from the plan (the activity had no date). "
        'Why? commplan why {id} "REASON"',
    },
    "count.working_days.one": {
        "da": "{count} arbejdsdag",
        "sv": "{count} arbetsdag",
        "en": "{count} working day",
    },
    "count.working_days.other": {
        "da": "{count} arbejdsdage",
        "sv": "{count} arbetsdagar",
        "en": "{count} working days",
    },
    "deviation.kind.moved": {"da": "flyttet", "sv": "flyttad", "en": "moved"},
    "deviation.kind.cancelled": {"da": "aflyst", "sv": "inställd", "en": "cancelled"},
    "deviation.kind.overdue": {"da": "forsinket", "sv": "försenad", "en": "overdue"},
    "deviation.notice.cancelled": {
        "da": "{by} aflyste {title} ({plan}), planlagt til {baseline}.",
        "sv": "{by} ställde in {title} ({plan}), planerad till {baseline}.",
        "en": "{by} cancelled {title} ({plan}), planned for {baseline}.",
    },
    "deviation.notice.overdue": {
        "da": "{title} ({plan}) er {days} over tiden (skulle være sket {moved_to}).",
        "sv": "{title} ({plan}) är {days} försenad (skulle ha skett {moved_to}).",
        "en": "{title} ({plan}) is {days} overdue (due {moved_to}).",
    },
    "deviation.notice.reason": {
        "da": "Grund: {reason}",
        "sv": "Skäl: {reason}",
        "en": "Reason: {reason}",
    },
    "deviation.notice.no_reason": {
        "da": "Ingen grund endnu (commplan deviations PLAN).",
        "sv": "Inget skäl ännu (commplan deviations PLAN).",
        "en": "No reason yet (commplan deviations PLAN).",
    },
}

LEAD_TIMES: Messages = {
    "lead.late": {
        "da": "For sent til styregruppen: {title} (#{id}, {due}) skulle være sendt til "
        "godkendelse senest {latest}.",
        "sv": "För sent för styrgruppen: {title} (#{id}, {due}) skulle ha skickats för "
        "godkännande senast {latest}.",
        "en": "Too late for the steering group: {title} (#{id}, {due}) had to be sent for "
        "approval by {latest}.",
    },
    "steering.error.weekday": {
        "da": "Ugedag {value}? Brug 0 (mandag) til 6 (søndag), eller -1 for ingen møder.",
        "sv": "Veckodag {value}? Använd 0 (måndag) till 6 (söndag), eller -1 för inga möten.",
        "en": "Weekday {value}? Use 0 (Monday) to 6 (Sunday), or -1 for no meetings.",
    },
    "lead.reminder": {
        "da": "Send {title} til godkendelse senest {date}: styregruppen skal have tid.",
        "sv": "Skicka {title} för godkännande senast {date}: styrgruppen behöver tid.",
        "en": "Send {title} for approval by {date}: the steering group needs the time.",
    },
}
