"""The database schema. Spans are `span_start`/`span_end` (character offsets into a report's normalized
text: the `report_text` view, stored compressed in `texts`, see store/text.py)."""

import sqlite3

TABLES = """
CREATE TABLE IF NOT EXISTS runs (
    id INTEGER PRIMARY KEY,
    started_at TEXT, finished_at TEXT, version TEXT, argv TEXT,
    status TEXT,                 -- running | done | interrupted | failed | killed (its process ended without a word)
    n_inputs INTEGER, n_ok INTEGER, n_failed INTEGER,
    n_errors INTEGER, n_warnings INTEGER, n_info INTEGER,
    seconds REAL, timings TEXT,  -- JSON: seconds per stage, summed over the run
    years_checked TEXT,          -- when its reports were checked across years (NULL: not yet, e.g. after a Ctrl-C)
    process TEXT                 -- place:pid:start of the process that ran it (store/liveness.py)
);
CREATE TABLE IF NOT EXISTS reports (
    id TEXT PRIMARY KEY,         -- sha256 of the input's bytes
    source TEXT, status TEXT, error TEXT, encoding TEXT, template TEXT,
    organ TEXT, region TEXT, year INTEGER, published TEXT, title TEXT,
    report_key TEXT,             -- organ|year: the same report across corrected versions
    kind TEXT,                   -- the input: text | html | docx | pdf
    n_errors INTEGER, n_warnings INTEGER, n_info INTEGER,
    run_id INTEGER REFERENCES runs(id), extracted_at TEXT, version TEXT, seconds REAL,
    source_path TEXT,            -- the input's absolute path: one current version per path
    current INTEGER DEFAULT 1,   -- 1 the file's current version; 0 an earlier one, kept as history and not counted
    superseded_by TEXT,          -- for an earlier version: the id of the version that replaced it
    rid INTEGER,                 -- the integer key report_data (and everything packed) is stored under
    file_size INTEGER, file_mtime_ns INTEGER,   -- the file as read: unchanged size, time and options are not read again
    options TEXT,                -- tool version and the options that change what is read (see batch.BatchOptions.stamp)
    ocr TEXT                     -- JSON, scanned inputs only: {"cells": field → {page, box, confidence,
                                 -- digit_confidence, stamped}, "marks": every OCR-read piece's span, page, box}
);
CREATE TABLE IF NOT EXISTS page_images (
    report_id TEXT NOT NULL REFERENCES reports(id),
    page INTEGER,                -- 1-based page number in the input
    image BLOB,                  -- JPEG of the upright page at 100 dpi; OCR boxes are in its pixels
    PRIMARY KEY (report_id, page)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS fields (
    field TEXT PRIMARY KEY, label TEXT, tbl TEXT, template TEXT
);
CREATE TABLE IF NOT EXISTS report_data (
    rid INTEGER PRIMARY KEY,     -- reports.rid: the integer key (the sha256 stays the public id)
    layout TEXT,                 -- the format whose fields, in order, `cells` lists (NULL: a JSON object by field id)
    cells TEXT,                  -- packed JSON, see store/packing.py; read it through the `cells` view
    sections TEXT,               -- packed JSON; the `sections` view
    facts TEXT                   -- packed JSON; the `facts` view
);
CREATE TABLE IF NOT EXISTS texts (
    rid INTEGER PRIMARY KEY,     -- reports.rid; read through the `report_text` view
    size INTEGER,                -- the normalized text every span points into: its length in UTF-8 bytes,
    text BLOB,                   -- and the text, zstd-compressed (zlib if written before; as is when that is no smaller)
    display_size INTEGER,        -- the same text as printed, when it was converted from traditional characters
    display_text BLOB
);
CREATE TABLE IF NOT EXISTS field_slots (
    layout TEXT NOT NULL, pos INTEGER NOT NULL, field TEXT NOT NULL,   -- a format's fields in table order
    PRIMARY KEY (layout, pos)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS finding_rows (   -- read and write them as the `findings` view
    report_id TEXT NOT NULL REFERENCES reports(id),
    fingerprint TEXT NOT NULL,   -- stable across re-extraction: report_key + rule + fields
    report_key TEXT, rule TEXT, severity TEXT,
    field_set INTEGER,           -- field_sets.id: the finding's fields (`findings.fields`)
    message TEXT, expected TEXT, actual TEXT,
    span_start INTEGER, span_end INTEGER,
    status TEXT,                 -- open | confirmed | dismissed | sent | fixed | disputed (copied from verdicts)
    note TEXT, reviewed_at TEXT, run_id INTEGER,
    PRIMARY KEY (report_id, fingerprint)
);                               -- a rowid table: appended in order, its pages fill; keyed by sha256 they would not
CREATE TABLE IF NOT EXISTS field_sets (
    id INTEGER PRIMARY KEY,
    fields TEXT UNIQUE           -- a JSON list of canonical field ids, stored once however many findings name it
);
CREATE TABLE IF NOT EXISTS verdicts (
    fingerprint TEXT PRIMARY KEY,  -- a person's decision, never touched by extraction
    status TEXT, note TEXT, decided_at TEXT
);
CREATE TABLE IF NOT EXISTS organ_aliases (
    name TEXT PRIMARY KEY,       -- an organ name as printed (without 人民政府)
    canonical TEXT               -- the name it is matched as across years, set by a person
);
CREATE TABLE IF NOT EXISTS llm_calls (
    report_id TEXT NOT NULL REFERENCES reports(id),
    seq INTEGER, run_id INTEGER, part TEXT, model TEXT, mode TEXT, prompt_version TEXT,
    attempt INTEGER,             -- 0 for a cache hit; 1, 2 … for HTTP attempts (re-asks included)
    prompt_tokens INTEGER, completion_tokens INTEGER, latency_ms REAL,
    cache_hit INTEGER, ok INTEGER, error TEXT,
    PRIMARY KEY (run_id, report_id, seq)   -- a log: re-extracting a report adds, never erases, usage
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS roster (
    organ TEXT PRIMARY KEY,      -- the organ a region expects a report from, as the office names it
    parent TEXT,                 -- the organ above it in the roster (NULL at the top)
    level TEXT,                  -- province | city | county | department | township | subdistrict | a local level
    aliases TEXT,                -- JSON list of other names it reports under
    deadline TEXT,               -- MM-DD of the following year, when this organ's own deadline differs from its level's
    line INTEGER                 -- its line in the imported CSV
);
CREATE TABLE IF NOT EXISTS level_deadlines (
    level TEXT PRIMARY KEY,      -- a roster level
    deadline TEXT                -- MM-DD of the following year (overrides the 条例第四十九条 default)
);
CREATE TABLE IF NOT EXISTS status_log (
    fingerprint TEXT NOT NULL,   -- every change of a finding's status, by a person or automatically
    status TEXT, previous TEXT, note TEXT, at TEXT,
    report_id TEXT,              -- the report version the finding stood on when it changed
    report_key TEXT,
    by TEXT                      -- person | letters | re-extraction
);
"""

