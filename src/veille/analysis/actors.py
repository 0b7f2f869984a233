"""Most active entities and dyads, and what an entity's speakers said (quotes)."""
from __future__ import annotations

import json
from typing import Any

from ._open import StoreOrPath, opened, rows

_ENTITIES = """
WITH mentions AS (
    SELECT actor_key AS key, actor_name AS name, actor_text AS text, 1 AS as_actor, 0 AS as_recipient
    FROM events WHERE actor_key IS NOT NULL
    UNION ALL
    SELECT recipient_key, recipient_name, recipient_text, 0, 1
    FROM events WHERE recipient_key IS NOT NULL
)
SELECT key, count(*) AS events, sum(as_actor) AS as_actor, sum(as_recipient) AS as_recipient,
       coalesce({mode_name}, {mode_text}) AS top_name
FROM mentions GROUP BY key ORDER BY events DESC, key LIMIT ?"""

_DYADS = """
SELECT least(actor_key, recipient_key) AS a, greatest(actor_key, recipient_key) AS b, count(*) AS events,
       sum(CASE WHEN actor_key = least(actor_key, recipient_key) THEN 1 ELSE 0 END) AS a_to_b,
       sum(CASE WHEN actor_key = greatest(actor_key, recipient_key) THEN 1 ELSE 0 END) AS b_to_a,
       avg(goldstein) AS mean_goldstein, avg(score) AS mean_score
FROM events WHERE actor_key IS NOT NULL AND recipient_key IS NOT NULL AND actor_key <> recipient_key
GROUP BY 1, 2 ORDER BY events DESC, a, b LIMIT ?"""


def top_actors(store_or_path: StoreOrPath, limit: int = 20) -> dict[str, list[dict[str, Any]]]:
    """{"entities": [...], "dyads": [...]}, most events first. Entities count events as
    actor or recipient; `top_name` is the most frequent canonical name (else mention)
    among its events, e.g. the head of state for a country key. Dyads are unordered
    pairs (a < b) with counts in each direction."""
    with opened(store_or_path) as store:
        sql = _ENTITIES.format(mode_name=store.dialect.mode("name"), mode_text=store.dialect.mode("text"))
        entities = rows(store, sql, [int(limit)])
        dyads = rows(store, _DYADS, [int(limit)])
    for d in dyads:
        for k in ("mean_goldstein", "mean_score"):
            d[k] = None if d[k] is None else round(float(d[k]), 3)
    for e in entities:
        for k in ("events", "as_actor", "as_recipient"):
            e[k] = int(e[k])
    for d in dyads:
        for k in ("events", "a_to_b", "b_to_a"):
            d[k] = int(d[k])
    return {"entities": entities, "dyads": dyads}


_QUOTES = """SELECT q.record, d.title, d.date FROM quotes q LEFT JOIN documents d USING (doc_id)
WHERE q.speaker_key = ? OR {contains} ORDER BY d.date NULLS LAST, q.doc_id, q.seq
LIMIT ? OFFSET ?"""


def actor_quotes(store_or_path: StoreOrPath, key: str, limit: int = 100, offset: int = 0) -> list[dict[str, Any]]:
    """Quotes whose speaker resolves to `key` (the speaker's own key, or one of the keys
    it stands for), each with its document's title and date; [] when there are none."""
    with opened(store_or_path) as store:
        sql = _QUOTES.format(contains=store.dialect.list_contains("q.speaker_keys"))
        found = rows(store, sql, [key, key, int(limit), int(offset)])
    out = []
    for r in found:
        quote = json.loads(r["record"])
        quote["document"] = {"title": r["title"], "date": r["date"]}
        out.append(quote)
    return out
