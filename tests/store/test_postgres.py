"""The PostgreSQL backend gives what the DuckDB one gives, for the same input (fixture
`pg_url`: a new database on a throwaway local server, tests/conftest.py)."""
import json
import sys
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from helpers import make_result
from veille.errors import VeilleError
from veille.store import CURRENT_VERSION, Store
from veille.store.dialect import is_server_url, redact
from veille.store.export import export_events
from veille.store.pg import to_pyformat

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "analysis"))
from veille_testdb import build  # noqa: E402

from veille.analysis import actor_quotes, dyad_timeline_json, event_detail, search, top_actors  # noqa: E402


def _fill(target) -> None:
    with Store.open(target) as store:
        store.add_results([make_result("d1"), make_result("d2", text="Paris accuse Moscou. La Russie répond.",
                                                          url="http://x/2")],
                          rejects=[("bad.jsonl:3", "E203", "invalid JSON")])


def _without_times(doc: dict) -> dict:
    return {k: v for k, v in doc.items() if k not in ("ingested_at",)}


def test_url_detection_and_redaction():
    assert is_server_url("postgresql://u@h/db") and is_server_url("postgres://u@h/db")
    assert not is_server_url("news.duckdb") and not is_server_url("./postgresql:/x")
    assert redact("postgresql://u:secret@h:5432/db") == "postgresql://u:***@h:5432/db"
    assert redact("postgresql://u@h/db") == "postgresql://u@h/db"


def test_placeholders_become_pyformat_outside_literals():
    assert to_pyformat("SELECT '?', \"a?\" FROM t WHERE x = ? AND y LIKE '%z' ESCAPE '\\'") == \
        "SELECT '?', \"a?\" FROM t WHERE x = %s AND y LIKE '%%z' ESCAPE '\\'"


def test_same_rows_as_duckdb_and_reingest_is_a_no_op(pg_url, tmp_path):
    duck = tmp_path / "t.duckdb"
    _fill(duck)
    _fill(pg_url)
    with Store.open(duck, read_only=True) as d, Store.open(pg_url) as p:
        assert p.dialect.name == "postgresql" and p.migrations() == d.migrations()
        assert p.version() == CURRENT_VERSION
        assert p.events() == d.events() and len(p.events()) == 4
        assert p.events(actor="FRA", type="accuse", since="2017-03-01", limit=1, offset=1) == \
            d.events(actor="FRA", type="accuse", since="2017-03-01", limit=1, offset=1)
        assert _without_times(p.document("d2")) == _without_times(d.document("d2"))
        assert p.counts() == d.counts() and p.rejects() == d.rejects()
        before = p.events_fingerprint()
        assert p.add_results([make_result("d1"), make_result("d3", text="Autre texte.", url="http://x/2")],
                             rejects=[("bad.jsonl:3", "E203", "invalid JSON")]) == (0, 0)  # hash, then URL
        assert p.counts() == d.counts() and p.events_fingerprint() == before
        assert p.add_results([make_result("d4", text="Un autre texte.")]) == (1, 2)
        assert p.events_fingerprint() != before


def test_analysis_readers_answer_the_same_on_both_backends(pg_url, tmp_path):
    duck = build(tmp_path / "a.duckdb")
    build(pg_url)
    for target in (duck, pg_url):  # a second build adds nothing on either
        with Store.open(target) as store:
            assert store.add_results([]) == (0, 0)
    assert top_actors(pg_url) == top_actors(duck)
    assert actor_quotes(pg_url, "FRA") == actor_quotes(duck, "FRA") != []
    assert search(pg_url, "RUSSIE") == search(duck, "RUSSIE")
    assert search(pg_url, "russie")["events"]
    assert dyad_timeline_json(pg_url, "FRA", "RUS", "week") == dyad_timeline_json(duck, "FRA", "RUS", "week")
    first = Store.open(duck, read_only=True).events()[0]["event_id"]
    assert event_detail(pg_url, first) == event_detail(duck, first)
    import veille
    with veille.open_db(pg_url) as p, veille.open_db(duck) as d:
        assert p.documents().to_dict("records") == d.documents().to_dict("records")
        assert p.events().to_dict("records") == d.events().to_dict("records")
        assert p.dyads().to_dict("records") == d.dyads().to_dict("records")


