"""Accept either an open `Store` or a database path, everywhere in analysis."""
from __future__ import annotations

import os
from contextlib import contextmanager
from typing import Iterator, Union

from ..store import Store

StoreOrPath = Union[Store, str, "os.PathLike[str]"]


@contextmanager
def opened(store_or_path: StoreOrPath) -> Iterator[Store]:
    """Yield a Store: the one given (left open), or the path opened read-only (closed after)."""
    if isinstance(store_or_path, Store):
        yield store_or_path
        return
    store = Store.open(store_or_path, read_only=True)
    try:
        yield store
    finally:
        store.close()


def rows(store: Store, sql: str, params: list) -> list[dict]:
    """Run parameterised SQL; rows as dicts, fetched to the end."""
    cur = store.con.execute(sql, params)
    found = cur.fetchall()
    names = [d[0] for d in cur.description]
    return [dict(zip(names, r)) for r in found]