# Created after the columns an older database lacks are added (Store._add_missing_columns).
INDEXES = """
CREATE INDEX IF NOT EXISTS idx_llm_calls_run ON llm_calls(run_id);
CREATE INDEX IF NOT EXISTS idx_reports_organ_year ON reports(organ, year);
CREATE INDEX IF NOT EXISTS idx_reports_key ON reports(report_key);
CREATE INDEX IF NOT EXISTS idx_reports_source_path ON reports(source_path);
CREATE UNIQUE INDEX IF NOT EXISTS idx_reports_rid ON reports(rid);
CREATE INDEX IF NOT EXISTS idx_finding_rows_history ON finding_rows(report_id) WHERE rule LIKE 'history.%';
CREATE INDEX IF NOT EXISTS idx_finding_rows_fingerprint ON finding_rows(fingerprint);
CREATE INDEX IF NOT EXISTS idx_status_log_fingerprint ON status_log(fingerprint);
"""
# Indexes earlier versions made, dropped when a writer opens the database. idx_reports_status (status): its
# two values select nothing, yet SQLite, without statistics, took it for `status = 'ok'` over the source
# path's index when a batch looks its inputs' stamps up (Store.stamps_of: every stored report walked per
# chunk of inputs); every other query on status reads most reports anyway. And it was one more B-tree each
# report's row is inserted into (~3 µs of the writer's save_rows).
# idx_finding_rows_status (status, severity): nearly every finding is open, so SQLite, without statistics,
# walked it for `status = 'open'` (review's next report, the region's open errors: no faster than a scan)
# and took it over the primary key for one report's findings of a status (letters); what it served alone
# is listing a rare status (20,000 reports: 1 -> 12 ms) and counts by status (overview, datasette's facet:
# 27 -> 41 ms), against one B-tree more per finding every batch writes (~4 µs of the writer's ~75 per report).
# idx_finding_rows_rule (rule): SQLite, without statistics, walked it in rule order for every count and list by
# rule, reading each finding's row out of order: at 20,000 reports the overview's findings by rule 52 -> 42 ms,
# datasette's rule facet 46 -> 32 ms, a common rule's list 22 -> 16 ms without it; it alone served a rare rule's
# list (4 -> 11 ms) and the count of cross-year findings, which idx_finding_rows_history (the report ids of those
# findings only; one condition evaluated per other finding) now serves by itself. ~4 µs per report written.
DROPPED_INDEXES = ("idx_reports_status", "idx_finding_rows_status", "idx_finding_rows_rule")