def test_readers_cannot_write(pg_url):
    _fill(pg_url)
    with Store.open(pg_url, read_only=True) as store:
        with pytest.raises(Exception, match="read-only"):
            store.add_results([make_result("d9", text="Encore un texte.")])
    with Store.open(pg_url, read_only=True) as store:
        assert store.counts()["documents"] == 2


def test_parquet_export_matches_duckdb(pg_url, tmp_path):
    duck = build(tmp_path / "a.duckdb")
    build(pg_url)
    n_duck = export_events(duck, "parquet", tmp_path / "d.parquet")
    n_pg = export_events(pg_url, "parquet", tmp_path / "p.parquet")
    a, b = pq.read_table(tmp_path / "d.parquet"), pq.read_table(tmp_path / "p.parquet")
    assert n_pg == n_duck == a.num_rows and a.schema == b.schema
    drop = ["ingested_at"]
    assert a.drop_columns(drop).to_pylist() == b.drop_columns(drop).to_pylist()
    for fmt in ("jsonl", "gdelt", "csv"):
        export_events(duck, fmt, tmp_path / f"d.{fmt}")
        export_events(pg_url, fmt, tmp_path / f"p.{fmt}")
        if fmt != "gdelt":  # gdelt carries the time each event was added
            assert (tmp_path / f"d.{fmt}").read_text() == (tmp_path / f"p.{fmt}").read_text()


def test_errors_name_the_database_and_the_fix(pg_url, pg_cluster, monkeypatch):
    with pytest.raises(VeilleError) as err:
        Store.open(pg_url, read_only=True)  # a new database: no tables yet
    assert err.value.code.name == "E812" and "veille ingest PATH --db" in str(err.value)
    closed = pg_url.replace(f":{pg_cluster.port}/", ":1/")
    with pytest.raises(VeilleError) as err:
        Store.open(closed)
    assert err.value.code.name == "E811" and "127.0.0.1:1" in str(err.value)
    monkeypatch.setitem(sys.modules, "psycopg", None)  # as if the extra were not installed
    with pytest.raises(VeilleError) as err:
        Store.open(pg_url)
    assert err.value.code.name == "E810" and "veille[postgres]" in str(err.value)


def test_dask_engine_refuses_a_postgresql_database(pg_url, tmp_path):
    from veille.ingest.run import ingest
    from veille.settings import Settings
    (tmp_path / "a.txt").write_text("Paris accuse Moscou.", encoding="utf-8")
    with pytest.raises(VeilleError) as err:
        ingest([str(tmp_path / "a.txt")], pg_url, Settings(), engine="dask")
    assert err.value.code.name == "E813"


def test_stories_round_trip(pg_url, tmp_path):
    from veille.analysis.stories import build_stories, is_fresh, stories

    class Encoder:  # deterministic, model-free: one axis per event type
        name = "test-encoder"

        def encode(self, texts):
            import numpy as np
            return np.asarray([[1.0, 0.0] if "accuse" in t else [0.0, 1.0] for t in texts], dtype=np.float32)

    duck = build(tmp_path / "a.duckdb")
    build(pg_url)
    out = {}
    for target in (duck, pg_url):
        with Store.open(target) as store:
            build_stories(store, Encoder())
            assert is_fresh(store, encoder_name="test-encoder")
            out[target] = [json.dumps(s.to_dict(), sort_keys=True) for s in stories(store, encoder=Encoder())]
    assert out[duck] == out[pg_url] and out[duck]


def test_writers_opening_a_new_database_at_once_migrate_it_once(pg_url):
    from concurrent.futures import ThreadPoolExecutor

    def open_and_add(i: int) -> tuple:
        with Store.open(pg_url) as store:
            added = store.add_results([make_result(f"w{i}", text=f"Texte {i % 2}. La France condamne la Russie.")])
            return added, store.migrations()

    with ThreadPoolExecutor(max_workers=4) as pool:
        outcomes = list(pool.map(open_and_add, range(4)))
    with Store.open(pg_url, read_only=True) as store:
        expected = store.migrations()
        assert store.counts()["documents"] == 2  # two distinct texts, each stored once
    assert len(expected) == CURRENT_VERSION
    assert all(m == expected for _, m in outcomes)
    assert sum(docs for (docs, _), _ in outcomes) == 2
