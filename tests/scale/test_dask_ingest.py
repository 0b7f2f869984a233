"""The Dask runner with a stand-in extractor (no spaCy): same database as the local
engine, idempotent loads, retried and reported shard failures, lost workers."""
import dataclasses
import json
import subprocess
import sys

import pytest

pytest.importorskip("distributed")

from fake import FakeExtractor  # noqa: E402
from fakes import BrokenExtractor, CrashingExtractor, DyingExtractor  # noqa: E402
from veille.errors import VeilleError  # noqa: E402
from veille.ingest.run import ingest  # noqa: E402
from veille.scale import dask_ingest, default_shard_size  # noqa: E402
from veille.scale.load import load_outputs  # noqa: E402
from veille.settings import IngestSettings, Settings  # noqa: E402
from veille.store import Store  # noqa: E402


def settings():
    return dataclasses.replace(Settings(), ingest=IngestSettings(batch_size=3, workers=1, commit_every=5))


def corpus(tmp_path, n=23, extra=(), name="c.jsonl"):
    lines = [json.dumps({"id": f"d{i:03d}", "date": f"2017-03-{1 + i % 28:02d}",
                         "text": f"Article {i}. Paris accuse Moscou de l'incident {i}. Fin."}) for i in range(n)]
    lines.insert(4, "{broken")
    lines.insert(9, json.dumps({"id": "x", "text": "REJECTME please."}))
    lines.extend(json.dumps({"id": f"e{i}", "text": t}) for i, t in enumerate(extra))
    path = tmp_path / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def snapshot(db):
    with Store.open(db, read_only=True) as s:
        docs = sorted(s.con.execute("SELECT doc_id, content_hash, title, date, lang, text FROM documents").fetchall())
        events = sorted((e["event_id"], json.dumps(e, sort_keys=True)) for e in s.events())
        counts = s.counts()
        rejects = [(r["source"], r["line"], r["code"]) for r in s.rejects()]
    return docs, events, counts, rejects


def stories_of(db):
    """The stories as stored (whole records and memberships) and the last build's counts."""
    with Store.open(db, read_only=True) as s:
        stories = sorted(r[0] for r in s.con.execute("SELECT record FROM stories").fetchall())
        members = sorted(s.con.execute("SELECT event_id, story_id, seq, doc_id FROM story_events").fetchall())
        build = s.con.execute("SELECT fingerprint, encoder, params, events, stories FROM story_builds "
                              "ORDER BY built_at DESC LIMIT 1").fetchall()
    return stories, members, build


@pytest.fixture(scope="module")
def cluster():
    from distributed import LocalCluster
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0") as c:
        yield c


def test_same_database_as_local_engine_and_rerun_is_a_no_op(tmp_path, cluster):
    path = corpus(tmp_path)
    local_db, dask_db = tmp_path / "local.duckdb", tmp_path / "dask.duckdb"
    ingest([str(path)], str(local_db), settings(), make_extractor=FakeExtractor)
    rep = dask_ingest([str(path)], str(dask_db), settings(), scheduler=cluster.scheduler_address,
                      shard_size=4, make_extractor=FakeExtractor)
    assert (rep.documents, rep.events, rep.duplicates, rep.shards, rep.failed) == (23, 23, 0, 6, [])
    assert sorted(r.code.name for r in rep.rejects) == ["E203", "E209"]
    local, dask = snapshot(local_db), snapshot(dask_db)
    assert dask == local  # documents, events, rejects, and the counts of quotes, dates and runs
    local_stories = stories_of(local_db)
    assert local_stories[0] and any(json.loads(r)["mentions"] > 1 for r in local_stories[0])  # real grouping
    assert stories_of(dask_db) == local_stories and rep.stories == len(local_stories[0])
    # the read snapshot is published at the end, as the local engine does: it holds the final state
    assert snapshot(f"{dask_db}.snapshot") == snapshot(dask_db)
    assert stories_of(f"{dask_db}.snapshot") == local_stories
    again = dask_ingest([str(path)], str(dask_db), settings(), scheduler=cluster.scheduler_address,
                        make_extractor=FakeExtractor)
    assert (again.documents, again.events, again.duplicates) == (0, 0, 23)
    after = snapshot(dask_db)
    assert after[:2] == dask[:2] and after[2]["runs"] == 2 and after[2]["rejects"] == 2


def test_a_shard_is_never_loaded_twice_and_outputs_are_reused(tmp_path, cluster):
    path, work = corpus(tmp_path), tmp_path / "work"
    db, db2 = tmp_path / "a.duckdb", tmp_path / "b.duckdb"
    rep = dask_ingest([str(path)], str(db), settings(), scheduler=cluster.scheduler_address, shard_size=5,
                      work_dir=str(work), make_extractor=FakeExtractor)
    assert rep.documents == 23 and rep.reused == 0
    outputs = sorted(str(p) for p in (work / "out").iterdir())
    assert len(outputs) == rep.shards == 5
    before = snapshot(db)
    with Store.open(db) as store:  # the same outputs again, and one of them twice: nothing added
        run_id = store.start_run([str(path)])
        loaded = load_outputs(store, outputs + outputs[:1], run_id)
    assert (loaded.documents, loaded.events) == (0, 0)
    assert snapshot(db)[:2] == before[:2]
    # a new database with the same work directory: the complete outputs are reused, not recomputed
    rep2 = dask_ingest([str(path)], str(db2), settings(), scheduler=cluster.scheduler_address, shard_size=5,
                       work_dir=str(work), make_extractor=FakeExtractor)
    assert (rep2.documents, rep2.reused) == (23, 5)
    assert snapshot(db2)[:2] == before[:2]


