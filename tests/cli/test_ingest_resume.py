"""Kill `veille ingest` with SIGKILL or SIGINT mid-run (after a commit drawn at random per
seed), resume it, and compare with an uninterrupted run: same documents, same event ids,
nothing lost, nothing doubled. tests/reliability/test_kill_resume.py does the same at more
kill points (inside transactions, during snapshot publication) without the model."""
import gzip
import os
import random
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


@pytest.fixture(scope="module")
def reference(tmp_path_factory):
    """The corpus, its config and an uninterrupted run's database (made once for the module)."""
    tmp_path = tmp_path_factory.mktemp("resume")
    corpus = sample(tmp_path)
    config = tmp_path / "veille.toml"
    config.write_text("[ingest]\nbatch_size = 4\ncommit_every = 4\n", encoding="utf-8")
    ref = tmp_path / "ref.duckdb"
    proc = veille("--config", str(config), "ingest", str(corpus), "--db", str(ref), "--no-progress")
    _, err = proc.communicate(timeout=600)
    assert proc.returncode in (0, 2), err
    return corpus, config, ref


@pytest.mark.model
@pytest.mark.slow
@pytest.mark.parametrize("sig,seed", [(signal.SIGKILL, 1), (signal.SIGINT, 2)], ids=["SIGKILL", "SIGINT"])
def test_killed_then_resumed_equals_uninterrupted(reference, tmp_path, sig, seed):
    corpus, config, ref = reference
    db = tmp_path / "db.duckdb"
    kill_after = random.Random(seed).randint(1, N_DOCS // 4 - 3)  # commits of 4 documents

    proc = veille("--config", str(config), "-vv", "ingest", str(corpus), "--db", str(db), "--no-progress")
    commits = 0
    for line in proc.stderr:
        if "committed" in line and "veille.ingest" in line:
            commits += 1
            if commits == kill_after:
                os.kill(proc.pid, sig)
                break
    proc.stderr.read()  # drain until the process exits
    proc.wait(timeout=60)
    proc.stderr.close()
    assert proc.returncode == (-signal.SIGKILL if sig == signal.SIGKILL else 1), "the run finished before the kill"

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
