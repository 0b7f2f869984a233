"""The database schema as a list of named, numbered migrations.

Each migration runs in one transaction together with the row that records it in
`schema_version`, so a database is always at exactly one version. A database whose
version is higher than the last migration here was written by a newer veille and is
refused (E009). Never edit a released migration: add a new one.
"""
from __future__ import annotations

from dataclasses import dataclass

_ENTITY_COLUMNS = ("text", "key", "country", "org", "role", "name", "code")


def _entity(prefix: str) -> str:
    return ",\n".join(f"    {prefix}_{c} VARCHAR" for c in _ENTITY_COLUMNS)


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    statements: tuple[str, ...]


_INITIAL = (
    """CREATE TABLE IF NOT EXISTS documents (
    doc_id VARCHAR PRIMARY KEY,
    content_hash VARCHAR NOT NULL UNIQUE,
    url VARCHAR,
    title VARCHAR,
    date VARCHAR,
    lang VARCHAR,
    text VARCHAR NOT NULL,
    source VARCHAR,
    ingested_at TIMESTAMP NOT NULL,
    run_id VARCHAR,
    provenance VARCHAR
)""",
    f"""CREATE TABLE IF NOT EXISTS events (
    event_id VARCHAR PRIMARY KEY,
    doc_id VARCHAR NOT NULL,
    type VARCHAR NOT NULL,
    mode VARCHAR,
    contexts VARCHAR[],
    cameo VARCHAR,
    score DOUBLE,
    goldstein DOUBLE,
    quad_class INTEGER,
    "symmetric" BOOLEAN,
    date VARCHAR,
    date_end VARCHAR,
    date_precision VARCHAR,
    date_first DATE,
    date_last DATE,
    modality VARCHAR,
    confidence DOUBLE,
    lang VARCHAR,
{_entity("actor")},
{_entity("recipient")},
{_entity("reported_by")},
    location_text VARCHAR,
    location_country VARCHAR,
    location_lat DOUBLE,
    location_lon DOUBLE,
    evidence_sentence INTEGER,
    evidence_start INTEGER,
    evidence_end INTEGER,
    evidence_text VARCHAR,
    evidence_trigger VARCHAR,
    evidence_trigger_start INTEGER,
    evidence_trigger_end INTEGER,
    provenance VARCHAR,
    record VARCHAR NOT NULL,
    ingested_at TIMESTAMP NOT NULL,
    run_id VARCHAR
)""",
    """CREATE TABLE IF NOT EXISTS quotes (
    doc_id VARCHAR NOT NULL,
    seq INTEGER NOT NULL,
    kind VARCHAR,
    content VARCHAR,
    start_char INTEGER,
    end_char INTEGER,
    cue VARCHAR,
    sentence INTEGER,
    speaker_text VARCHAR,
    speaker_key VARCHAR,
    speaker_role VARCHAR,
    speaker_name VARCHAR,
    speaker_keys VARCHAR[],
    record VARCHAR NOT NULL,
    PRIMARY KEY (doc_id, seq)
)""",
    """CREATE TABLE IF NOT EXISTS timexes (
    doc_id VARCHAR NOT NULL,
    seq INTEGER NOT NULL,
    start_char INTEGER,
    end_char INTEGER,
    text VARCHAR,
    type VARCHAR,
    value VARCHAR,
    value_end VARCHAR,
    precision VARCHAR,
    approximate BOOLEAN,
    PRIMARY KEY (doc_id, seq)
)""",
    """CREATE TABLE IF NOT EXISTS rejects (
    source VARCHAR NOT NULL,
    line INTEGER,
    code VARCHAR NOT NULL,
    message VARCHAR NOT NULL,
    first_seen TIMESTAMP NOT NULL,
    run_id VARCHAR,
    PRIMARY KEY (source, code, message)
)""",
    """CREATE TABLE IF NOT EXISTS runs (
    run_id VARCHAR PRIMARY KEY,
    inputs VARCHAR,
    started_at TIMESTAMP NOT NULL,
    finished_at TIMESTAMP,
    status VARCHAR NOT NULL,
    documents INTEGER DEFAULT 0,
    duplicates INTEGER DEFAULT 0,
    events INTEGER DEFAULT 0,
    rejects INTEGER DEFAULT 0,
    veille_version VARCHAR
)""",
)

_INDEXES = (
    "CREATE INDEX IF NOT EXISTS events_actor ON events (actor_key)",
    "CREATE INDEX IF NOT EXISTS events_recipient ON events (recipient_key)",
    "CREATE INDEX IF NOT EXISTS events_doc ON events (doc_id)",
    "CREATE INDEX IF NOT EXISTS documents_url ON documents (url)",
)

# Stories: events re-reported across documents (veille.analysis.stories). Rebuilt whole
# by `veille stories`; `story_vectors` caches evidence embeddings per encoder.
_STORIES = (
    """CREATE TABLE IF NOT EXISTS stories (
    story_id VARCHAR PRIMARY KEY,
    type VARCHAR NOT NULL,
    actor VARCHAR,
    recipient VARCHAR,
    "symmetric" BOOLEAN,
    polarity VARCHAR,
    mentions INTEGER NOT NULL,
    documents INTEGER NOT NULL,
    sources INTEGER NOT NULL,
    date_first DATE,
    date_last DATE,
    first_seen VARCHAR,
    last_seen VARCHAR,
    evidence_event_id VARCHAR NOT NULL,
    evidence_text VARCHAR,
    langs VARCHAR[],
    record VARCHAR NOT NULL
)""",
    """CREATE TABLE IF NOT EXISTS story_events (
    event_id VARCHAR PRIMARY KEY,
    story_id VARCHAR NOT NULL,
    seq INTEGER NOT NULL,
    doc_id VARCHAR NOT NULL
)""",
    "CREATE INDEX IF NOT EXISTS story_events_story ON story_events (story_id)",
    """CREATE TABLE IF NOT EXISTS story_vectors (
    event_id VARCHAR NOT NULL,
    encoder VARCHAR NOT NULL,
    vector FLOAT[] NOT NULL,
    PRIMARY KEY (event_id, encoder)
)""",
    """CREATE TABLE IF NOT EXISTS story_builds (
    built_at TIMESTAMP PRIMARY KEY,
    fingerprint VARCHAR NOT NULL,
    encoder VARCHAR NOT NULL,
    params VARCHAR NOT NULL,
    events INTEGER NOT NULL,
    stories INTEGER NOT NULL
)""",
)

MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "initial_tables", _INITIAL),
    Migration(2, "lookup_indexes", _INDEXES),
    Migration(3, "stories", _STORIES),
)

CURRENT_VERSION = MIGRATIONS[-1].version

VERSION_TABLE = """CREATE TABLE IF NOT EXISTS schema_version (
    version INTEGER PRIMARY KEY,
    name VARCHAR NOT NULL,
    applied_at TIMESTAMP NOT NULL
)"""

ENTITY_COLUMNS = _ENTITY_COLUMNS
