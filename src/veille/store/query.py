"""Event filters as parameterised SQL. Used by `Store.events` and by exports."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from ..errors import E, VeilleError
from ..ontology.model import PLOVER_TYPES

ORDER_BY = "ORDER BY date_first NULLS LAST, doc_id, evidence_start, event_id"


def _iso(value: str | dt.date | None) -> dt.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise VeilleError(E.E002, value=value) from None


@dataclass(frozen=True)
class EventQuery:
    """Filters on stored events. `since`/`until` keep events whose period overlaps the
    range: an event dated '2017-03' (a month) matches since=2017-03-15."""
    actor: str | None = None
    recipient: str | None = None
    type: str | None = None
    since: str | dt.date | None = None
    until: str | dt.date | None = None
    limit: int | None = None
    offset: int = 0
    doc_id: str | None = None

    def where(self) -> tuple[str, list[Any]]:
        clauses: list[str] = []
        params: list[Any] = []
        if self.actor:
            clauses.append("actor_key = ?")
            params.append(self.actor)
        if self.recipient:
            clauses.append("recipient_key = ?")
            params.append(self.recipient)
        if self.type:
            kind = self.type.upper()
            if kind not in PLOVER_TYPES:
                raise VeilleError(E.E012, value=self.type, allowed=", ".join(PLOVER_TYPES))
            clauses.append("type = ?")
            params.append(kind)
        since, until = _iso(self.since), _iso(self.until)
        if since:
            clauses.append("date_last >= ?")
            params.append(since)
        if until:
            clauses.append("date_first <= ?")
            params.append(until)
        if self.doc_id:
            clauses.append("doc_id = ?")
            params.append(self.doc_id)
        return (" WHERE " + " AND ".join(clauses)) if clauses else "", params

    def sql(self, columns: str) -> tuple[str, list[Any]]:
        """`SELECT columns FROM events` with the filters, the stable order, limit and offset.
        `columns` must be a constant chosen by the caller, never user input."""
        where, params = self.where()
        sql = f"SELECT {columns} FROM events{where} {ORDER_BY}"
        if self.limit is not None:
            sql += " LIMIT ?"
            params.append(int(self.limit))
        if self.offset:
            sql += " OFFSET ?"
            params.append(int(self.offset))
        return sql, params
