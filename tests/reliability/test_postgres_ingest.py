"""`veille ingest` into PostgreSQL (fixture `pg_url`): the same database as DuckDB for the
same input, re-ingest adds nothing, two ingests at once neither corrupt nor double
anything, and readers (the CLI, the API) see whole committed batches while a writer is
in the middle of one. The runs use the real command line in subprocesses with a
model-free extractor (ingest_driver.py), paused at chosen points."""
from __future__ import annotations

import json
import signal
import time

import pytest
from fastapi.testclient import TestClient

from reliability_helpers import NoModelExtractor
from test_kill_resume import assert_whole_documents, driver, state, wait_paused
from veille.api import create_app
from veille.cli.main import main
from veille.ingest.run import ingest
from veille.settings import load_settings

CONFIG = "[ingest]\nbatch_size = 3\ncommit_every = 4\n"


def _lines(ids: range) -> list[str]:
    return [json.dumps({"id": f"d{i:03d}", "date": f"2017-03-{1 + i % 28:02d}",
                        "text": f"Article {i}. Paris accuse Moscou de l'incident {i}. Fin. Moscou accuse Paris {i}."})
            for i in ids]


@pytest.fixture(scope="module")
def inputs(tmp_path_factory) -> dict:
    root = tmp_path_factory.mktemp("pg")
    (root / "a.jsonl").write_text("\n".join(_lines(range(0, 24)) + ["{broken"]) + "\n", encoding="utf-8")
    (root / "b.jsonl").write_text("\n".join(_lines(range(12, 36))) + "\n", encoding="utf-8")
    config = root / "veille.toml"
    config.write_text(CONFIG, encoding="utf-8")
    settings = load_settings(config)
    refs = {}
    for name, paths in {"a": [root / "a.jsonl"], "ab": [root / "a.jsonl", root / "b.jsonl"]}.items():
        refs[name] = root / f"{name}.duckdb"
        ingest([str(p) for p in paths], str(refs[name]), settings, make_extractor=NoModelExtractor)
    return {"a": str(root / "a.jsonl"), "b": str(root / "b.jsonl"), "config": str(config),
            "ref_a": state(refs["a"]), "ref_ab": state(refs["ab"]), "db_a": refs["a"]}


def _run(*args: str, pause: str | None = None) -> tuple[int, str]:
    proc = driver(*args, pause=pause)
    _, err = proc.communicate(timeout=300)
    return proc.returncode, err


def test_ingest_gives_the_duckdb_database_and_reingest_adds_nothing(inputs, pg_url, capsys):
    code, err = _run("--config", inputs["config"], "ingest", inputs["a"], "--db", pg_url, "--no-progress")
    assert code == 2 and "[E203]" in err, err  # the broken line is reported, every good document lands
    got, ref = state(pg_url), inputs["ref_a"]
    for key in ("docs", "events", "rejects", "dups"):
        assert got[key] == ref[key], key
    code, err = _run("--config", inputs["config"], "ingest", inputs["a"], "--db", pg_url, "--no-progress")
    assert code == 2 and "0 documents and 0 events added" in err, err
    again = state(pg_url)
    assert again["docs"] == got["docs"] and again["events"] == got["events"] and again["rejects"] == got["rejects"]
    assert again["runs"] == ["finished", "finished"]
    outputs = []
    for db in (pg_url, str(inputs["db_a"])):
        assert main(["events", "--db", db, "--format", "jsonl"]) == 0
        outputs.append(capsys.readouterr().out)
    assert outputs[0] == outputs[1] and outputs[0].count("\n") == sum(len(v) for v in ref["events"].values())


def _wait_for_a_blocked_writer(url: str, proc) -> None:
    """Until a session of the database `url` waits for veille's write lock (or `proc` ends)."""
    import psycopg
    with psycopg.connect(url, autocommit=True) as con:
        for _ in range(1200):
            if con.execute("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
                           "AND wait_event = 'advisory' AND datname = current_database()").fetchone()[0]:
                return
            if proc.poll() is not None:
                pytest.fail(f"the second writer ended without waiting for the first: {proc.communicate()[1]}")
            time.sleep(0.1)
    pytest.fail("the second writer never waited for the first one's batch")


