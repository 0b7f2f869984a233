import json
from pathlib import Path

import duckdb
import jsonschema
import pytest

from helpers import make_result
from veille.errors import VeilleError
from veille.store import CURRENT_VERSION, Store

SCHEMA = json.loads((Path(__file__).parents[2] / ".." / "shared" / "spec" / "event.schema.json").resolve().read_text())


@pytest.fixture
def db(tmp_path):
    return tmp_path / "t.duckdb"


def test_round_trip_events_match_records_and_schema(db):
    res = make_result()
    with Store.open(db) as store:
        assert store.add_results([res]) == (1, 2)
        got = store.events()
    # oldest first: the month-precision event (2017-03) starts before the day one (2017-03-14)
    assert [e["event_id"] for e in got] == [res.events[1].event_id, res.events[0].event_id]
    by_id = {e["event_id"]: e for e in got}
    for ev in res.events:
        assert by_id[ev.event_id] == ev.to_dict()
        jsonschema.validate(by_id[ev.event_id], SCHEMA)


def test_flattened_columns(db):
    res = make_result()
    with Store.open(db) as store:
        store.add_results([res])
        row = store.con.execute("SELECT actor_key, actor_role, actor_code, recipient_key, location_lat, "
                                "evidence_trigger, contexts, reported_by_role FROM events ORDER BY evidence_start").fetchall()
    assert row[0] == ("FRA", "GOV", "FRAGOV", "RUS", 48.85, "condamne", [], None)
    assert row[1][6] == ["military"] and row[1][7] == "MED"


def test_filters(db):
    with Store.open(db) as store:
        store.add_results([make_result("a", date="2017-03-14"), make_result("b", text="Autre texte. Encore un.", date="2018-01-02")])
        assert len(store.events()) == 4
        assert len(store.events(type="accuse")) == 2
        assert len(store.events(actor="FRA", recipient="RUS")) == 4
        assert store.events(actor="RUS") == []
        # the month-precision event of 2017-03 overlaps 2017-03-20..
        assert {e["doc_id"] for e in store.events(since="2017-03-20", until="2017-12-31")} == {"a"}
        assert [e["doc_id"] for e in store.events(since="2017-03-15")].count("a") == 1
        assert len(store.events(limit=3)) == 3
        assert len(store.events(limit=3, offset=2)) == 2
        with pytest.raises(VeilleError, match="E012"):
            store.events(type="NOPE")
        with pytest.raises(VeilleError, match="E002"):
            store.events(since="2017-13-01")


def test_document_and_counts(db):
    with Store.open(db) as store:
        store.add_results([make_result(url="http://x/1")])
        doc = store.document("d1")
        assert doc["title"] == "Titre" and doc["url"] == "http://x/1" and len(doc["events"]) == 2
        assert store.document("nope") is None
        assert store.counts() == {"documents": 1, "events": 2, "quotes": 1, "timexes": 1, "rejects": 0, "runs": 0}


def test_dedup_by_hash_and_url(db):
    with Store.open(db) as store:
        store.add_results([make_result("a", url="http://x/1")])
        # same text with other white space and case: same document
        assert store.add_results([make_result("b", text="la france  condamne la russie.\nParis accuse Moscou.")]) == (0, 0)
        # same URL, updated text: not stored again
        assert store.add_results([make_result("c", text="Nouveau texte.", url="http://x/1")]) == (0, 0)
        # same input twice in one batch
        assert store.add_results([make_result("d", text="Un."), make_result("d", text="Un.")]) == (1, 2)
        assert store.counts()["documents"] == 2


def test_rejects_recorded_once(db):
    with Store.open(db) as store:
        store.add_results([], rejects=[("f.jsonl:3", "E203", "bad json")])
        store.add_reject("f.jsonl:3", "E203", "bad json")
        store.add_reject("g.txt", "E201", "empty")
        assert store.rejects() == [
            {"source": "f.jsonl", "line": 3, "code": "E203", "message": "bad json"},
            {"source": "g.txt", "line": None, "code": "E201", "message": "empty"}]


def test_runs(db):
    with Store.open(db) as store:
        run = store.start_run(["corpus.jsonl"])
        store.add_results([make_result()], run_id=run, duplicates=1)
        store.finish_run(run)
        (r,) = store.runs()
    assert (r["documents"], r["events"], r["duplicates"], r["status"]) == (1, 2, 1, "finished")


def test_migrations_from_version_0(db):
    duckdb.connect(str(db)).close()  # an empty database: version 0
    with Store.open(db) as store:
        assert store.version() == CURRENT_VERSION
        assert [v for v, _ in store.migrations()] == list(range(1, CURRENT_VERSION + 1))


def test_migration_from_version_1(db):
    from veille.store.schema import MIGRATIONS, VERSION_TABLE
    con = duckdb.connect(str(db))
    con.execute(VERSION_TABLE)
    for sql in MIGRATIONS[0].statements:
        con.execute(sql)
    con.execute("INSERT INTO schema_version VALUES (1, 'initial_tables', now())")
    con.close()
    with Store.open(db) as store:
        assert store.version() == CURRENT_VERSION
        assert store.migrations()[-1] == (MIGRATIONS[-1].version, MIGRATIONS[-1].name)


def test_too_new_database_refused(db):
    Store.open(db).close()
    con = duckdb.connect(str(db))
    con.execute("INSERT INTO schema_version VALUES (?, 'from_the_future', now())", [CURRENT_VERSION + 1])
    con.close()
    with pytest.raises(VeilleError, match="E009"):
        Store.open(db)
    with pytest.raises(VeilleError, match="E009"):
        Store.open(db, read_only=True)


def test_read_only_missing_and_old(db, tmp_path):
    with pytest.raises(VeilleError, match="E008"):
        Store.open(tmp_path / "missing.duckdb", read_only=True)
    duckdb.connect(str(db)).close()
    with pytest.raises(VeilleError, match="E500"):
        Store.open(db, read_only=True)


def test_second_writer_gets_e010(db):
    import subprocess
    import sys
    Store.open(db).close()
    holder = subprocess.Popen([sys.executable, "-c",
                               "import sys, duckdb; c = duckdb.connect(sys.argv[1]); print('ready', flush=True); sys.stdin.read()",
                               str(db)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "ready"
        with pytest.raises(VeilleError, match="E010") as err:
            Store.open(db)
        assert "lock" in str(err.value)
    finally:
        holder.stdin.close()
        holder.wait()
    with Store.open(db) as store:  # intact afterwards
        assert store.version() == CURRENT_VERSION


def test_not_a_database(tmp_path):
    bad = tmp_path / "bad.duckdb"
    bad.write_text("hello")
    with pytest.raises(VeilleError, match="E502"):
        Store.open(bad)
