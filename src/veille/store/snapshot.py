"""Published read snapshots: reading a database while `veille ingest` writes it.

DuckDB lets one process open a file for writing, and then no other process can open it,
not even read-only. So the writer publishes a snapshot: after every
`ingest.snapshot_every` committed batches (and when a run starts and finishes) it
checkpoints the database and copies the file to `<db>.snapshot` (a temporary file in the
same folder, then `os.replace`, so a reader sees the old snapshot or the new one, never
half of one). `Store.open(path, read_only=True)` falls back to that snapshot when the main
file is locked, with a warning that says so; `veille events`, `veille export`, the
analysis functions and the API all open databases that way.

A snapshot holds whole committed batches only, as of its publication: it lags the
writer by at most `snapshot_every` batches.

The copy is made by a child process. DuckDB's lock is a POSIX record lock, which a process
loses as soon as it closes *any* descriptor of the file: copying the file from the writer
itself would silently unlock the database for other writers.
"""
from __future__ import annotations

import datetime as dt
import logging
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .db import Store

log = logging.getLogger(__name__)

SUFFIX = ".snapshot"
# run by a child process: copy argv[1] to argv[2] and flush it to disk
_COPY = ("import os, shutil, sys\n"
         "with open(sys.argv[1], 'rb') as src, open(sys.argv[2], 'wb') as out:\n"
         "    shutil.copyfileobj(src, out, 1 << 20)\n"
         "    out.flush()\n"
         "    os.fsync(out.fileno())\n")


def snapshot_path(db_path: str | os.PathLike[str]) -> Path:
    """Where the snapshot of `db_path` is published: `<db_path>.snapshot`."""
    return Path(str(db_path) + SUFFIX)


def _replace(tmp: str, target: Path) -> None:  # one name, so that tests can stop a run right here
    os.replace(tmp, target)


def publish(store: "Store") -> Path:
    """Checkpoint `store` (open for writing, no transaction pending) and atomically publish a
    copy of its file as `<db>.snapshot`. Returns the snapshot path."""
    store.con.execute("CHECKPOINT")
    source = Path(store.path)
    target = snapshot_path(source)
    for stale in target.parent.glob(f".{target.name}.*.tmp"):  # left by a writer killed mid-copy
        stale.unlink(missing_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.close(fd)
    try:
        done = subprocess.run([sys.executable, "-c", _COPY, str(source), tmp], capture_output=True, text=True)
        if done.returncode != 0:
            raise OSError(f"could not copy {source} to {tmp}: {done.stderr.strip().splitlines()[-1:]}")
        _replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    log.debug("published snapshot %s", target)
    return target


def try_publish(store: "Store") -> Path | None:
    """`publish`, but a failure (disk full, unwritable folder) is logged, not raised: the
    writer's committed work does not depend on its snapshot."""
    try:
        return publish(store)
    except Exception as exc:  # noqa: BLE001 - KeyboardInterrupt and SystemExit still propagate
        log.warning("could not publish the read snapshot of %s: %s; readers will see the previous one",
                    store.path, exc)
        return None


def remove(db_path: str | os.PathLike[str]) -> None:
    """Delete the snapshot of `db_path`, if any."""
    snapshot_path(db_path).unlink(missing_ok=True)


ATTACHED = "veille_snapshot"  # catalog name of a snapshot opened by `open_fresh_snapshot`


def open_fresh_snapshot(db_path: str) -> "Store | None":
    """The current snapshot of `db_path`, read-only, in a DuckDB instance of its own, or None.

    DuckDB keeps one instance per file path in a process: connecting again to a path that is
    still open returns the old instance, i.e. the snapshot file as it was before it was
    replaced. This attaches the file to a new in-memory instance instead, under the catalog
    `ATTACHED`; cursors of its connection must run `USE veille_snapshot` first."""
    import duckdb

    from .db import Store

    target = snapshot_path(db_path)
    con = duckdb.connect(":memory:")
    try:
        con.execute(f"ATTACH ? AS {ATTACHED} (READ_ONLY)", [str(target)])
        con.execute(f"USE {ATTACHED}")
        store = Store(con, str(target), True)
        store.snapshot_of = db_path
        store._migrate()  # read-only: only checks the schema version
    except duckdb.Error as exc:
        con.close()
        log.info("snapshot %s cannot be opened (%s); keeping the one in use", target, str(exc).splitlines()[0])
        return None
    except BaseException:
        con.close()
        raise
    return store


def open_snapshot(db_path: str, reason: str) -> "Store | None":
    """The published snapshot of `db_path`, opened read-only, or None if there is none.
    Called by `Store.open` when `db_path` is locked by a writer."""
    import duckdb

    from .db import Store

    target = snapshot_path(db_path)
    if not target.exists():
        return None
    try:
        con = duckdb.connect(str(target), read_only=True)
    except duckdb.Error as exc:
        log.warning("database %s is locked and its snapshot %s cannot be opened: %s", db_path, target,
                    str(exc).splitlines()[0])
        return None
    published = dt.datetime.fromtimestamp(target.stat().st_mtime).isoformat(timespec="seconds")
    log.warning("database %s is locked by a writer (%s); reading its snapshot %s, published %s",
                db_path, reason, target, published)
    store = Store(con, str(target), True)
    store.snapshot_of = db_path
    try:
        store._migrate()  # read-only: only checks the schema version
    except BaseException:
        con.close()
        raise
    return store
