"""veille's database (a DuckDB file, or PostgreSQL: `dialect`, `pg`): schema and migrations,
writes, queries, exports, read snapshots and readers for the API."""
from .db import Store
from .query import EventQuery
from .schema import CURRENT_VERSION

__all__ = ["Store", "EventQuery", "CURRENT_VERSION"]
