"""`ReadSource` (what `veille serve` reads through) follows the newest snapshot that a
running ingest publishes, without cutting requests that are still on the older one."""
import subprocess
import sys
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from veille.api import create_app
from veille.settings import load_settings
from veille.store.readers import ReadSource

HERE = Path(__file__).resolve().parent
# holds the database for writing (as `veille ingest` does); each line on stdin adds one
# document and publishes a snapshot; prints READY after each publication
WRITER = f"""
import sys
sys.path.insert(0, {str(HERE)!r})
from helpers import make_result
from veille.store import Store, snapshot
store = Store.open(sys.argv[1])
n = 0
while True:
    n += 1
    store.add_results([make_result(f"d{{n}}", text=f"Texte {{n}}. La France condamne la Russie.")])
    snapshot.publish(store)
    print("READY", n, flush=True)
    if sys.stdin.readline().strip() != "more":
        break
store.close()
"""


@pytest.fixture
def writer(tmp_path):
    db = tmp_path / "db.duckdb"
    proc = subprocess.Popen([sys.executable, "-c", WRITER, str(db)], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)

    def more() -> None:
        proc.stdin.write("more\n")
        proc.stdin.flush()
        line = proc.stdout.readline()
        assert line.startswith("READY"), (line, proc.stderr.read() if proc.poll() is not None else "")

    assert proc.stdout.readline().startswith("READY"), proc.stderr.read()
    yield db, more
    proc.stdin.write("quit\n")
    proc.stdin.flush()
    proc.communicate(timeout=60)


def test_source_moves_to_the_newer_snapshot_and_closes_the_old_one_after_its_last_request(writer):
    db, more = writer
    source = ReadSource(db)
    try:
        assert source.snapshot == f"{db}.snapshot"  # the writer holds the file
        with source.store() as first:
            assert first.counts()["documents"] == 1
            more()
            with source.store() as second:  # a new request sees the new snapshot...
                assert second.counts()["documents"] == 2
            assert first.counts()["documents"] == 1  # ...the running one finishes on its own
        with source.store() as third:
            assert third.counts()["documents"] == 2
        with pytest.raises(Exception):
            first.counts()  # the old connection is closed once nobody uses it
    finally:
        source.close()


def test_api_started_during_an_ingest_serves_each_new_snapshot(writer):
    db, more = writer
    with TestClient(create_app(db, load_settings())) as client:
        assert len(client.get("/events").json()) == 2
        more()
        assert len(client.get("/events").json()) == 4
        more()
        assert len(client.get("/events").json()) == 6
        assert client.get("/documents/d3").status_code == 200
