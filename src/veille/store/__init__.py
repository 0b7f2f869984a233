"""veille's database (DuckDB): schema and migrations, writes, queries, exports."""
from .db import Store
from .query import EventQuery
from .schema import CURRENT_VERSION

__all__ = ["Store", "EventQuery", "CURRENT_VERSION"]
