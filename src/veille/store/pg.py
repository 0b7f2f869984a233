"""PostgreSQL connections for `Store` (psycopg 3, the optional extra `veille[postgres]`).

`PgConnection` gives a psycopg connection the few methods `Store` and the readers call
on a DuckDB connection (`execute` with `?` placeholders, `begin`/`commit`/`rollback`,
`cursor`, `close`), so the same SQL runs on both. Connections are in autocommit mode
outside the explicit transactions `Store` opens, as DuckDB's are. Read-only stores open
sessions whose transactions are read-only (`default_transaction_read_only`): a reader
cannot write even by mistake.

`open_pool` gives the API a pool of such read-only connections: each request borrows one,
and PostgreSQL's MVCC shows it the batches committed so far, without a snapshot file.
"""
from __future__ import annotations

import logging
from typing import Any, Iterator, Sequence

from ..errors import E, VeilleError
from .dialect import redact

log = logging.getLogger(__name__)

READ_ONLY_OPTIONS = "-c default_transaction_read_only=on"
_IDLE = 0  # psycopg.pq.TransactionStatus.IDLE: no transaction open on the connection


def _psycopg(target: str):
    try:
        import psycopg
    except ImportError as exc:
        raise VeilleError(E.E810, url=redact(target), reason=str(exc)) from None
    return psycopg


def to_pyformat(sql: str) -> str:
    """`?` placeholders (outside quoted literals and names) as psycopg's `%s`; a literal `%`
    becomes `%%`."""
    out: list[str] = []
    quote = ""
    for ch in sql:
        if quote:
            if ch == quote:
                quote = ""
        elif ch in "'\"":
            quote = ch
        elif ch == "?":
            out.append("%s")
            continue
        out.append("%%" if ch == "%" else ch)
    return "".join(out)


class PgConnection:
    """A psycopg connection with the DuckDB-connection methods `Store` uses."""

    def __init__(self, raw: Any) -> None:
        self.raw = raw
        self._sql: dict[str, str] = {}  # translated statements (a handful of distinct texts)

    def _translate(self, sql: str) -> str:
        found = self._sql.get(sql)
        if found is None:
            found = self._sql[sql] = to_pyformat(sql)
        return found

    def execute(self, sql: str, params: Sequence[Any] | None = None) -> Any:
        cur = self.raw.cursor()
        cur.execute(self._translate(sql), list(params or ()))
        return cur

    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        """Run `sql` for each row, in one transaction (the caller's, or one of its own)."""
        own = self.raw.info.transaction_status == _IDLE
        if own:
            self.begin()
        try:
            with self.raw.cursor() as cur:
                cur.executemany(self._translate(sql), rows)
            if own:
                self.commit()
        except BaseException:
            if own:
                self.rollback()
            raise

    def stream(self, sql: str, params: Sequence[Any], size: int) -> Iterator[tuple]:
        """Rows of a query through a server-side cursor, `size` at a time: memory stays flat
        however large the result (exports). Runs in a read-only transaction of its own."""
        with self.raw.transaction():
            with self.raw.cursor(name="veille_stream") as cur:
                cur.execute(self._translate(sql), list(params))
                while True:
                    rows = cur.fetchmany(size)
                    if not rows:
                        return
                    yield from rows

    def cursor(self) -> "PgConnection":
        # psycopg cursors of one connection share its session: the connection stands for them
        return self

    def begin(self) -> None:
        self.raw.execute("BEGIN")

    def commit(self) -> None:
        self.raw.execute("COMMIT")

    def rollback(self) -> None:
        if not self.raw.closed:
            self.raw.execute("ROLLBACK")

    def close(self) -> None:
        self.raw.close()


def _connect_kwargs(read_only: bool) -> dict[str, Any]:
    kwargs: dict[str, Any] = {"autocommit": True, "application_name": "veille"}
    if read_only:
        kwargs["options"] = READ_ONLY_OPTIONS
    return kwargs


def connect(url: str, read_only: bool) -> PgConnection:
    """One connection to the database at `url`. Raises E810 without psycopg, E811 if the
    server cannot be reached or refuses."""
    psycopg = _psycopg(url)
    try:
        raw = psycopg.connect(url, connect_timeout=10, **_connect_kwargs(read_only))
    except psycopg.Error as exc:
        raise VeilleError(E.E811, url=redact(url), reason=_first_line(exc)) from None
    return PgConnection(raw)


def open_pool(url: str, size: int) -> Any:
    """A psycopg_pool.ConnectionPool of up to `size` read-only connections to `url`, opened
    (one connection is made at once, so a wrong URL fails here: E811)."""
    psycopg = _psycopg(url)
    try:
        from psycopg_pool import ConnectionPool
    except ImportError as exc:
        raise VeilleError(E.E810, url=redact(url), reason=str(exc)) from None
    pool = ConnectionPool(url, min_size=1, max_size=max(1, size), kwargs=_connect_kwargs(True), open=False,
                          name="veille-readers")
    try:
        pool.open(wait=True, timeout=15)
    except (psycopg.Error, Exception) as exc:  # PoolTimeout when the server refuses every attempt
        pool.close()
        raise VeilleError(E.E811, url=redact(url), reason=_first_line(exc)) from None
    return pool


def _first_line(exc: Exception) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__
