"""`ReadSource`: read-only `Store`s for a long-lived reader that serves many requests at
once (the API), over a DuckDB file or a PostgreSQL database.

DuckDB: one read-only connection, a cursor of it per request. When a writer held the file
at start, that connection is on the writer's published snapshot (`store/snapshot.py`);
each request then first compares the snapshot file's identity (inode, modification time,
size: one `stat`) with the one it opened and, when the writer has published a newer one,
moves to it (opened in a DuckDB instance of its own: `snapshot.open_fresh_snapshot`).
Requests already running finish on the old connection, which is closed when the last of
them ends. A server that opened the database file itself (no writer at
start) keeps it: DuckDB lets no writer in meanwhile.

PostgreSQL: a pool of read-only connections (`serve.db_connections`); each request borrows
one and sees every batch committed so far (MVCC), so there is no snapshot to follow.
"""
from __future__ import annotations

import logging
import os
import threading
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Iterator

from .db import Store
from .dialect import POSTGRES, is_server_url

log = logging.getLogger(__name__)


def _identity(path: os.PathLike[str] | str) -> tuple[int, int, int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_ino, st.st_mtime_ns, st.st_size


@dataclass
class _Generation:
    """One opened DuckDB connection and the requests using it."""
    store: Store
    identity: tuple[int, int, int] | None
    attached: bool = False  # opened by open_fresh_snapshot: cursors must USE its catalog
    users: int = 0
    retired: bool = False


class ReadSource:
    """Hands out read-only Stores (`with source.store() as db: ...`), thread-safe. Opening
    raises what `Store.open(target, read_only=True)` raises (E008, E010, E500, E811...)."""

    def __init__(self, target: str | os.PathLike[str], connections: int = 8) -> None:
        self.target = str(target)
        self._lock = threading.Lock()
        self._pool: Any = None
        self._current: _Generation | None = None
        if is_server_url(self.target):
            Store.open(self.target, read_only=True).close()  # checks the schema (E812, E009, E500) at once
            from .pg import open_pool
            self._pool = open_pool(self.target, connections)
        else:
            self._current = self._open_file()

    def _open_file(self) -> _Generation:
        store = Store.open(self.target, read_only=True)
        identity = _identity(store.path) if store.snapshot_of else None
        return _Generation(store, identity)

    @property
    def snapshot(self) -> str | None:
        """The snapshot file being read (a writer holds the database), or None."""
        current = self._current
        return current.store.path if current is not None and current.store.snapshot_of else None

    def _follow(self) -> _Generation:
        """The current generation, first moving to a newer published snapshot if any. Under the lock."""
        current = self._current
        assert current is not None
        if not current.store.snapshot_of:
            return current
        from .snapshot import open_fresh_snapshot, snapshot_path
        path = snapshot_path(current.store.snapshot_of)
        now = _identity(path)
        if now is None or now == current.identity:
            return current
        fresh = open_fresh_snapshot(current.store.snapshot_of)
        if fresh is None:  # unreadable: keep serving the one we have
            return current
        log.info("reading the newer snapshot %s", path)
        self._current = _Generation(fresh, now, attached=True)
        self._retire(current)
        return self._current

    def _retire(self, generation: _Generation) -> None:
        generation.retired = True
        if generation.users == 0:
            generation.store.close()

    @contextmanager
    def store(self) -> Iterator[Store]:
        """A read-only Store for one request (or any short unit of work)."""
        if self._pool is not None:
            with self._pool.connection() as raw:
                from .pg import PgConnection
                yield Store(PgConnection(raw), self.target, True, POSTGRES)
            return
        with self._lock:
            generation = self._follow()
            generation.users += 1
            cursor = generation.store.con.cursor()
        try:
            if generation.attached:
                from .snapshot import ATTACHED
                cursor.execute(f"USE {ATTACHED}")
            yield Store(cursor, generation.store.path, True, generation.store.dialect)
        finally:
            cursor.close()
            with self._lock:
                generation.users -= 1
                if generation.retired and generation.users == 0:
                    generation.store.close()

    def close(self) -> None:
        if self._pool is not None:
            self._pool.close()
        with self._lock:
            if self._current is not None:
                self._retire(self._current)
