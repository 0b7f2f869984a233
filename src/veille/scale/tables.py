"""A shard's results as Parquet files, with the columns and types of the database tables.

The Arrow schemas are read from the store's own migrations (applied to an in-memory
DuckDB), so the Parquet files and the tables they are loaded into cannot drift apart.
Rows are made by `veille.store.rows`, the functions the local engine stores with.
"""
from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import uuid
from dataclasses import asdict, dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable

import pyarrow as pa
import pyarrow.parquet as pq

from ..errors import DocumentRejected
from ..records import DocumentResult
from ..store import rows

RESULT_TABLES = ("documents", "events", "quotes", "timexes")
REJECTS = "rejects"
DONE_MARKER = "_SUCCESS.json"

REJECT_SCHEMA = pa.schema([("source", pa.string()), ("line", pa.int32()), ("code", pa.string()),
                           ("message", pa.string()), ("fields", pa.string())])


@lru_cache(maxsize=1)
def table_schemas() -> dict[str, pa.Schema]:
    """Arrow schema of each result table, as the current migrations create it."""
    import duckdb

    from ..store.schema import MIGRATIONS
    con = duckdb.connect(":memory:")
    try:
        for migration in MIGRATIONS:
            for sql in migration.statements:
                con.execute(sql)
        return {t: con.sql(f"SELECT * FROM {t} LIMIT 0").to_arrow_table().schema for t in RESULT_TABLES}
    finally:
        con.close()


@dataclass(frozen=True)
class ShardSummary:
    """What a worker reports for a shard (small: the results themselves stay in Parquet)."""
    shard_id: str
    output: str  # directory holding the Parquet files
    documents: int
    events: int
    rejects: int
    seconds: float
    worker: str
    rss_mib: float = 0.0  # the worker process's resident memory after the shard
    reused: bool = False
    cpu_seconds: float = 0.0  # CPU time of the worker process during the task (less sensitive to other load);
    # kept to the microsecond: a small shard can take under a millisecond

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def result_rows(results: Iterable[DocumentResult]) -> dict[str, list[dict[str, Any]]]:
    """Rows per table, as `Store.add_results` makes them; `ingested_at`, `run_id` and
    `provenance` are set by the driver when it loads them."""
    placeholder = dt.datetime(1970, 1, 1)
    out: dict[str, list[dict[str, Any]]] = {t: [] for t in RESULT_TABLES}
    for res in results:
        seen: set[str] = set()  # per document, as before: the driver's load dedups across shards
        for table, made in rows.result_rows(res, placeholder, None, None, seen).items():
            out[table].extend(made)
    return out


def reject_rows(rejects: Iterable[DocumentRejected]) -> list[dict[str, Any]]:
    out = []
    for err in rejects:
        source, line = rows.split_where(str(err.fields.get("where", "?")))
        out.append({"source": source, "line": line, "code": err.code.name, "message": err.message,
                    "fields": json.dumps(err.fields, ensure_ascii=False, default=str)})
    return out


def write_output(final_dir: str | os.PathLike[str], results: list[DocumentResult],
                 rejects: list[DocumentRejected], summary: dict[str, Any]) -> None:
    """Write the Parquet files and the done marker into a fresh directory, then rename it
    to `final_dir`: a reader sees a complete output or none. If another attempt at the same
    shard got there first, its output is kept and this one dropped."""
    final = Path(final_dir)
    final.parent.mkdir(parents=True, exist_ok=True)
    tmp = final.parent / f".{final.name}.{uuid.uuid4().hex[:8]}.tmp"
    tmp.mkdir()
    try:
        schemas = table_schemas()
        for table, data in result_rows(results).items():
            schema = schemas[table]
            arrow = pa.Table.from_pylist([{c: r.get(c) for c in schema.names} for r in data], schema=schema)
            pq.write_table(arrow, tmp / f"{table}.parquet")
        pq.write_table(pa.Table.from_pylist(reject_rows(rejects), schema=REJECT_SCHEMA), tmp / f"{REJECTS}.parquet")
        (tmp / DONE_MARKER).write_text(json.dumps(summary), encoding="utf-8")
        try:
            os.rename(tmp, final)
        except OSError:
            if not (final / DONE_MARKER).exists():
                raise
            shutil.rmtree(tmp, ignore_errors=True)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


def read_marker(output: str | os.PathLike[str]) -> dict[str, Any] | None:
    """The summary of a complete output directory, or None if it is missing or incomplete."""
    try:
        return json.loads((Path(output) / DONE_MARKER).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
