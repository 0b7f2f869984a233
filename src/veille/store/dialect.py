"""The SQL that differs between veille's two database backends: DuckDB (a file, the
default) and PostgreSQL (a server, `--db postgresql://USER@HOST/DBNAME`).

Everything else is written once, in the SQL both understand, with `?` placeholders
(the PostgreSQL connection, `veille.store.pg`, turns them into psycopg's `%s`). A
dialect supplies: column types in migrations (`ddl`), idempotent inserts
(`insert_ignore`), the few functions that are spelled differently, how writers
serialise (`lock_writes`), and the Arrow types of its columns (Parquet export).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import pyarrow as pa

SERVER_SCHEMES = ("postgresql://", "postgres://")

# one advisory lock key for every veille writer of a PostgreSQL database ("veille" in ASCII)
WRITE_LOCK_KEY = 0x7665696C6C65


def is_server_url(target: object) -> bool:
    """True if `target` names a PostgreSQL database (postgresql://... or postgres://...)."""
    return isinstance(target, str) and target.lower().startswith(SERVER_SCHEMES)


def redact(target: str) -> str:
    """`target` with the password of a URL replaced by '***' (for messages and logs)."""
    return re.sub(r"^([a-z]+://[^:/@]*):[^@/]*@", r"\1:***@", target, flags=re.IGNORECASE)


_ARROW = {"VARCHAR": pa.string(), "INTEGER": pa.int32(), "DOUBLE": pa.float64(), "BOOLEAN": pa.bool_(),
          "TIMESTAMP": pa.timestamp("us"), "DATE": pa.date32(), "VARCHAR[]": pa.list_(pa.string()),
          "FLOAT[]": pa.list_(pa.float32())}


def _values_clause(table: str, columns: list[str]) -> str:
    """`table ("a", "b") VALUES (?, ?)`: `table` and `columns` are internal names, never user input."""
    cols = ", ".join(f'"{c}"' for c in columns)
    return f"{table} ({cols}) VALUES ({', '.join('?' for _ in columns)})"


def _column_types(con: Any, table: str, type_column: str) -> list[tuple[str, str]]:
    """(column name, `type_column` of information_schema.columns) of `table`, in column order;
    `type_column` is an internal name ('data_type' or 'udt_name')."""
    return con.execute(f"SELECT column_name, {type_column} FROM information_schema.columns "
                       "WHERE table_name = ? AND table_catalog = current_database() "
                       "AND table_schema = current_schema() ORDER BY ordinal_position", [table]).fetchall()


@dataclass(frozen=True)
class Dialect:
    """DuckDB's SQL; `PostgresDialect` overrides what PostgreSQL spells differently."""
    name: str = "duckdb"
    file_based: bool = True  # one file: a single writer process, read snapshots (store/snapshot.py)

    def ddl(self, sql: str) -> str:
        """A migration statement (written for DuckDB) in this dialect."""
        return sql

    def insert_ignore(self, table: str, columns: list[str]) -> str:
        """INSERT of one row of `columns` into `table` that skips rows whose key exists.
        `table` and `columns` are internal names, never user input."""
        return f"INSERT OR IGNORE INTO {_values_clause(table, columns)}"

    def list_contains(self, column: str) -> str:
        """Condition: the list `column` contains the (one) parameter."""
        return f"list_contains({column}, ?)"

    def mode(self, column: str) -> str:
        """The most frequent non-null value of `column` (an aggregate)."""
        return f"mode({column})"

    def hash_xor(self, column: str) -> str:
        """An order-independent 64-bit digest of all values of `column` (an aggregate)."""
        return f"coalesce(bit_xor(hash({column})), 0)"

    def ilike(self, column: str) -> str:
        """Case-insensitive LIKE of `column` against the (one) parameter, '\\' escaping."""
        return f"{column} ILIKE ? ESCAPE '\\'"

    def lock_writes(self, con: Any) -> None:
        """Inside a write transaction: wait until no other writer is in one (PostgreSQL);
        DuckDB needs nothing, its file has one writing process."""

    def arrow_types(self, con: Any, table: str) -> dict[str, pa.DataType]:
        """Column name -> Arrow type of `table`, in column order."""
        return {c: _ARROW[t] for c, t in _column_types(con, table, "data_type")}


_PG_TYPES = ((re.compile(r"\bVARCHAR\[\]"), "TEXT[]"), (re.compile(r"\bFLOAT\[\]"), "REAL[]"),
             # C collation: identifiers sort by code point, as in DuckDB, whatever the server's locale
             (re.compile(r"\bVARCHAR\b"), 'TEXT COLLATE "C"'), (re.compile(r"\bDOUBLE\b"), "DOUBLE PRECISION"))

_PG_ARROW = {"text": pa.string(), "int4": pa.int32(), "int8": pa.int64(), "float8": pa.float64(),
             "bool": pa.bool_(), "timestamp": pa.timestamp("us"), "date": pa.date32(),
             "_text": pa.list_(pa.string()), "_float4": pa.list_(pa.float32())}


@dataclass(frozen=True)
class PostgresDialect(Dialect):
    name: str = "postgresql"
    file_based: bool = False  # MVCC: many writers (serialised per batch) and readers at once

    def ddl(self, sql: str) -> str:
        for pattern, replacement in _PG_TYPES:
            sql = pattern.sub(replacement, sql)
        return sql

    def insert_ignore(self, table: str, columns: list[str]) -> str:
        return f"INSERT INTO {_values_clause(table, columns)} ON CONFLICT DO NOTHING"

    def list_contains(self, column: str) -> str:
        return f"? = ANY({column})"

    def mode(self, column: str) -> str:
        return f"mode() WITHIN GROUP (ORDER BY {column})"

    def hash_xor(self, column: str) -> str:
        return f"coalesce(bit_xor(('x' || substr(md5({column}), 1, 16))::bit(64)::bigint), 0)"

    def ilike(self, column: str) -> str:
        # the database's own locale folds case (columns sort with "C", which folds ASCII only)
        return f"{column} COLLATE \"default\" ILIKE ? ESCAPE '\\'"

    def lock_writes(self, con: Any) -> None:
        con.execute("SELECT pg_advisory_xact_lock(?)", [WRITE_LOCK_KEY])

    def arrow_types(self, con: Any, table: str) -> dict[str, pa.DataType]:
        return {c: _PG_ARROW[t] for c, t in _column_types(con, table, "udt_name")}


DUCKDB = Dialect()
POSTGRES = PostgresDialect()
