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
    "audience.relinked": {
        "da": "{audience}: {count} aktiviteter; {relinked} læst på ny.",
        "sv": "{audience}: {count} aktiviteter; {relinked} lästa på nytt.",
        "en": "{audience}: {count} activities; {relinked} read anew.",
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
    "overlap.budget": {
        "da": "{audience}: {count} gange {channel} i uge {week}; højst {per_week} om ugen.",
        "sv": "{audience}: {count} gånger {channel} vecka {week}; högst {per_week} i veckan.",
        "en": "{audience}: {count} times {channel} in week {week}; at most {per_week} a week.",
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