def test_two_ingests_at_once_store_each_document_once(inputs, pg_url):
    first = driver("--config", inputs["config"], "ingest", inputs["a"], "--db", pg_url, "--no-progress",
                   pause="insert:2")
    second = None
    try:
        wait_paused(first, "insert:2")  # inside the first writer's second batch (lock held)...
        second = driver("--config", inputs["config"], "ingest", inputs["b"], inputs["a"], "--db", pg_url,
                        "--no-progress")  # ...a second one reads b and a, and must wait for that batch
        _wait_for_a_blocked_writer(pg_url, second)
    finally:
        first.stdin.write("\n")
        first.stdin.flush()
        _, err = first.communicate(timeout=300)
        if second is not None:
            _, err2 = second.communicate(timeout=300)
    assert first.returncode == 2, err
    assert second.returncode == 2, err2
    got, ref = state(pg_url), inputs["ref_ab"]
    assert got["docs"] == ref["docs"] and got["events"] == ref["events"] and got["dups"] == 0
    assert got["rejects"] == ref["rejects"] and got["runs"] == ["finished", "finished"]
    from veille.store import Store
    with Store.open(pg_url, read_only=True) as store:
        runs = store.runs()
    assert sum(r["documents"] for r in runs) == len(ref["docs"])  # no document counted by both
    assert sum(r["events"] for r in runs) == sum(len(v) for v in ref["events"].values())


def test_readers_see_whole_committed_batches_while_a_writer_is_inside_one(inputs, pg_url, capsys):
    writer = driver("--config", inputs["config"], "ingest", inputs["a"], "--db", pg_url, "--no-progress",
                    pause="insert:3")
    try:
        wait_paused(writer, "insert:3")  # third batch: documents inserted, its events not yet, not committed
        seen = state(pg_url)
        assert_whole_documents(seen, inputs["ref_a"])
        assert len(seen["docs"]) == 8  # two batches of commit_every = 4
        assert main(["events", "--db", pg_url, "--format", "jsonl"]) == 0
        cli_ids = {json.loads(line)["event_id"] for line in capsys.readouterr().out.splitlines()}
        assert cli_ids == set().union(*seen["events"].values())
        with TestClient(create_app(pg_url, load_settings(inputs["config"]))) as client:
            api_ids = {e["event_id"] for e in client.get("/events", params={"limit": 1000}).json()}
            assert api_ids == cli_ids
            assert client.get("/actors").status_code == 200
    finally:
        writer.stdin.write("\n")
        writer.stdin.flush()
        _, err = writer.communicate(timeout=300)
    assert writer.returncode == 2, err
    final = state(pg_url)
    assert final["docs"] == inputs["ref_a"]["docs"] and final["events"] == inputs["ref_a"]["events"]


@pytest.mark.parametrize("pause", ["insert:2", "commit:3"])
def test_killed_ingest_resumes_to_the_uninterrupted_database(inputs, pg_url, pause):
    writer = driver("--config", inputs["config"], "ingest", inputs["a"], "--db", pg_url, "--no-progress",
                    pause=pause)
    wait_paused(writer, pause)
    writer.send_signal(signal.SIGKILL)
    writer.communicate(timeout=60)
    partial = state(pg_url)
    assert_whole_documents(partial, inputs["ref_a"])
    assert len(partial["docs"]) == 4 * (int(pause.split(":")[1]) - (pause.startswith("insert")))
    code, err = _run("--config", inputs["config"], "ingest", inputs["a"], "--db", pg_url, "--no-progress")
    assert code == 2, err
    final, ref = state(pg_url), inputs["ref_a"]
    assert final["docs"] == ref["docs"] and final["events"] == ref["events"] and final["dups"] == 0
    assert final["rejects"] == ref["rejects"]
