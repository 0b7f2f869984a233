"""Kill `veille ingest` with SIGKILL mid-run, resume it, and compare with an uninterrupted
run: same documents, same event ids, nothing lost, nothing doubled."""
import gzip
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from veille.store import Store

ROOT = Path(__file__).resolve().parents[2]
CORPORA = [ROOT / "src" / "veille" / "data" / "corpus" / "wikinews-fr-2016-2018.jsonl.gz",
           ROOT.parent / "shared" / "data" / "corpus" / "wikinews-fr-2016-2018.jsonl"]
N_DOCS = 40


def sample(tmp_path: Path) -> Path:
    corpus = next((c for c in CORPORA if c.exists()), None)
    if corpus is None:
        pytest.skip("no corpus available")
    opener = gzip.open if corpus.suffix == ".gz" else open
    with opener(corpus, "rt", encoding="utf-8") as fh:
        lines = [line for line in fh if line.strip()][:N_DOCS]
    path = tmp_path / "sample.jsonl"
    path.write_text("".join(lines), encoding="utf-8")
    return path


def veille(*args: str, **kw) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "veille.cli.main", *args], stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True, **kw)


def snapshot(db: Path):
    with Store.open(db, read_only=True) as s:
        docs = sorted(r[0] for r in s.con.execute("SELECT doc_id FROM documents").fetchall())
        events = sorted(r[0] for r in s.con.execute("SELECT event_id FROM events").fetchall())
        dup_docs = s.con.execute("SELECT count(*) - count(DISTINCT content_hash) FROM documents").fetchall()[0][0]
    return docs, events, dup_docs


@pytest.mark.model
@pytest.mark.slow
def test_sigkill_then_resume_equals_uninterrupted(tmp_path):
    corpus = sample(tmp_path)
    config = tmp_path / "veille.toml"
    config.write_text("[ingest]\nbatch_size = 4\ncommit_every = 4\n", encoding="utf-8")
    ref, db = tmp_path / "ref.duckdb", tmp_path / "db.duckdb"

    proc = veille("--config", str(config), "ingest", str(corpus), "--db", str(ref), "--no-progress")
    _, err = proc.communicate(timeout=600)
    assert proc.returncode in (0, 2), err

    proc = veille("--config", str(config), "-vv", "ingest", str(corpus), "--db", str(db), "--no-progress")
    commits = 0
    for line in proc.stderr:
        if "committed" in line and "veille.ingest" in line:
            commits += 1
            if commits == 2:
                os.kill(proc.pid, signal.SIGKILL)
                break
    proc.wait(timeout=60)
    proc.stderr.close()
    assert proc.returncode == -signal.SIGKILL, "the run finished before it could be killed"

    partial_docs, partial_events, _ = snapshot(db)
    assert 0 < len(partial_docs) < N_DOCS

    proc = veille("--config", str(config), "ingest", str(corpus), "--db", str(db), "--no-progress")
    _, err = proc.communicate(timeout=600)
    assert proc.returncode in (0, 2), err
    assert "already there" in err

    docs, events, dups = snapshot(db)
    ref_docs, ref_events, _ = snapshot(ref)
    assert dups == 0
    assert docs == ref_docs and len(docs) == N_DOCS
    assert events == ref_events
    assert set(partial_events) <= set(events)
