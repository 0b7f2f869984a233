import dataclasses
import json

import pytest

from fake import FakeExtractor
from veille.errors import VeilleError
from veille.ingest.run import ingest
from veille.settings import IngestSettings, Settings
from veille.store import Store


def settings(commit_every=5, batch_size=3):
    return dataclasses.replace(Settings(), ingest=IngestSettings(batch_size=batch_size, workers=1, commit_every=commit_every))


def corpus(tmp_path, n=23, bad=True):
    lines = [json.dumps({"id": f"d{i:03d}", "date": f"2017-03-{1 + i % 28:02d}",
                         "text": f"Article {i}. Paris accuse Moscou de l'incident {i}. Fin."}) for i in range(n)]
    if bad:
        lines.insert(4, "{broken")
        lines.insert(9, json.dumps({"id": "x", "text": "REJECTME please."}))
    path = tmp_path / "c.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def snapshot(db):
    with Store.open(db, read_only=True) as s:
        docs = sorted(r[0] for r in s.con.execute("SELECT doc_id FROM documents").fetchall())
        events = sorted(e["event_id"] for e in s.events())
        return docs, events, s.counts()


def test_ingest_then_reingest_adds_nothing(tmp_path):
    path, db = corpus(tmp_path), tmp_path / "db.duckdb"
    rep = ingest([str(path)], str(db), settings(), make_extractor=FakeExtractor)
    assert (rep.documents, rep.events, rep.duplicates) == (23, 23, 0)
    assert sorted(r.code.name for r in rep.rejects) == ["E203", "E209"]
    first = snapshot(db)
    rep2 = ingest([str(path)], str(db), settings(), make_extractor=FakeExtractor)
    assert (rep2.documents, rep2.events, rep2.duplicates) == (0, 0, 23)
    assert len(rep2.rejects) == 2  # still reported to the caller each run
    docs, events, counts = snapshot(db)
    assert (docs, events) == first[:2]
    assert counts["rejects"] == 2 and counts["runs"] == 2


@pytest.mark.parametrize("workers", [1, 2])
def test_interrupted_run_resumes_without_loss_or_doubles(tmp_path, workers):
    path = corpus(tmp_path)
    ref_db, db = tmp_path / "ref.duckdb", tmp_path / "db.duckdb"
    ingest([str(path)], str(ref_db), settings(), make_extractor=FakeExtractor)

    class Stop(Exception):
        pass

    def stop_after_12(p):
        if p.done >= 12:
            raise Stop

    with pytest.raises(Stop):
        ingest([str(path)], str(db), settings(), progress=stop_after_12, make_extractor=FakeExtractor,
               workers=workers)
    partial = snapshot(db)
    assert 0 < partial[2]["documents"] < 23  # whole batches only
    rep = ingest([str(path)], str(db), settings(), make_extractor=FakeExtractor, workers=workers)
    assert rep.duplicates == partial[2]["documents"]
    assert snapshot(db)[:2] == snapshot(ref_db)[:2]
    with Store.open(db, read_only=True) as s:
        assert [r["status"] for r in s.runs()] == ["interrupted", "finished"]


def test_two_workers_same_result_as_one(tmp_path):
    path = corpus(tmp_path)
    one, two = tmp_path / "one.duckdb", tmp_path / "two.duckdb"
    ingest([str(path)], str(one), settings(), make_extractor=FakeExtractor)
    rep = ingest([str(path)], str(two), settings(), workers=2, make_extractor=FakeExtractor)
    assert rep.workers == 2 and sorted(r.code.name for r in rep.rejects) == ["E203", "E209"]
    assert snapshot(one)[:2] == snapshot(two)[:2]


def test_same_id_other_content_gets_a_stable_new_id(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "article.txt").write_text("Paris accuse Moscou. Un.", encoding="utf-8")
    (tmp_path / "b" / "article.txt").write_text("Paris accuse Moscou. Deux.", encoding="utf-8")
    db = tmp_path / "db.duckdb"
    ingest([str(tmp_path)], str(db), settings(), make_extractor=FakeExtractor)
    docs, events, _ = snapshot(db)
    assert len(docs) == 2 and docs[0] == "article" and docs[1].startswith("article~")
    assert len(events) == 2


def test_duplicates_in_input_and_by_url(tmp_path):
    lines = [{"id": "a", "text": "Paris accuse Moscou.", "url": "https://x/1"},
             {"id": "b", "text": "paris  accuse moscou."},  # same normalised text
             {"id": "c", "text": "Texte mis à jour.", "url": "https://x/1"}]  # same URL
    path = tmp_path / "d.jsonl"
    path.write_text("\n".join(json.dumps(x) for x in lines), encoding="utf-8")
    rep = ingest([str(path)], str(tmp_path / "db.duckdb"), settings(), make_extractor=FakeExtractor)
    assert (rep.documents, rep.duplicates) == (1, 2)


def test_unknown_engine_and_missing_path(tmp_path):  # engine dask: tests/scale
    with pytest.raises(VeilleError, match="E501"):
        ingest(["x"], str(tmp_path / "db.duckdb"), settings(), engine="spark", make_extractor=FakeExtractor)
    with pytest.raises(VeilleError, match="E007"):
        ingest([str(tmp_path / "missing.jsonl")], str(tmp_path / "db.duckdb"), settings(), make_extractor=FakeExtractor)
    assert not (tmp_path / "db.duckdb").exists()
