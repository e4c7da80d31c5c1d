"""Strings of a plan's file sent in a chat: the preview, its buttons, the answers, refusals,
and the first conversation (docs/guide-da.md, docs/guide-sv.md tell the same story)."""

from bot.texts.catalog import Messages

MESSAGES: Messages = {
    "upload.refused.no_team": {
        "da": "Du er ikke med i et team og kan derfor ikke oprette planer; bed en administrator "
        "om at sætte dig på et team.",
        "sv": "Du är inte med i något team och kan därför inte skapa planer; be en administratör "
        "att lägga till dig i ett team.",
        "en": "You are in no team, so you cannot create plans; ask an administrator to add you "
        "to a team.",
    },
    "upload.send_here": {
        "da": "Send planens fil (Word, Excel eller CSV) til mig i en direkte besked.",
        "sv": "Skicka planens fil (Word, Excel eller CSV) till mig i ett direktmeddelande.",
        "en": "Send the plan's file (Word, Excel or CSV) to me in a direct message.",
    },
    "upload.gone": {
        "da": "Den fil venter ikke længere (importeret, annulleret eller over 24 timer gammel). "
        "Send den igen.",
        "sv": "Den filen väntar inte längre (importerad, avbruten eller äldre än 24 timmar). "
        "Skicka den igen.",
        "en": "That file is no longer waiting (imported, cancelled or older than 24 hours). "
        "Send it again.",
    },
    "upload.download_failed": {
        "da": "{file}: filen kunne ikke hentes. Send den igen.",
        "sv": "{file}: filen kunde inte hämtas. Skicka den igen.",
        "en": "{file}: the file could not be fetched. Send it again.",
    },
    "upload.one_file": {
        "da": "Send én plan ad gangen.",
        "sv": "Skicka en plan i taget.",
        "en": "Send one plan at a time.",
    },
    "upload.preview.new": {
        "da": "{file} bliver en ny plan, «{plan}», i teamet {team}. Intet er gemt, før du "
        "trykker Importér.",
        "sv": "{file} blir en ny plan, «{plan}», i teamet {team}. Inget sparas förrän du "
        "trycker Importera.",
        "en": "{file} becomes a new plan, «{plan}», in team {team}. Nothing is saved until you "
        "press Import.",
    },
    "upload.preview.update": {
        "da": "{file} opdaterer planen «{plan}» (#{id}). Intet er ændret, før du trykker Importér.",
        "sv": "{file} uppdaterar planen «{plan}» (#{id}). Inget ändras förrän du trycker "
        "Importera.",
        "en": "{file} updates the plan «{plan}» (#{id}). Nothing changes until you press Import.",
    },
    "upload.preview.counts": {
        "da": "Tilføjes: {added}, ændres: {changed}, fjernes: {removed}, uændret: {unchanged}.",
        "sv": "Läggs till: {added}, ändras: {changed}, tas bort: {removed}, oförändrade: "
        "{unchanged}.",
        "en": "Added: {added}, changed: {changed}, removed: {removed}, unchanged: {unchanged}.",
    },
    "upload.preview.first": {
        "da": "De første aktiviteter, og hvordan tidspunktet er læst:",
        "sv": "De första aktiviteterna, och hur tidpunkten lästs:",
        "en": "The first activities, and how their timing was read:",
    },
    "upload.preview.changed": {
        "da": "Ændres: {items}",
        "sv": "Ändras: {items}",
        "en": "Changed: {items}",
    },
    "upload.preview.removed": {
        "da": "Fjernes (aflyses): {items}",
        "sv": "Tas bort (ställs in): {items}",
        "en": "Removed (cancelled): {items}",
    },
    "upload.preview.unread_timing": {
        "da": "Tidspunkt ikke læst ({count}): {items}. Ret dem i filen, eller bagefter med "
        "flyt ID HVORNÅR.",
        "sv": "Tidpunkt inte läst ({count}): {items}. Rätta dem i filen, eller efteråt med "
        "flytta ID NÄR.",
        "en": "Timing not read ({count}): {items}. Fix them in the file, or afterwards with "
        "move ID WHEN.",
    },
    "upload.preview.unmapped": {
        "da": "Navne, der ikke passer på nogen: {names}. Vælg hvem de er nedenfor.",
        "sv": "Namn som inte stämmer med någon: {names}. Välj vilka de är nedan.",
        "en": "Names that match nobody: {names}. Pick who they are below.",
    },
    "upload.preview.unplaced": {
        "da": "Målgrupper, der ikke svarer til en målgruppe i commplan: {names}.",
        "sv": "Målgrupper som inte motsvarar någon målgrupp i commplan: {names}.",
        "en": "Target groups that mean no audience in commplan: {names}.",
    },
    "upload.timing.ongoing": {"da": "løbende", "sv": "löpande", "en": "ongoing"},
    "upload.timing.recurring": {
        "da": "gentages ({rule})",
        "sv": "återkommer ({rule})",
        "en": "recurring ({rule})",
    },
    "upload.timing.on_trigger": {
        "da": "når noget sker",
        "sv": "när något händer",
        "en": "when something happens",
    },
    "upload.timing.asap": {"da": "hurtigst muligt", "sv": "snarast", "en": "as soon as possible"},
    "upload.timing.unknown": {"da": "ikke læst", "sv": "inte läst", "en": "not read"},
    "button.import_upload": {"da": "Importér", "sv": "Importera", "en": "Import"},
    "button.cancel_upload": {"da": "Annullér", "sv": "Avbryt", "en": "Cancel"},
    "upload.imported": {
        "da": "Importeret: «{plan}» (#{id}). Tilføjet: {added}, ændret: {changed}, fjernet: "
        "{removed}, uændret: {unchanged}.",
        "sv": "Importerad: «{plan}» (#{id}). Tillagda: {added}, ändrade: {changed}, borttagna: "
        "{removed}, oförändrade: {unchanged}.",
        "en": "Imported: «{plan}» (#{id}). Added: {added}, changed: {changed}, removed: "
        "{removed}, unchanged: {unchanged}.",
    },
    "upload.next.names": {
        "da": "Næste skridt: vælg hvem navnene er (vælgeren nedenfor).",
        "sv": "Nästa steg: välj vilka namnen är (väljaren nedan).",
        "en": "Next: pick who the names are (the picker below).",
    },
    "upload.next.steering": {
        "da": "Næste skridt: opret styregruppen med styregruppe, og skriv forbind STYREGRUPPE i "
        "dens kanal.",
        "sv": "Nästa steg: skapa styrgruppen med styrgrupp, och skriv koppla STYRGRUPP i dess "
        "kanal.",
        "en": "Next: set up the steering group with steering, and type connect GROUP in its "
        "channel.",
    },
    "upload.cancelled": {
        "da": "Annulleret: intet fra {file} er gemt.",
        "sv": "Avbrutet: inget från {file} sparades.",
        "en": "Cancelled: nothing of {file} was kept.",
    },
    "first.no_plan": {
        "da": "Send din kommunikationsplan (Word, Excel eller CSV) her, så viser jeg, hvad jeg "
        "læser, før noget gemmes.\nEller tilføj en aktivitet med /commplan add.\nVejledningen: "
        "{guide}",
        "sv": "Skicka din kommunikationsplan (Word, Excel eller CSV) här, så visar jag vad jag "
        "läser innan något sparas.\nEller lägg till en aktivitet med /commplan add.\n"
        "Vägledningen: {guide}",
        "en": "Send your communication plan (Word, Excel or CSV) here, and I show what I read "
        "before anything is saved.\nOr add an activity with /commplan add.\nThe guide: {guide}",
    },
    "first.linked": {
        "da": "Jeg har koblet dig til {name} ud fra din e-mailadresse.",
        "sv": "Jag har kopplat dig till {name} utifrån din e-postadress.",
        "en": "I have linked you to {name} by your e-mail address.",
    },
}
