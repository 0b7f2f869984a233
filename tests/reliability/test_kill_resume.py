"""Nothing lost, nothing doubled: `veille ingest` killed (SIGKILL or SIGINT) at random points
of its work, then resumed, gives the database of an uninterrupted run. A second writer gets
E010 and changes nothing; readers meanwhile answer from the published snapshot.

The runs use the real command line in a subprocess (tests/reliability/ingest_driver.py)
with a model-free extractor; tests/cli/test_ingest_resume.py does the same with the model."""
from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from reliability_helpers import NoModelExtractor
from veille.cli.main import main
from veille.ingest.run import ingest
from veille.settings import load_settings
from veille.store import Store
from veille.store.snapshot import snapshot_path

DRIVER = Path(__file__).with_name("ingest_driver.py")
N_JSONL, N_TXT = 24, 6
CONFIG = "[ingest]\nbatch_size = 3\ncommit_every = 4\nsnapshot_every = 1\n"
# how far each pause point may be drawn: below what a run of this corpus reaches
KINDS = {"extract": N_JSONL + N_TXT - 2, "insert": 6, "commit": 7, "publish": 8}
SIGNALS = {"SIGKILL": signal.SIGKILL, "SIGINT": signal.SIGINT}
SEEDS = [int(s) for s in os.environ.get("VEILLE_KILL_SEEDS", "1").split(",")]
CASES = [(kind, sig, seed) for seed in SEEDS for kind in KINDS for sig in SIGNALS]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> dict:
    root = tmp_path_factory.mktemp("kill")
    lines = [json.dumps({"id": f"d{i:03d}", "date": f"2017-03-{1 + i % 28:02d}",
                         "text": f"Article {i}. Paris accuse Moscou de l'incident {i}. Fin. Moscou accuse Paris {i}."})
             for i in range(N_JSONL)]
    lines.insert(5, "{broken")
    lines.insert(13, json.dumps({"id": "x", "text": "?!…"}))
    (root / "in").mkdir()
    (root / "in" / "a.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    for i in range(N_TXT):
        (root / "in" / f"t{i}.txt").write_text(f"Titre {i}\n\nParis accuse Moscou {i}. Rien.", encoding="utf-8")
    (root / "extra.jsonl").write_text(json.dumps({"id": "extra", "text": "Paris accuse Berlin."}) + "\n",
                                      encoding="utf-8")
    config = root / "veille.toml"
    config.write_text(CONFIG, encoding="utf-8")
    ref = root / "ref.duckdb"
    ingest([str(root / "in")], str(ref), load_settings(config), make_extractor=NoModelExtractor)
    return {"inputs": str(root / "in"), "extra": str(root / "extra.jsonl"), "config": str(config), "ref": ref}


def state(db: Path | str, snapshot_file: bool = False) -> dict:
    """Documents, events per document, duplicates and rejects of a database (or snapshot file)."""
    con = duckdb.connect(str(db), read_only=True) if snapshot_file else Store.open(db, read_only=True).con
    try:
        docs = sorted(r[0] for r in con.execute("SELECT doc_id FROM documents").fetchall())
        events: dict[str, set[str]] = {}
        for doc_id, event_id in con.execute("SELECT doc_id, event_id FROM events").fetchall():
            events.setdefault(doc_id, set()).add(event_id)
        dups = con.execute("SELECT (SELECT count(*) - count(DISTINCT content_hash) FROM documents) + "
                           "(SELECT count(*) - count(DISTINCT event_id) FROM events)").fetchall()[0][0]
        rejects = sorted(con.execute("SELECT source, line, code FROM rejects").fetchall())
        statuses = [r[0] for r in con.execute("SELECT status FROM runs ORDER BY started_at").fetchall()]
    finally:
        con.close()
    return {"docs": docs, "events": events, "dups": dups, "rejects": rejects, "runs": statuses}


def assert_whole_documents(partial: dict, ref: dict) -> None:
    """A partial database holds whole documents of the reference, each with all its events."""
    assert partial["dups"] == 0
    assert set(partial["docs"]) <= set(ref["docs"])
    assert set(partial["events"]) <= set(partial["docs"])
    for doc_id in partial["docs"]:
        assert partial["events"].get(doc_id, set()) == ref["events"].get(doc_id, set()), doc_id


def driver(*args: str, pause: str | None = None) -> subprocess.Popen:
    cmd = [sys.executable, str(DRIVER), *(["--pause", pause] if pause else []), "--", *args]
    return subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def wait_paused(proc: subprocess.Popen, pause: str) -> None:
    line = proc.stdout.readline()
    if line.strip() != "PAUSED " + pause.replace(":", " "):
        proc.kill()
        _, err = proc.communicate()
        pytest.fail(f"the run never reached {pause}: {line!r}\n{err}")


@pytest.mark.parametrize("kind,sig,seed", CASES, ids=[f"{k}-{s}-seed{n}" for k, s, n in CASES])
def test_killed_ingest_resumes_to_the_uninterrupted_database(corpus, tmp_path, capsys, monkeypatch, kind, sig, seed):
    n = random.Random(f"{seed}-{kind}-{sig}").randint(1, KINDS[kind])
    pause = f"{kind}:{n}"
    db = tmp_path / "db.duckdb"
    ref = state(corpus["ref"])
    proc = driver("--config", corpus["config"], "ingest", corpus["inputs"], "--db", str(db), "--no-progress",
                  pause=pause)
    wait_paused(proc, pause)
    proc.send_signal(SIGNALS[sig])
    _, err = proc.communicate(timeout=120)
    if sig == "SIGKILL":
        assert proc.returncode == -signal.SIGKILL
    else:
        assert proc.returncode == 1 and "Aborted" in err, err

    partial = state(db)
    assert_whole_documents(partial, ref)
    assert partial["runs"] == ["running" if sig == "SIGKILL" else "interrupted"]
    if kind == "commit":
        assert partial["docs"], "a committed batch was lost"
    snap = snapshot_path(db)
    if snap.exists():  # published before the kill: whole batches too, never ahead of the database
        published = state(snap, snapshot_file=True)
        assert_whole_documents(published, ref)
        assert set(published["docs"]) <= set(partial["docs"])

    monkeypatch.setattr("veille.pipeline.Extractor", NoModelExtractor)
    assert main(["--config", corpus["config"], "ingest", corpus["inputs"], "--db", str(db), "--no-progress"]) == 2
    assert f"{len(partial['docs'])} already there" in capsys.readouterr().err
    final = state(db)
    assert final["docs"] == ref["docs"] and final["events"] == ref["events"]
    assert final["dups"] == 0 and final["rejects"] == ref["rejects"]
    assert final["runs"][-1] == "finished"
    assert state(snap, snapshot_file=True)["docs"] == ref["docs"]  # the last snapshot is the finished database
    assert not list(tmp_path.glob(".*.tmp")), "a half-copied snapshot was left behind"


def test_second_writer_fails_with_E010_while_readers_use_the_snapshot(corpus, tmp_path, capsys, monkeypatch):
    db = tmp_path / "db.duckdb"
    ref = state(corpus["ref"])
    writer = driver("--config", corpus["config"], "ingest", corpus["inputs"], "--db", str(db), "--no-progress",
                    pause="commit:3")
    try:
        wait_paused(writer, "commit:3")
        monkeypatch.setattr("veille.pipeline.Extractor", NoModelExtractor)
        # a second ingest of overlapping inputs into the same database
        assert main(["--config", corpus["config"], "ingest", corpus["inputs"], corpus["extra"], "--db", str(db),
                     "--no-progress"]) == 1
        err = capsys.readouterr().err
        assert "[E010]" in err and "is locked by another process" in err and "Wait for the other ingest" in err

        # readers answer from the snapshot, and say so
        reader = subprocess.run([sys.executable, "-m", "veille", "events", "--db", str(db), "--format", "jsonl"],
                                capture_output=True, text=True, timeout=120)
        assert reader.returncode == 0, reader.stderr
        assert "is locked by a writer" in reader.stderr and f"reading its snapshot {db}.snapshot" in reader.stderr
        seen = [json.loads(line) for line in reader.stdout.splitlines()]
        published = state(snapshot_path(db), snapshot_file=True)
        assert seen and {e["event_id"] for e in seen} == set().union(*published["events"].values())
        assert_whole_documents(published, ref)
        out = tmp_path / "export.jsonl"
        assert main(["export", "--db", str(db), "--format", "jsonl", "--out", str(out)]) == 0
        assert len(out.read_text(encoding="utf-8").splitlines()) == len(seen)
    finally:
        writer.stdin.write("\n")  # let the first ingest finish
        writer.stdin.flush()
        _, err = writer.communicate(timeout=120)
    assert writer.returncode == 2, err
    final = state(db)
    assert final["docs"] == ref["docs"] and final["events"] == ref["events"] and final["dups"] == 0
    assert final["runs"] == ["finished"]  # the refused writer left no trace

    assert main(["--config", corpus["config"], "ingest", corpus["inputs"], corpus["extra"], "--db", str(db),
                 "--no-progress"]) == 2
    after = state(db)
    assert after["docs"] == sorted(ref["docs"] + ["extra"]) and after["dups"] == 0


def test_a_snapshot_that_cannot_be_written_does_not_stop_the_ingest(corpus, tmp_path, monkeypatch, caplog):
    from veille.store import snapshot

    def broken(*args):
        raise OSError("No space left on device")

    monkeypatch.setattr(snapshot, "_replace", broken)
    db = tmp_path / "db.duckdb"
    report = ingest([corpus["inputs"]], str(db), load_settings(corpus["config"]), make_extractor=NoModelExtractor)
    assert report.documents == N_JSONL + N_TXT
    assert "could not publish the read snapshot" in caplog.text and "No space left on device" in caplog.text
    assert not snapshot_path(db).exists() and not list(tmp_path.glob(".*.tmp"))
    assert state(db)["docs"] == state(corpus["ref"])["docs"]
