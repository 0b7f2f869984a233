"""`Store`: veille's database, a DuckDB file or a PostgreSQL server database
(`postgresql://USER@HOST/DBNAME`; `veille.store.dialect` holds the SQL that differs).
Opening it applies pending migrations; writes go in one transaction per batch, so a
killed process leaves the last committed batch and nothing half-written. DuckDB allows
one writing process per file: a second one gets E010. PostgreSQL takes many: their
batches are serialised by an advisory lock, so two ingests never store a document twice.
"""
from __future__ import annotations

import datetime as dt
import json
import logging
import os
import uuid
from pathlib import Path
from typing import Any, Iterable, Sequence

import duckdb
import pyarrow as pa

from ..errors import E, VeilleError
from ..records import DocumentResult
from . import rows
from .dialect import DUCKDB, POSTGRES, Dialect, is_server_url, redact
from .query import EventQuery
from .schema import CURRENT_VERSION, MIGRATIONS, VERSION_TABLE

log = logging.getLogger(__name__)

_LOOKUP_CHUNK = 1000  # values per parameterised IN (...) lookup


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)


def _is_lock_error(exc: Exception) -> bool:
    text = str(exc).lower()
    return "lock" in text and ("conflicting" in text or "could not set" in text)


class Store:
    """A veille database. Use `Store.open(path)`; close it (or use `with`)."""

    def __init__(self, con: Any, path: str, read_only: bool, dialect: Dialect = DUCKDB) -> None:
        self.con = con  # a DuckDB connection (or cursor), or a veille.store.pg.PgConnection
        self.path = path
        self.read_only = read_only
        self.dialect = dialect
        self.snapshot_of: str | None = None  # set when this is the published snapshot of a locked database

    # -- opening and migrations -------------------------------------------------
    @classmethod
    def open(cls, path: str | os.PathLike[str], read_only: bool = False) -> "Store":
        """Open (creating and migrating if writable) the database at `path`.

        Raises E008 if a read-only database is missing, E009 if it is newer than this
        veille, E010 if another process holds it, E500 if read-only and too old. Read-only,
        a database locked by a writer is read from its published snapshot if it has one
        (`veille.store.snapshot`); `snapshot_of` then names the locked file.

        A `postgresql://` URL opens a PostgreSQL database instead (E810 without psycopg,
        E811 if unreachable, E812 if read-only and without veille tables)."""
        path = str(path)
        if is_server_url(path):
            return cls._open_server(path, read_only)
        if read_only and not Path(path).exists():
            raise VeilleError(E.E008, path=path)
        try:
            con = duckdb.connect(path, read_only=read_only)
        except duckdb.Error as exc:
            if _is_lock_error(exc):
                if read_only:  # a writer holds it: read its published snapshot (store/snapshot.py)
                    from .snapshot import open_snapshot
                    snap = open_snapshot(path, _lock_reason(exc))
                    if snap is not None:
                        return snap
                raise VeilleError(E.E010, path=path, reason=_lock_reason(exc)) from None
            raise VeilleError(E.E502, path=path, reason=str(exc).splitlines()[0]) from None
        store = cls(con, path, read_only)
        try:
            store._migrate()
        except BaseException:
            con.close()
            raise
        return store

    @classmethod
    def _open_server(cls, url: str, read_only: bool) -> "Store":
        from .pg import connect
        store = cls(connect(url, read_only), url, read_only, POSTGRES)
        try:
            if read_only and store.version() == 0:
                raise VeilleError(E.E812, url=redact(url))
            store._migrate()
        except BaseException:
            store.con.close()
            raise
        return store

    @property
    def name(self) -> str:
        """The database's path or URL, password hidden: for messages."""
        return redact(self.path)

    def _tables(self) -> set[str]:
        return {r[0] for r in self.con.execute(
            "SELECT table_name FROM information_schema.tables "
            "WHERE table_catalog = current_database() AND table_schema = current_schema()").fetchall()}

    def version(self) -> int:
        if "schema_version" not in self._tables():
            return 0
        rows_ = self.con.execute("SELECT max(version) FROM schema_version").fetchall()
        return int(rows_[0][0] or 0) if rows_ else 0

    def _migrate(self) -> None:
        found = self.version()
        if found > CURRENT_VERSION:
            raise VeilleError(E.E009, path=self.name, found=found, known=CURRENT_VERSION)
        if found == CURRENT_VERSION:
            return
        if self.read_only:
            raise VeilleError(E.E500, path=self.name, found=found, known=CURRENT_VERSION)
        for migration in MIGRATIONS:
            if migration.version <= found:
                continue
            self.con.begin()
            try:
                self.dialect.lock_writes(self.con)
                if self.dialect is not DUCKDB:  # another writer may have migrated while we waited
                    found = self.version()
                    if migration.version <= found:
                        self.con.rollback()
                        continue
                self.con.execute(self.dialect.ddl(VERSION_TABLE))
                for sql in migration.statements:
                    self.con.execute(self.dialect.ddl(sql))
                self.con.execute("INSERT INTO schema_version VALUES (?, ?, ?)",
                                 [migration.version, migration.name, _now()])
                self.con.commit()
            except BaseException:
                self.con.rollback()
                raise
            log.info("database %s: applied migration %d (%s)", self.name, migration.version, migration.name)

    def migrations(self) -> list[tuple[int, str]]:
        return [(int(v), n) for v, n in self.con.execute(
            "SELECT version, name FROM schema_version ORDER BY version").fetchall()]

    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- writing ----------------------------------------------------------------
    def start_run(self, inputs: Sequence[str]) -> str:
        from .. import __version__
        run_id = uuid.uuid4().hex[:12]
        self.con.execute("INSERT INTO runs (run_id, inputs, started_at, status, veille_version) VALUES (?, ?, ?, ?, ?)",
                         [run_id, json.dumps(list(inputs), ensure_ascii=False), _now(), "running", __version__])
        return run_id

    def finish_run(self, run_id: str, status: str = "finished") -> None:
        self.con.execute("UPDATE runs SET finished_at = ?, status = ? WHERE run_id = ?", [_now(), status, run_id])

    def add_results(self, results: Iterable[DocumentResult], rejects: Iterable[tuple[str, str, str]] = (),
                    run_id: str | None = None, duplicates: int = 0,
                    provenance: dict[str, Any] | None = None) -> tuple[int, int]:
        """Store documents with their events, quotes and dates, and rejects (where, code, message),
        all in one transaction. Documents already stored (same content hash or URL) are skipped.
        Returns (documents added, events added)."""
        now = _now()
        results = list(results)
        rejects = list(rejects)
        self.con.begin()
        try:
            self.dialect.lock_writes(self.con)  # PostgreSQL: the lookups below see other writers' batches
            hashes = self.known_hashes([r.document.content_hash for r in results])
            urls = self.known_urls([r.document.url for r in results if r.document.url])
            ids = self.known_ids([r.document.id for r in results])
            docs, events, quotes, timexes = [], [], [], []
            seen_events: set[str] = set()
            for res in results:
                doc = res.document
                if doc.content_hash in hashes or (doc.url and doc.url in urls):
                    continue
                if doc.id in ids:
                    log.warning("document id %r (%s) is already used by other content; not stored", doc.id, doc.source)
                    continue
                hashes.add(doc.content_hash)
                ids.add(doc.id)
                if doc.url:
                    urls.add(doc.url)
                made = rows.result_rows(res, now, run_id, provenance, seen_events)
                docs += made["documents"]
                events += made["events"]
                quotes += made["quotes"]
                timexes += made["timexes"]
            self._insert("documents", docs)
            self._insert("events", events)
            self._insert("quotes", quotes)
            self._insert("timexes", timexes)
            for where, code, message in rejects:
                self._add_reject(where, code, message, run_id, now)
            if run_id:
                self.con.execute("UPDATE runs SET documents = documents + ?, events = events + ?, "
                                 "rejects = rejects + ?, duplicates = duplicates + ? WHERE run_id = ?",
                                 [len(docs), len(events), len(rejects), duplicates, run_id])
            self.con.commit()
        except BaseException:
            self.con.rollback()
            raise
        return len(docs), len(events)

    def add_reject(self, where: str, code: str, message: str, run_id: str | None = None) -> None:
        """Record one rejected input (kept once per source, code and message)."""
        self._add_reject(where, code, message, run_id, _now())

    def _add_reject(self, where: str, code: str, message: str, run_id: str | None, now: dt.datetime) -> None:
        source, line = rows.split_where(where)
        self.con.execute(self.dialect.insert_ignore("rejects", ["source", "line", "code", "message", "first_seen",
                                                                "run_id"]),
                         [source, line, code, message, now, run_id])

    def _insert(self, table: str, data: list[dict[str, Any]]) -> None:
        if not data:
            return
        types = self.dialect.arrow_types(self.con, table)  # table: an internal name
        columns = list(types)
        if not self.dialect.file_based:
            self.con.executemany(self.dialect.insert_ignore(table, columns),
                                 [[row.get(c) for c in columns] for row in data])
            return
        arrow = pa.Table.from_pylist([{c: row.get(c) for c in columns} for row in data],
                                     schema=pa.schema(list(types.items())))
        self.con.register("_veille_batch", arrow)
        try:
            cols = ", ".join(f'"{c}"' for c in columns)
            self.con.execute(f"INSERT OR IGNORE INTO {table} ({cols}) SELECT {cols} FROM _veille_batch")
        finally:
            self.con.unregister("_veille_batch")

    # -- lookups ------------------------------------------------------------------
    def _lookup(self, column: str, values: Iterable[str]) -> set[str]:
        values = list(dict.fromkeys(v for v in values if v))
        found: set[str] = set()
        for i in range(0, len(values), _LOOKUP_CHUNK):  # one list parameter: much cheaper than IN (?, ?, ...)
            found.update(r[0] for r in self.con.execute(
                f"SELECT {column} FROM documents WHERE {column} IN (SELECT unnest(?::VARCHAR[]))",
                [values[i:i + _LOOKUP_CHUNK]]).fetchall())
        return found

    def known_hashes(self, hashes: Iterable[str]) -> set[str]:
        return self._lookup("content_hash", hashes)

    def known_urls(self, urls: Iterable[str]) -> set[str]:
        return self._lookup("url", urls)

    def known_ids(self, ids: Iterable[str]) -> set[str]:
        return self._lookup("doc_id", ids)

    # -- reading ------------------------------------------------------------------
    def events(self, actor: str | None = None, recipient: str | None = None, type: str | None = None,
               since: str | None = None, until: str | None = None, limit: int | None = None,
               offset: int = 0, doc_id: str | None = None) -> list[dict[str, Any]]:
        """Events as records shaped like event.schema.json, oldest first."""
        query = EventQuery(actor=actor, recipient=recipient, type=type, since=since, until=until,
                           limit=limit, offset=offset, doc_id=doc_id)
        sql, params = query.sql("record")
        return [json.loads(r[0]) for r in self.con.execute(sql, params).fetchall()]

    def event(self, event_id: str) -> dict[str, Any] | None:
        found = self.con.execute("SELECT record FROM events WHERE event_id = ?", [event_id]).fetchall()
        return json.loads(found[0][0]) if found else None

    def document(self, doc_id: str) -> dict[str, Any] | None:
        """A stored document with its events (records), or None."""
        cur = self.con.execute("SELECT doc_id, content_hash, url, title, date, lang, text, source, ingested_at, "
                               "run_id, provenance FROM documents WHERE doc_id = ?", [doc_id])
        found = cur.fetchall()  # fetch to the end: duckdb 2 refuses new work on an unfinished result
        if not found:
            return None
        row = found[0]
        names = [d[0] for d in cur.description]
        doc = dict(zip(names, row))
        doc["ingested_at"] = doc["ingested_at"].isoformat() if doc["ingested_at"] else None
        doc["provenance"] = json.loads(doc["provenance"] or "{}")
        doc["events"] = self.events(doc_id=doc_id)
        return doc

    def counts(self) -> dict[str, int]:
        out = {}
        for table in ("documents", "events", "quotes", "timexes", "rejects", "runs"):
            out[table] = int(self.con.execute(f"SELECT count(*) FROM {table}").fetchall()[0][0])  # fixed names
        return out

    def rejects(self) -> list[dict[str, Any]]:
        cur = self.con.execute("SELECT source, line, code, message FROM rejects ORDER BY source, line, code")
        return [dict(zip(("source", "line", "code", "message"), r)) for r in cur.fetchall()]

    def runs(self) -> list[dict[str, Any]]:
        cur = self.con.execute("SELECT * FROM runs ORDER BY started_at")
        names = [d[0] for d in cur.description]
        return [dict(zip(names, r)) for r in cur.fetchall()]

    # -- stories (veille.analysis.stories builds them; these only move rows) --------
    def events_fingerprint(self) -> str:
        """Changes whenever an event is added or removed: tells whether stories are stale."""
        n, h = self.con.execute(f"SELECT count(*), {self.dialect.hash_xor('event_id')} FROM events").fetchall()[0]
        return f"{int(n)}:{int(h)}"

    def story_mentions(self) -> list[dict[str, Any]]:
        """Every event with what story grouping needs, and its document's date, URL and source."""
        cur = self.con.execute(
            "SELECT e.event_id, e.doc_id, e.type, coalesce(e.actor_key, e.actor_text) AS actor, "
            "coalesce(e.recipient_key, e.recipient_text) AS recipient, e.\"symmetric\" AS symmetric, e.modality, "
            "e.date_first, e.date_last, coalesce(e.evidence_text, '') AS evidence, e.lang, d.date AS doc_date, "
            "d.url, d.source FROM events e LEFT JOIN documents d USING (doc_id) ORDER BY e.event_id")
        names = [d[0] for d in cur.description]
        return [dict(zip(names, r)) for r in cur.fetchall()]

    def story_vectors(self, encoder: str) -> dict[str, list[float]]:
        """Cached evidence embeddings made by `encoder`, by event id."""
        return {r[0]: r[1] for r in self.con.execute(
            "SELECT event_id, vector FROM story_vectors WHERE encoder = ?", [encoder]).fetchall()}

    def add_story_vectors(self, encoder: str, vectors: dict[str, list[float]]) -> None:
        self._insert("story_vectors", [{"event_id": k, "encoder": encoder, "vector": v} for k, v in vectors.items()])

    def replace_stories(self, stories: list[dict[str, Any]], members: list[dict[str, Any]],
                        build: dict[str, Any]) -> None:
        """Replace all stories, their event lists and the build record, in one transaction."""
        self.con.begin()
        try:
            self.dialect.lock_writes(self.con)
            self.con.execute("DELETE FROM story_events")
            self.con.execute("DELETE FROM stories")
            self.con.execute("DELETE FROM story_builds")
            self._insert("stories", stories)
            self._insert("story_events", members)
            self._insert("story_builds", [build])
            self.con.commit()
        except BaseException:
            self.con.rollback()
            raise

    def story_build(self) -> dict[str, Any] | None:
        cur = self.con.execute("SELECT * FROM story_builds ORDER BY built_at DESC LIMIT 1")
        names = [d[0] for d in cur.description]
        found = cur.fetchall()
        return dict(zip(names, found[0])) if found else None

    def story_records(self) -> list[dict[str, Any]]:
        """Stored stories (JSON records), in order of their first event."""
        return [json.loads(r[0]) for r in self.con.execute(
            "SELECT record FROM stories ORDER BY date_first NULLS LAST, story_id").fetchall()]


def _lock_reason(exc: Exception) -> str:
    text = str(exc)
    marker = "Conflicting lock is held in"
    if marker in text:
        return "lock held by " + text.split(marker, 1)[1].split(". See", 1)[0].strip()
    return text.splitlines()[0]