def test_a_shard_whose_worker_raised_is_retried_then_reported_not_dropped(tmp_path, cluster):
    path = corpus(tmp_path, n=11, extra=["Le texte CRASHME ici."])  # 12 documents in 3 shards, then this one
    db = tmp_path / "db.duckdb"
    rep = dask_ingest([str(path)], str(db), settings(), scheduler=cluster.scheduler_address, shard_size=4,
                      retries=1, make_extractor=CrashingExtractor)
    assert len(rep.failed) == 1
    err = rep.failed[0]
    assert err.code.name == "E701" and "extractor bug on CRASHME" in str(err) and err.fields["documents"] == 1
    assert rep.documents == 11  # the other shards are stored
    with Store.open(db, read_only=True) as s:
        assert "E701" in {r["code"] for r in s.rejects()}
        assert s.runs()[-1]["status"] == "partial"
    # the failed shard's documents are not stored, so the next run retries exactly them
    rep2 = dask_ingest([str(path)], str(db), settings(), scheduler=cluster.scheduler_address,
                       make_extractor=FakeExtractor)
    assert (rep2.documents, rep2.duplicates, rep2.failed) == (1, 11, [])


def test_a_lost_worker_shard_is_run_again_elsewhere(tmp_path, cluster):
    flag = tmp_path / "died-once"
    path = corpus(tmp_path, n=10, extra=[f"Le worker meurt ici DIEONCE {flag} puis Paris accuse Moscou."])
    local_db, db = tmp_path / "local.duckdb", tmp_path / "db.duckdb"
    ingest([str(path)], str(local_db), settings(), make_extractor=FakeExtractor)
    rep = dask_ingest([str(path)], str(db), settings(), scheduler=cluster.scheduler_address, shard_size=4,
                      make_extractor=DyingExtractor)
    assert flag.exists()  # a worker process did die
    assert rep.failed == [] and rep.documents == 11
    assert snapshot(db)[:2] == snapshot(local_db)[:2]


def test_an_extractor_that_cannot_be_built_on_the_workers_is_e706(tmp_path, cluster):
    path = corpus(tmp_path, n=3)
    with pytest.raises(VeilleError) as err:
        dask_ingest([str(path)], str(tmp_path / "db.duckdb"), settings(), scheduler=cluster.scheduler_address,
                    make_extractor=BrokenExtractor)
    assert err.value.code.name == "E706" and "lexicon.jsonl, line 3" in str(err.value)
    with Store.open(tmp_path / "db.duckdb", read_only=True) as s:
        assert s.counts()["documents"] == 0 and s.runs()[-1]["status"] == "interrupted"


def test_local_cluster_of_n_workers(tmp_path):
    path = corpus(tmp_path, n=8)
    rep = dask_ingest([str(path)], str(tmp_path / "db.duckdb"), settings(), workers=2,
                      make_extractor=FakeExtractor)
    assert (rep.workers, rep.documents, rep.events) == (2, 8, 8)
    assert set(rep.phases) == {"startup", "extraction", "load", "finish"}
    assert 0 < rep.phases["startup"] and sum(rep.phases.values()) <= rep.elapsed + 0.05
    assert rep.docs_per_second_after_startup > rep.docs_per_second > 0
    assert rep.worker_cpu_seconds > 0 and rep.docs_per_worker_cpu_second > 0
    assert not list(tmp_path.glob(".veille-dask-*"))  # the default work directory is removed


def test_missing_input_through_the_ingest_api_is_e007_and_no_database(tmp_path):
    with pytest.raises(VeilleError) as err:
        ingest([str(tmp_path / "missing.jsonl")], str(tmp_path / "db.duckdb"), settings(), engine="dask",
               workers=1, make_extractor=FakeExtractor)
    assert err.value.code.name == "E007"
    assert not (tmp_path / "db.duckdb").exists()


def test_scheduler_and_workers_are_exclusive(tmp_path):
    path = corpus(tmp_path, n=2)
    with pytest.raises(VeilleError) as err:
        dask_ingest([str(path)], str(tmp_path / "db.duckdb"), settings(), workers=2, scheduler="tcp://127.0.0.1:1")
    assert err.value.code.name == "E703"
    assert not (tmp_path / "db.duckdb").exists()


def test_unreachable_scheduler_is_a_clear_error_and_creates_no_database(tmp_path, monkeypatch):
    monkeypatch.setattr("veille.scale.cluster.CONNECT_TIMEOUT", "1s")
    path = corpus(tmp_path, n=2)
    with pytest.raises(VeilleError) as err:
        dask_ingest([str(path)], str(tmp_path / "db.duckdb"), settings(), scheduler="tcp://127.0.0.1:9")
    assert err.value.code.name == "E702" and "tcp://127.0.0.1:9" in str(err.value)
    assert not (tmp_path / "db.duckdb").exists()


@pytest.mark.parametrize("total, threads, size", [
    (None, 2, 1000), (30, 2, 16), (800, 2, 200), (10**6, 8, 1000), (1000, 1, 500),
])
def test_default_shard_size(total, threads, size):
    assert default_shard_size(total, threads) == size


def test_missing_dask_is_e700_with_the_install_command():
    # in a subprocess: hiding distributed from this process's imports would affect later tests
    code = ("import sys; sys.modules['distributed'] = None\n"
            "from veille.errors import VeilleError\n"
            "from veille.scale.cluster import require_dask\n"
            "try:\n    require_dask()\nexcept VeilleError as e:\n    print(e)\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.startswith("[E700]") and "pip install 'veille[dask]'" in out
