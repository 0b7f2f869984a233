"""Notebook access to a veille database: `veille.open_db(path)`.

    >>> import veille
    >>> db = veille.open_db("news.duckdb")                           # doctest: +SKIP
    >>> db.events(actor="FRA", type="ACCUSE", since="2017-01-01")    # doctest: +SKIP
    >>> db.dyad("FRA", "RUS", by="month")                            # doctest: +SKIP

Everything comes back as pandas DataFrames. The database is opened read-only; close
it with `db.close()` or use `with veille.open_db(path) as db:`.
"""
from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # imported lazily: `import veille` stays light
    import pandas as pd

    from .store import Store

_DOC_COLUMNS = ("doc_id", "title", "date", "lang", "url", "source", "chars", "events")


class Database:
    """A veille database opened read-only, with DataFrame views."""

    def __init__(self, store: Store) -> None:
        self.store = store

    @property
    def path(self) -> str:
        return self.store.path

    def events(self, actor: str | None = None, recipient: str | None = None, type: str | None = None,
               since: str | None = None, until: str | None = None, limit: int | None = None,
               offset: int = 0, doc_id: str | None = None, records: bool = False) -> pd.DataFrame | list[dict]:
        """Events, oldest first, one flat column per field (`actor_key`, `evidence_text`, ...),
        as `veille events --format csv`. `records=True` gives the nested schema dicts instead."""
        import pandas as pd

        from .store.flat import FLAT_COLUMNS, flatten
        found = self.store.events(actor=actor, recipient=recipient, type=type, since=since, until=until,
                                  limit=limit, offset=offset, doc_id=doc_id)
        if records:
            return found
        return pd.DataFrame([flatten(r) for r in found], columns=list(FLAT_COLUMNS))

    def dyad(self, a: str, b: str, by: str = "month") -> pd.DataFrame:
        """Timeline of the dyad per period and direction (see `veille.analysis.dyad_timeline`)."""
        from .analysis import dyad_timeline
        return dyad_timeline(self.store, a, b, by=by)

    def plot_dyad(self, a: str, b: str, out: str | os.PathLike[str], by: str = "month") -> str:
        """Draw the dyad timeline as a PNG file; return its path."""
        from .analysis import plot_dyad
        return str(plot_dyad(self.dyad(a, b, by=by), a, b, out))

    def documents(self) -> pd.DataFrame:
        """Stored documents (without their text): id, title, date, language, URL, length, events."""
        import pandas as pd
        cur = self.store.con.execute(
            "SELECT d.doc_id, d.title, d.date, d.lang, d.url, d.source, length(d.text) AS chars, "
            "coalesce(e.n, 0) AS events FROM documents d "
            "LEFT JOIN (SELECT doc_id, count(*) AS n FROM events GROUP BY doc_id) e USING (doc_id) "
            "ORDER BY d.date NULLS LAST, d.doc_id")
        return pd.DataFrame(cur.fetchall(), columns=list(_DOC_COLUMNS))

    def document(self, doc_id: str) -> dict[str, Any] | None:
        """One document with its text and its events (schema records), or None."""
        return self.store.document(doc_id)

    def actors(self, limit: int = 20) -> pd.DataFrame:
        """Most active entities: key, events, as_actor, as_recipient, name."""
        import pandas as pd

        from .analysis import top_actors
        return pd.DataFrame(top_actors(self.store, limit=limit)["entities"],
                            columns=["key", "events", "as_actor", "as_recipient", "top_name"])

    def dyads(self, limit: int = 20) -> pd.DataFrame:
        """Most active dyads (unordered pairs): a, b, events, a_to_b, b_to_a, means."""
        import pandas as pd

        from .analysis import top_actors
        return pd.DataFrame(top_actors(self.store, limit=limit)["dyads"],
                            columns=["a", "b", "events", "a_to_b", "b_to_a", "mean_goldstein", "mean_score"])

    def search(self, query: str, limit: int = 50) -> dict[str, Any]:
        """Events (evidence text) and documents (title, text) containing `query`."""
        from .analysis import search
        return search(self.store, query, limit=limit)

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> "Database":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"<veille.Database {self.path!r} read-only>"


def open_db(path: str | os.PathLike[str]) -> Database:
    """Open a database written by `veille ingest`, read-only."""
    from .store import Store
    return Database(Store.open(path, read_only=True))
