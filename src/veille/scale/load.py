"""Load shard outputs (Parquet) into the database: one transaction for the whole run.

Idempotent on the document content hash: a document whose hash, URL or id is already
stored is not inserted again, and neither are its events, quotes and dates; so loading
the same shard twice, or re-running a finished ingest, adds nothing.
"""
from __future__ import annotations

import datetime as dt
import json
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

from ..errors import DocumentRejected, E
from ..store import Store
from .tables import REJECTS, RESULT_TABLES, reject_rows, table_schemas

log = logging.getLogger(__name__)


@dataclass
class Loaded:
    documents: int = 0  # newly stored
    events: int = 0  # newly stored
    rejects: int = 0  # rejected by the workers (stored once, counted every run, like the local engine)


def _files(outputs: Sequence[str], table: str) -> list[str]:
    return [str(Path(o) / f"{table}.parquet") for o in outputs]


def _count(cur) -> int:
    found = cur.fetchall()
    return int(found[0][0]) if found else 0


def _select(columns: Sequence[str], stamps: dict[str, object]) -> tuple[str, list]:
    """SELECT list taking each column from the Parquet file `t`, except those in `stamps` (parameters)."""
    exprs, params = [], []
    for c in columns:
        if c in stamps:
            exprs.append("?")
            params.append(stamps[c])
        else:
            exprs.append(f't."{c}"')
    return ", ".join(exprs), params


def load_outputs(store: Store, outputs: Sequence[str], run_id: str,
                 extra_rejects: Sequence[DocumentRejected] = (), duplicates: int = 0) -> Loaded:
    """Insert the results in the `outputs` directories (complete shard outputs) and the
    `extra_rejects` (inputs rejected before extraction) in one transaction."""
    con = store.con
    now = dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)
    provenance = json.dumps({"run_id": run_id}, ensure_ascii=False, sort_keys=True)
    schemas = table_schemas()
    stamps = {"ingested_at": now, "run_id": run_id}  # set at load time, as the local engine sets them
    doc_stamps = {**stamps, "provenance": provenance}
    loaded = Loaded()
    outputs = list(dict.fromkeys(outputs))
    con.begin()
    try:
        if outputs:
            con.execute("CREATE OR REPLACE TEMP TABLE _veille_new_docs AS "
                        "SELECT * FROM read_parquet(?) "
                        "WHERE content_hash NOT IN (SELECT content_hash FROM documents) "
                        "AND doc_id NOT IN (SELECT doc_id FROM documents) "
                        "AND (url IS NULL OR url NOT IN (SELECT url FROM documents WHERE url IS NOT NULL)) "
                        "QUALIFY row_number() OVER (PARTITION BY content_hash ORDER BY doc_id) = 1 "
                        "AND row_number() OVER (PARTITION BY doc_id ORDER BY content_hash) = 1",
                        [_files(outputs, "documents")])
            for table in RESULT_TABLES:
                select, params = _select(schemas[table].names, stamps if table != "documents" else doc_stamps)
                collist = ", ".join(f'"{c}"' for c in schemas[table].names)
                if table == "documents":
                    sql = f"INSERT OR IGNORE INTO documents ({collist}) SELECT {select} FROM _veille_new_docs t"
                else:
                    sql = (f"INSERT OR IGNORE INTO {table} ({collist}) SELECT {select} FROM read_parquet(?) t "
                           "WHERE t.doc_id IN (SELECT doc_id FROM _veille_new_docs)")
                    params.append(_files(outputs, table))
                n = _count(con.execute(sql, params))
                if table == "documents":
                    loaded.documents = n
                elif table == "events":
                    loaded.events = n
            rejects_sql = ("INSERT OR IGNORE INTO rejects SELECT source, line, code, message, ?::TIMESTAMP, ? "
                           "FROM read_parquet(?)")
            con.execute(rejects_sql, [now, run_id, _files(outputs, REJECTS)]).fetchall()
            loaded.rejects = _count(con.execute("SELECT count(*) FROM read_parquet(?)", [_files(outputs, REJECTS)]))
            con.execute("DROP TABLE _veille_new_docs")
        for row in reject_rows(extra_rejects):
            con.execute("INSERT OR IGNORE INTO rejects VALUES (?, ?, ?, ?, ?, ?)",
                        [row["source"], row["line"], row["code"], row["message"], now, run_id])
        con.execute("UPDATE runs SET documents = documents + ?, events = events + ?, rejects = rejects + ?, "
                    "duplicates = duplicates + ? WHERE run_id = ?",
                    [loaded.documents, loaded.events, loaded.rejects + len(extra_rejects), duplicates, run_id])
        con.commit()
    except BaseException:
        con.rollback()
        raise
    log.info("loaded %d shard outputs: %d documents, %d events", len(outputs), loaded.documents, loaded.events)
    return loaded


def read_rejects(outputs: Sequence[str]) -> list[DocumentRejected]:
    """The documents that workers rejected, as the errors the local engine reports."""
    import pyarrow.parquet as pq
    out: list[DocumentRejected] = []
    for path in _files(outputs, REJECTS):
        for row in pq.read_table(path).to_pylist():
            out.append(DocumentRejected(E[row["code"]], **json.loads(row["fields"] or "{}")))
    return out