# What this version writes; PRAGMA user_version. 2: texts compressed in `texts`, packing that needs no text;
# 3: `findings` a view over finding_rows, each list of fields stored once in field_sets;
# 4: `report_text` has a row for every report (a failure's text is ''): only views are rebuilt.
# (Texts are zstd-compressed since; zlib texts read as they are: no migration, so no new version.)
# A database of a lower version is migrated on open (store/migrate.py) and its views rebuilt; one of a
# higher version (a newer nianbao's) is refused: what it stores may not read here.
SCHEMA_VERSION = 4
FINDING_COLUMNS = (
    "report_id", "fingerprint", "report_key", "rule", "severity", "fields", "message", "expected", "actual",
    "span_start", "span_end", "status", "note", "reviewed_at", "run_id",
)
_ROW_COLUMNS = [c if c != "fields" else "field_set" for c in FINDING_COLUMNS]
_SET_OF_NEW = "(SELECT id FROM field_sets WHERE fields = NEW.fields)"

# The long form of what report_data packs, with the columns the tables of the same names had. They read
# the packed JSON with SQLite's own functions only, so the plain sqlite3 shell reads them too. `findings`
# has the columns its table had, and is written as it was (INSERT, UPDATE, DELETE: the triggers).
VIEWS = """
CREATE VIEW IF NOT EXISTS cells AS
SELECT r.id AS report_id, COALESCE(s.field, j.key) AS field,
    j.value ->> '$[0]' AS value,
    CASE WHEN json_type(j.value, '$[3].raw') IS NOT NULL THEN j.value ->> '$[3].raw'
         WHEN json_type(j.value, '$[0]') = 'integer' THEN CAST(j.value ->> '$[0]' AS TEXT) END AS raw,
    j.value ->> '$[3].unit' AS unit,
    COALESCE(j.value ->> '$[3].status', CASE WHEN j.value ->> '$[0]' IS NULL THEN 'blank' ELSE 'ok' END) AS status,
    j.value ->> '$[1]' AS span_start,
    CASE WHEN json_array_length(j.value) = 2 THEN (j.value ->> '$[1]') + length(j.value ->> '$[0]')
         ELSE COALESCE((j.value ->> '$[1]') + (j.value ->> '$[2]'), j.value ->> '$[3].end') END AS span_end,
    COALESCE(j.value ->> '$[3].extractor', 'builtin') AS extractor,
    j.value ->> '$[3].alt_value' AS alt_value,
    j.value ->> '$[3].alt_extractor' AS alt_extractor
FROM reports r JOIN report_data d ON d.rid = r.rid JOIN json_each(d.cells) j
LEFT JOIN field_slots s ON s.layout = d.layout AND s.pos = j.key;
CREATE VIEW IF NOT EXISTS sections AS
SELECT r.id AS report_id, j.value ->> '$[0]' AS number, j.value ->> '$[1]' AS title,
    j.value ->> '$[2]' AS span_start, (j.value ->> '$[2]') + (j.value ->> '$[3]') AS span_end
FROM reports r JOIN report_data d ON d.rid = r.rid JOIN json_each(d.sections) j;
CREATE VIEW IF NOT EXISTS facts AS
SELECT r.id AS report_id, j.key AS seq, j.value ->> '$[0]' AS name, j.value ->> '$[1]' AS value,
    j.value ->> '$[4].unit' AS unit, j.value ->> '$[2]' AS span_start,
    CASE WHEN json_type(j.value, '$[4].end') IS NOT NULL THEN j.value ->> '$[4].end'
         ELSE (j.value ->> '$[2]') + length(j.value ->> '$[3]') END AS span_end,
    j.value ->> '$[3]' AS quote,
    COALESCE(j.value ->> '$[4].extractor', 'builtin') AS extractor
FROM reports r JOIN report_data d ON d.rid = r.rid JOIN json_each(d.facts) j;
CREATE VIEW IF NOT EXISTS findings AS
SELECT """ + ", ".join(f"f.{c}" if c != "fields" else "s.fields" for c in FINDING_COLUMNS) + """
FROM finding_rows f LEFT JOIN field_sets s ON s.id = f.field_set;
CREATE TRIGGER IF NOT EXISTS findings_insert INSTEAD OF INSERT ON findings BEGIN
    INSERT OR IGNORE INTO field_sets (fields) SELECT NEW.fields WHERE NEW.fields IS NOT NULL;
    INSERT INTO finding_rows (""" + ", ".join(_ROW_COLUMNS) + """)
    VALUES (""" + ", ".join(f"NEW.{c}" if c != "fields" else _SET_OF_NEW for c in FINDING_COLUMNS) + """);
END;
CREATE TRIGGER IF NOT EXISTS findings_update INSTEAD OF UPDATE ON findings BEGIN
    INSERT OR IGNORE INTO field_sets (fields) SELECT NEW.fields WHERE NEW.fields IS NOT NULL;
    UPDATE finding_rows SET """ + ", ".join(f"{c} = NEW.{c}" if c != "fields" else f"field_set = {_SET_OF_NEW}" for c in FINDING_COLUMNS) + """
    WHERE report_id = OLD.report_id AND fingerprint = OLD.fingerprint;
END;
CREATE TRIGGER IF NOT EXISTS findings_delete INSTEAD OF DELETE ON findings BEGIN
    DELETE FROM finding_rows WHERE report_id = OLD.report_id AND fingerprint = OLD.fingerprint;
END;
CREATE VIEW IF NOT EXISTS report_text AS
SELECT r.id AS report_id, COALESCE(nianbao_text(t.text, t.size), '') AS text,
    nianbao_text(t.display_text, t.display_size) AS display_text
FROM reports r LEFT JOIN texts t ON t.rid = r.rid;   -- every report: a failure's text is '', as reports.text was
"""
VIEW_NAMES = ("cells", "sections", "facts", "findings", "report_text")


def statements(script: str) -> list[str]:
    """A script's statements one by one (executescript would commit the transaction they belong in)."""
    found, pending = [], ""
    for line in script.splitlines(keepends=True):
        pending += line
        if sqlite3.complete_statement(pending):
            found.append(pending.strip())
            pending = ""
    return [s for s in found if s.strip(" \n;")]
