"""Strings of importing a file into a plan that moved on since (docs/importing.md)."""

from bot.texts.catalog import Messages

MESSAGES: Messages = {
    "import.conflict": {
        "da": "Konflikt: #{id} {title} er ændret i planen efter eksporten; planens udgave "
        "beholdes.",
        "sv": "Konflikt: #{id} {title} har ändrats i planen efter exporten; planens version "
        "behålls.",
        "en": "Conflict: #{id} {title} changed in the plan after the export; the plan's version "
        "is kept.",
    },
    "import.reverted": {
        "da": "Overskrevet (--force): #{id} {title} får filens udgave, selvom planen er ændret "
        "siden eksporten.",
        "sv": "Överskriven (--force): #{id} {title} får filens version, fast planen har ändrats "
        "sedan exporten.",
        "en": "Overwritten (--force): #{id} {title} takes the file's version, though the plan "
        "changed it after the export.",
    },
    "import.conflict.state": {
        "da": "i planen: {state}",
        "sv": "i planen: {state}",
        "en": "in the plan: {state}",
    },
    "import.conflict.removed": {
        "da": "filen har ingen række for den",
        "sv": "filen har ingen rad för den",
        "en": "the file has no row for it",
    },
    "import.conflict.field": {
        "da": "{field}: filen «{theirs}», planen «{ours}»",
        "sv": "{field}: filen «{theirs}», planen «{ours}»",
        "en": "{field}: the file \u201c{theirs}\u201d, the plan \u201c{ours}\u201d",
    },
    "import.conflict.how": {
        "da": "Filen er ældre end planen. Eksportér planen igen og ret i den nye fil, eller "
        "importér med --force for at skrive filen som den er.",
        "sv": "Filen är äldre än planen. Exportera planen igen och ändra i den nya filen, eller "
        "importera med --force för att skriva filen som den är.",
        "en": "The file is older than the plan. Export the plan again and edit the new file, "
        "or import with --force to write the file as it is.",
    },
    "import.kept": {
        "da": "Beholdt: #{id} {title} kom til i planen efter eksporten.",
        "sv": "Behållen: #{id} {title} tillkom i planen efter exporten.",
        "en": "Kept: #{id} {title} was added to the plan after the export.",
    },
    "import.proposed_removal": {
        "da": "Ikke i filen (ikke aflyst): #{id} {title}",
        "sv": "Inte i filen (inte inställd): #{id} {title}",
        "en": "Not in the file (not cancelled): #{id} {title}",
    },
    "import.proposed_removal.how": {
        "da": "Filen er ikke eksporteret fra commplan. Importér med --remove-missing for at "
        "aflyse aktiviteterne, den ikke har.",
        "sv": "Filen är inte exporterad från commplan. Importera med --remove-missing för att "
        "ställa in aktiviteterna den saknar.",
        "en": "The file was not exported by commplan. Import with --remove-missing to cancel "
        "the activities it does not have.",
    },
}
