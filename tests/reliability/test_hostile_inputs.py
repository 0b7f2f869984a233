"""Hostile inputs (scripts/make_hostile_corpus.py) mixed with good documents: each bad one is
reported with its path/line and a specific code, on stderr and in the rejects table; every
good one is stored; the exit code is 2. Nothing crashes, nothing is dropped silently."""
from __future__ import annotations

import json
import re
import tracemalloc
from pathlib import Path

import pytest

from reliability_helpers import NoModelExtractor, schema_validator
from veille.cli.main import main
from veille.errors import DocumentRejected
from veille.ingest import readers
from veille.ingest.readers import read_paths
from veille.ingest.run import ingest
from veille.settings import Settings
from veille.store import Store
from veille.store.rows import split_where

# codes given after reading, by the Extractor's checks: the readers pass these documents on
PIPELINE_CODES = {"E205", "E209", "E800", "E802"}


def _read_all(inputs: str) -> dict[str, str]:
    seen: dict[str, str] = {}
    for item in read_paths([inputs]):
        where = item.fields["where"] if isinstance(item, DocumentRejected) else item.source
        assert where not in seen, f"{where} reported twice"
        seen[where] = item.code.name if isinstance(item, DocumentRejected) else "doc:" + item.id
    return seen


def test_readers_report_each_hostile_input_with_its_code(hostile):
    seen = _read_all(hostile["inputs"])
    for where, code in hostile["rejected"].items():
        if code in PIPELINE_CODES:
            assert seen.get(where, "").startswith("doc:"), where
        else:
            assert seen.get(where) == code, where
    for where, doc_id in hostile["good"].items():
        assert seen.get(where) == "doc:" + doc_id, where
    assert set(seen) == set(hostile["good"]) | set(hostile["rejected"])  # nothing more, nothing silently dropped


def test_huge_inputs_are_rejected_unparsed_in_bounded_memory(hostile, monkeypatch):
    inputs = Path(hostile["inputs"])
    huge = [inputs / "txt" / "huge-line.txt", inputs / "jsonl" / "huge-line.jsonl"]
    assert all(p.stat().st_size >= 50 * 2**20 for p in huge)
    parsed: list[int] = []
    real_loads = json.loads

    def loads(line, *a, **kw):
        parsed.append(len(line))
        return real_loads(line, *a, **kw)

    monkeypatch.setattr(readers.json, "loads", loads)
    tracemalloc.start()
    try:
        out = list(read_paths([str(p) for p in huge]))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    codes = [(o.code.name, o.fields["where"]) if isinstance(o, DocumentRejected) else ("doc", o.id) for o in out]
    assert codes == [("E801", str(huge[0])), ("E801", f"{huge[1]}:1"), ("doc", "after-huge")]
    assert "rejected without being parsed" in str(out[0])
    assert max(parsed) < 10_000  # only the small second line reached the JSON parser
    assert peak < 16 * 2**20  # bounded by the line limit (6 MB here): the 50 MiB lines never sat in memory


def test_limit_follows_the_setting(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("Paris accuse Moscou. " * 100, encoding="utf-8")  # 2100 bytes
    assert not isinstance(next(read_paths([str(path)], max_chars=1000)), DocumentRejected)  # 4000 bytes allowed
    rejected = next(read_paths([str(path)], max_chars=500))
    assert rejected.code.name == "E801" and "max_doc_chars = 500" in str(rejected) and "2100 bytes" in str(rejected)
    assert not isinstance(next(read_paths([str(path)], max_chars=None)), DocumentRejected)


def _expected_rejects(hostile) -> set[tuple[str, int | None, str]]:
    return {(*split_where(w), code) for w, code in hostile["rejected"].items()}


def _check_store(db: Path, hostile) -> None:
    with Store.open(db, read_only=True) as s:
        docs = dict(s.con.execute("SELECT doc_id, source FROM documents").fetchall())
        rejects = {(r["source"], r["line"], r["code"]) for r in s.rejects()}
    assert docs == {doc_id: where for where, doc_id in hostile["good"].items()}
    assert rejects == _expected_rejects(hostile)


def _check_stderr(err: str, hostile) -> None:
    for where, code in hostile["rejected"].items():
        assert f"veille: rejected: [{code}] {where}: " in err, (where, code)
    assert len(re.findall(r"^veille: rejected: ", err, re.M)) == len(hostile["rejected"])


def test_ingest_library_stores_good_and_records_every_reject(hostile, tmp_path):
    db = tmp_path / "db.duckdb"
    report = ingest([hostile["inputs"]], str(db), Settings(), make_extractor=NoModelExtractor)
    assert report.documents == len(hostile["good"]) and report.duplicates == 0
    assert {(r.fields["where"], r.code.name) for r in report.rejects} == set(hostile["rejected"].items())
    _check_store(db, hostile)


def test_ingest_cli_exit_2_each_reject_on_stderr(hostile, tmp_path, capsys, monkeypatch):
    monkeypatch.setattr("veille.pipeline.Extractor", NoModelExtractor)  # what `veille ingest` builds
    db = tmp_path / "db.duckdb"
    assert main(["ingest", hostile["inputs"], "--db", str(db), "--no-progress"]) == 2
    _check_stderr(capsys.readouterr().err, hostile)
    _check_store(db, hostile)
    assert main(["ingest", hostile["inputs"], "--db", str(db), "--no-progress"]) == 2  # again: nothing doubled
    err = capsys.readouterr().err
    assert f"0 documents and 0 events added to {db}; {len(hostile['good'])} already there" in err
    _check_store(db, hostile)


@pytest.mark.model
@pytest.mark.slow
def test_ingest_cli_with_the_model(hostile, tmp_path, capsys):
    db = tmp_path / "db.duckdb"
    assert main(["ingest", hostile["inputs"], "--db", str(db), "--no-progress"]) == 2
    _check_stderr(capsys.readouterr().err, hostile)
    _check_store(db, hostile)
    with Store.open(db, read_only=True) as s:
        assert s.counts()["events"] > 0


@pytest.mark.model
@pytest.mark.slow
def test_extract_cli_with_the_model(hostile, capsys, shared):
    assert main(["extract", hostile["inputs"]]) == 2
    out, err = capsys.readouterr()
    _check_stderr(err, hostile)
    validator = schema_validator(shared)
    events = [json.loads(line) for line in out.splitlines()]
    assert events
    for ev in events:
        validator.validate(ev)
    assert {ev["doc_id"] for ev in events} <= set(hostile["good"].values())
