"""Bulk exports of stored events: JSONL (event.schema.json records), CSV (flat columns),
Parquet (the events table with native types) and GDELT 2.0 event-table TSV.

Rows stream from the database in chunks, so memory stays flat on large databases. The
output is written to a temporary file beside `out` and renamed when complete: an
interrupted export never leaves a half-written file under the final name.
"""
from __future__ import annotations

import csv
import json
import os
import sys
import tempfile
from pathlib import Path
from typing import IO, Callable, Iterator

from ..errors import E, VeilleError
from .db import Store
from .flat import FLAT_COLUMNS, flatten
from .gdelt import ALL_COLUMNS, gdelt_row
from .query import ORDER_BY, EventQuery

FORMATS = ("csv", "parquet", "jsonl", "gdelt")
FETCH_ROWS = 2000


def _fetch(store: Store, sql: str, params: list) -> Iterator[tuple]:
    if not store.dialect.file_based:  # PostgreSQL: a server-side cursor
        yield from store.con.stream(sql, params, FETCH_ROWS)
        return
    cur = store.con.execute(sql, params)
    while True:
        rows = cur.fetchmany(FETCH_ROWS)
        if not rows:
            return
        yield from rows


def _jsonl(store: Store, query: EventQuery, fh: IO[str]) -> int:
    sql, params = query.sql("record")
    n = 0
    for (record,) in _fetch(store, sql, params):
        fh.write(json.dumps(json.loads(record), ensure_ascii=False))
        fh.write("\n")
        n += 1
    return n


def _csv(store: Store, query: EventQuery, fh: IO[str]) -> int:
    sql, params = query.sql("record")
    writer = csv.DictWriter(fh, fieldnames=FLAT_COLUMNS, lineterminator="\n")
    writer.writeheader()
    n = 0
    for (record,) in _fetch(store, sql, params):
        writer.writerow(flatten(json.loads(record)))
        n += 1
    return n


def _gdelt(store: Store, query: EventQuery, fh: IO[str], header: bool = True) -> int:
    inner, params = query.sql("record, provenance, ingested_at, doc_id, date_first, evidence_start, event_id")
    sql = (f"SELECT q.record, q.provenance, q.ingested_at, coalesce(d.url, d.source) FROM ({inner}) q "
           f"LEFT JOIN documents d ON d.doc_id = q.doc_id "
           f"ORDER BY q.date_first NULLS LAST, q.doc_id, q.evidence_start, q.event_id")
    if header:
        fh.write("\t".join(ALL_COLUMNS) + "\n")
    n = 0
    for record, provenance, added, url in _fetch(store, sql, params):
        fh.write("\t".join(gdelt_row(json.loads(record), url, added, provenance or "{}")) + "\n")
        n += 1
    return n


def _parquet(store: Store, query: EventQuery, path: str) -> int:
    import pyarrow.parquet as pq

    sql, params = query.sql("*")
    if not store.dialect.file_based:  # PostgreSQL: rows in chunks, typed by the table's columns
        import pyarrow as pa

        schema = pa.schema(list(store.dialect.arrow_types(store.con, "events").items()))
        n = 0
        with pq.ParquetWriter(path, schema) as writer:
            chunk: list[tuple] = []
            for row in _fetch(store, sql, params):
                chunk.append(row)
                if len(chunk) == FETCH_ROWS:
                    writer.write_batch(_batch(chunk, schema))
                    n, chunk = n + len(chunk), []
            if chunk or not n:
                writer.write_batch(_batch(chunk, schema))
                n += len(chunk)
        return n
    rel = store.con.cursor().sql(sql, params=params)
    # duckdb 2.x names it to_arrow_reader; 1.x fetch_arrow_reader
    reader = (rel.to_arrow_reader(FETCH_ROWS) if hasattr(rel, "to_arrow_reader") else rel.fetch_arrow_reader(FETCH_ROWS))
    n = 0
    with pq.ParquetWriter(path, reader.schema) as writer:
        for batch in reader:
            writer.write_batch(batch)
            n += batch.num_rows
    return n


def _batch(rows: list[tuple], schema):
    import pyarrow as pa
    columns = list(zip(*rows)) if rows else [() for _ in schema.names]
    return pa.RecordBatch.from_arrays([pa.array(list(col), type=t) for col, t in zip(columns, schema.types)],
                                      schema=schema)


_TEXT_WRITERS: dict[str, Callable[[Store, EventQuery, IO[str]], int]] = {"jsonl": _jsonl, "csv": _csv, "gdelt": _gdelt}


def export_events(db_path: str | os.PathLike[str], fmt: str, out: str | os.PathLike[str],
                  query: EventQuery | None = None) -> int:
    """Write the events of the database at `db_path` (filtered by `query`) to `out` in
    `fmt` (csv, parquet, jsonl, gdelt); '-' writes text formats to standard output.
    Returns the number of events written."""
    if fmt not in FORMATS:
        raise VeilleError(E.E011, value=fmt, allowed=", ".join(FORMATS))
    query = query or EventQuery()
    out = str(out)
    with Store.open(db_path, read_only=True) as store:
        if out == "-":
            if fmt == "parquet":
                raise VeilleError(E.E503, path="-", reason="parquet is binary; give a file name with --out")
            n = _TEXT_WRITERS[fmt](store, query, sys.stdout)
            sys.stdout.flush()
            return n
        target = Path(out)
        try:
            fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent if str(target.parent) else ".")
        except OSError as exc:
            raise VeilleError(E.E503, path=out, reason=exc.strerror or str(exc)) from None
        try:
            if fmt == "parquet":
                os.close(fd)
                n = _parquet(store, query, tmp)
            else:
                with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
                    n = _TEXT_WRITERS[fmt](store, query, fh)
            os.replace(tmp, target)
        except OSError as exc:
            raise VeilleError(E.E503, path=out, reason=exc.strerror or str(exc)) from None
        finally:
            if os.path.exists(tmp):
                os.unlink(tmp)
    return n


__all__ = ["export_events", "FORMATS", "ORDER_BY"]
