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
    "import.error.too_many_parts": {
        "da": "filen har {count} dele; et Office-dokument har langt færre (højst {limit})",
        "sv": "filen har {count} delar; ett Office-dokument har långt färre (högst {limit})",
        "en": "the file has {count} parts; an Office document has far fewer (at most {limit})",
    },
    "import.error.unpacked_too_large": {
        "da": "filen pakkes ud til {size} byte; grænsen er {limit} "
        "(COMMPLAN_MAX_IMPORT_UNPACKED_BYTES)",
        "sv": "filen packas upp till {size} byte; gränsen är {limit} "
        "(COMMPLAN_MAX_IMPORT_UNPACKED_BYTES)",
        "en": "the file unpacks to {size} bytes; the limit is {limit} "
        "(COMMPLAN_MAX_IMPORT_UNPACKED_BYTES)",
    },
    "import.error.xml_too_large": {
        "da": "filens tekstdele (XML) pakkes ud til {size} byte; grænsen er {limit} (en fjerdedel "
        "af COMMPLAN_MAX_IMPORT_UNPACKED_BYTES)",
        "sv": "filens textdelar (XML) packas upp till {size} byte; gränsen är {limit} "
        "(en fjärdedel av COMMPLAN_MAX_IMPORT_UNPACKED_BYTES)",
        "en": "the file's text parts (XML) unpack to {size} bytes; the limit is {limit} (a quarter "
        "of COMMPLAN_MAX_IMPORT_UNPACKED_BYTES)",
    },
    "import.error.dtd_word": {
        "da": "ikke en Word-fil: den erklærer XML-entiteter (en DTD), hvad Word aldrig gør",
        "sv": "inte en Word-fil: den deklarerar XML-entiteter (en DTD), vilket Word aldrig gör",
        "en": "not a Word file: it declares XML entities (a DTD), which Word never does",
    },
    "import.error.dtd_excel": {
        "da": "ikke en Excel-fil: den erklærer XML-entiteter (en DTD), hvad Excel aldrig gør",
        "sv": "inte en Excel-fil: den deklarerar XML-entiteter (en DTD), vilket Excel aldrig gör",
        "en": "not an Excel file: it declares XML entities (a DTD), which Excel never does",
    },
    "import.error.too_many_rows": {
        "da": "filen har mere end {limit} rækker (COMMPLAN_MAX_IMPORT_ROWS); del planen op, "
        "eller hæv grænsen",
        "sv": "filen har fler än {limit} rader (COMMPLAN_MAX_IMPORT_ROWS); dela upp planen "
        "eller höj gränsen",
        "en": "the file has more than {limit} rows (COMMPLAN_MAX_IMPORT_ROWS); split the plan "
        "or raise the limit",
    },
    "import.error.too_many_cells": {
        "da": "tabellen fylder {rows} rækker × {columns} kolonner ({cells} celler); grænsen er "
        "{limit}: slet det, der ligger uden for planen",
        "sv": "tabellen sträcker sig över {rows} rader × {columns} kolumner ({cells} celler); "
        "gränsen är {limit}: ta bort det som ligger utanför planen",
        "en": "the table spans {rows} rows × {columns} columns ({cells} cells); the limit is "
        "{limit}: delete what lies outside the plan",
    },
    "import.error.formula": {
        "da": "cellen har en formel uden gemt resultat; åbn filen i Excel og gem den igen, "
        "eller indsæt værdierne i stedet for formlerne",
        "sv": "cellen har en formel utan sparat resultat; öppna filen i Excel och spara den "
        "igen, eller klistra in värdena i stället för formlerna",
        "en": "the cell holds a formula with no saved result; open the file in Excel and save "
        "it again, or paste the values over the formulas",
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
    "import.warning.sheet_skipped": {
        "da": "arket er sprunget over: det har ingen plantabel (et forside- eller noteark) "
        "({cells})",
        "sv": "bladet hoppades över: det har ingen plantabell (ett försättsblad eller "
        "anteckningar) ({cells})",
        "en": "sheet left out: it holds no plan table (a cover or notes sheet) ({cells})",
    },
    "import.notice.timing_from": {
        "da": "tidspunkterne er læst fra {source}: række {rows}",
        "sv": "tiderna är lästa från {source}: rad {rows}",
        "en": "timings read from {source}: rows {rows}",
    },
    "import.notice.grid": {
        "da": "kolonnerne {columns} er {unit}, markeret hvor en aktivitet foregår: hver række "
        "af markerede {unit} er en aktivitet med sin egen periode og påmindelser; rækker med "
        "flere perioder: {rows}",
        "sv": "kolumnerna {columns} är {unit}, markerade där en aktivitet pågår: varje följd "
        "av markerade {unit} är en aktivitet med egen period och påminnelser; rader med flera "
        "perioder: {rows}",
        "en": "the columns {columns} are {unit}, marked where an activity runs: each run of "
        "marked {unit} is an activity with its own window and reminders; rows with several "
        "runs: {rows}",
    },
    "import.grid.week": {"da": "uger", "sv": "veckor", "en": "weeks"},
    "import.grid.month": {"da": "måneder", "sv": "månader", "en": "months"},
    "import.grid.quarter": {"da": "kvartaler", "sv": "kvartal", "en": "quarters"},
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
    "import.notice.done_red": {
        "da": "rækker læst som udført, fordi de er markeret med rødt: {rows}",
        "sv": "rader lästa som genomförda eftersom de är markerade med rött: {rows}",
        "en": "rows read as done because they are marked in red: {rows}",
    },
    "import.notice.done_struck": {
        "da": "rækker læst som udført, fordi de er overstreget: {rows}",
        "sv": "rader lästa som genomförda eftersom de är överstrukna: {rows}",
        "en": "rows read as done because they are struck through: {rows}",
    },
    "import.notice.done_status": {
        "da": "rækker læst som udført, fordi kolonnen \u201c{column}\u201d siger {words}: {rows}",
        "sv": "rader lästa som genomförda eftersom kolumnen \u201d{column}\u201d säger {words}: "
        "{rows}",
        "en": "rows read as done because the column \u201c{column}\u201d says {words}: {rows}",
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
