"""Strings of import and export: where a problem is, what it is, and the plan's status words."""

from bot.texts.catalog import Messages

MESSAGES: Messages = {
    "import.where.table": {"da": "tabel {table}", "sv": "tabell {table}", "en": "table {table}"},
    "import.where.row": {"da": "række {row}", "sv": "rad {row}", "en": "row {row}"},
    "import.where.column": {
        "da": "kolonne {column}",
        "sv": "kolumn {column}",
        "en": "column {column}",
    },
    "import.error.file_type": {
        "da": "filtypen {suffix} kan ikke importeres; brug .docx, .xlsx eller .csv",
        "sv": "filtypen {suffix} kan inte importeras; använd .docx, .xlsx eller .csv",
        "en": "files of type {suffix} cannot be imported; use .docx, .xlsx or .csv",
    },
    "import.error.too_large": {
        "da": "filen fylder {size} byte; grænsen er {limit} (COMMPLAN_MAX_IMPORT_BYTES)",
        "sv": "filen är {size} byte; gränsen är {limit} (COMMPLAN_MAX_IMPORT_BYTES)",
        "en": "the file is {size} bytes; the limit is {limit} (COMMPLAN_MAX_IMPORT_BYTES)",
    },
    "import.error.missing": {
        "da": "filen findes ikke",
        "sv": "filen finns inte",
        "en": "no such file",
    },
    "import.error.unreadable": {
        "da": "filen kan ikke læses (adgang nægtet)",
        "sv": "filen kan inte läsas (åtkomst nekad)",
        "en": "the file cannot be read (permission denied)",
    },
    "import.error.encrypted": {
        "da": "filen er krypteret eller i det gamle .doc/.xls-format; gem den uden adgangskode "
        "som .docx eller .xlsx",
        "sv": "filen är krypterad eller i det gamla .doc/.xls-formatet; spara den utan lösenord "
        "som .docx eller .xlsx",
        "en": "the file is encrypted or in the old .doc/.xls format; save it without a password "
        "as .docx or .xlsx",
    },
    "import.error.corrupt": {
        "da": "filen er beskadiget og kan ikke læses",
        "sv": "filen är skadad och kan inte läsas",
        "en": "the file is damaged and cannot be read",
    },
    "import.error.not_package": {
        "da": "filen hedder {suffix}, men er ikke et Office-dokument",
        "sv": "filen heter {suffix} men är inte ett Office-dokument",
        "en": "the file is named {suffix} but is not an Office document",
    },
    "import.error.mistyped": {
        "da": "filen er i virkeligheden en {actual}-fil; omdøb den",
        "sv": "filen är egentligen en {actual}-fil; byt namn på den",
        "en": "the file is really a {actual} file; rename it",
    },
    "import.error.not_text": {
        "da": "filen er ikke en tekstfil (CSV)",
        "sv": "filen är inte en textfil (CSV)",
        "en": "the file is not a text (CSV) file",
    },
    "import.error.encoding": {
        "da": "teksten er hverken UTF-8 eller Windows-1252 (byte {offset})",
        "sv": "texten är varken UTF-8 eller Windows-1252 (byte {offset})",
        "en": "the text is neither UTF-8 nor Windows-1252 (byte {offset})",
    },
    "import.error.csv": {
        "da": "CSV-filen kan ikke læses: {detail}",
        "sv": "CSV-filen kan inte läsas: {detail}",
        "en": "the CSV file cannot be read: {detail}",
    },
    "import.error.no_table": {
        "da": "filen har ingen tabel",
        "sv": "filen har ingen tabell",
        "en": "the file has no table",
    },
    "import.error.no_header": {
        "da": "ingen genkendelig overskriftsrække (fandt: {cells}); en plan har kolonner som "
        "Målgruppe, Budskab, Kanal, Hvornår, Ansvarlig",
        "sv": "ingen igenkännbar rubrikrad (hittade: {cells}); en plan har kolumner som "
        "Aktivitet, Målgrupp, Kanal, Tid, Ansvarig",
        "en": "no recognisable header row (found: {cells}); a plan has columns such as "
        "Activity, Audience, Channel, When, Owner",
    },
    "import.error.extra_cell": {
        "da": "rækken har {cells} celler, men overskriften kun {width}",
        "sv": "raden har {cells} celler men rubrikraden bara {width}",
        "en": "the row has {cells} cells but the header only {width}",
    },
    "import.error.no_activities": {
        "da": "ingen aktiviteter fundet (kun tomme rækker); intet er gemt",
        "sv": "inga aktiviteter hittades (bara tomma rader); inget har sparats",
        "en": "no activities found (only empty rows); nothing was written",
    },
    "import.error.no_team": {
        "da": "der er flere teams ({teams}); angiv et med --team",
        "sv": "det finns flera team ({teams}); ange ett med --team",
        "en": "there are several teams ({teams}); name one with --team",
    },
    "import.warning.table_skipped": {
        "da": "tabellen er sprunget over: ingen overskriftsrække og ikke en fortsættelse ({cells})",
        "sv": "tabellen hoppades över: ingen rubrikrad och ingen fortsättning ({cells})",
        "en": "table left out: no header row and not a continuation ({cells})",
    },
    "import.warning.column_ignored": {
        "da": "kolonnen \u201c{heading}\u201d genkendes ikke og er ikke importeret",
        "sv": "kolumnen \u201d{heading}\u201d känns inte igen och har inte importerats",
        "en": "the column \u201c{heading}\u201d is not recognised and was not imported",
    },
    "import.warning.timing_unknown": {
        "da": "tidspunktet \u201c{text}\u201d kan ikke læses; planens ejer bliver spurgt",
        "sv": "tiden \u201d{text}\u201d kan inte läsas; planens ägare tillfrågas",
        "en": "the timing \u201c{text}\u201d cannot be read; the plan owner will be asked",
    },
    "import.warning.no_timing": {
        "da": "intet tidspunkt; aktiviteten får ingen påmindelser",
        "sv": "ingen tid angiven; aktiviteten får inga påminnelser",
        "en": "no timing; the activity gets no reminders",
    },
    "import.warning.title_cut": {
        "da": "aktivitetens navn er afkortet til {length} tegn",
        "sv": "aktivitetens namn har kortats till {length} tecken",
        "en": "the activity's name was cut to {length} characters",
    },
    "status.planned": {"da": "Planlagt", "sv": "Planerad", "en": "Planned"},
    "status.in_progress": {"da": "I gang", "sv": "Pågår", "en": "In progress"},
    "status.awaiting_approval": {
        "da": "Afventer godkendelse",
        "sv": "Väntar på godkännande",
        "en": "Awaiting approval",
    },
    "status.approved": {"da": "Godkendt", "sv": "Godkänd", "en": "Approved"},
    "status.done": {"da": "Udført", "sv": "Genomförd", "en": "Done"},
    "status.cancelled": {"da": "Aflyst", "sv": "Inställd", "en": "Cancelled"},
}
