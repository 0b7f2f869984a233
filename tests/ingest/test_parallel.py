"""WorkerPool: order, rejects kept in the parent, documents not sent back, errors surfaced."""
import dataclasses
import logging

import pytest

from fake import FakeExtractor
from veille.errors import DocumentRejected, E
from veille.ingest.parallel import WorkerPool, parallel_pipe
from veille.records import Document, DocumentResult
from veille.settings import IngestSettings, Settings


def settings():
    return dataclasses.replace(Settings(), ingest=IngestSettings(batch_size=3, workers=2, commit_every=5))


def items(n=20):
    out = []
    for i in range(n):
        if i % 7 == 3:
            out.append(DocumentRejected(E.E203, where=f"c.jsonl:{i}", reason="broken"))
        else:
            text = f"Article {i}. Paris accuse Moscou {i}." + (" REJECTME" if i == 10 else "")
            out.append(Document(id=f"d{i:02d}", text=text, source=f"c.jsonl:{i}"))
    return out


class Upper(FakeExtractor):
    """Changes the document it was given (as the real extractor does when it splits a long sentence)."""

    def process(self, doc):
        return DocumentResult(document=dataclasses.replace(doc, text=doc.text.upper()), lang="fr")


class Short(FakeExtractor):
    def pipe(self, docs, batch_size=None):
        return list(super().pipe(docs, batch_size))[:-1]


def test_outputs_in_input_order_with_rejects_and_same_documents(caplog):
    given = items()
    caplog.set_level(logging.DEBUG, logger="veille.ingest.parallel")
    pool = WorkerPool(settings(), 2, 3, FakeExtractor, chunk=2)
    outputs = list(pool.map(given))
    pool.join()
    expected = list(FakeExtractor(settings()).pipe(given))
    assert len(outputs) == len(given)
    for got, want, item in zip(outputs, expected, given):
        assert type(got) is type(want)
        if isinstance(want, DocumentRejected):
            assert (got.code, got.fields) == (want.code, want.fields)
        else:
            assert got.document is item  # the parent's own document, not a copy sent back
            assert [e.event_id for e in got.events] == [e.event_id for e in want.events]
    assert sorted(s["name"] for s in pool.stats) == ["veille-worker-0", "veille-worker-1"]
    assert sum(s["docs"] for s in pool.stats) == sum(isinstance(i, Document) for i in given)
    assert "busy" in caplog.text and "parent waited" in caplog.text


def test_a_document_changed_by_the_worker_comes_back():
    given = [Document(id="a", text="abc"), Document(id="b", text="def")]
    out = list(parallel_pipe(given, settings(), 2, 1, Upper))
    assert [o.document.text for o in out] == ["ABC", "DEF"]


def test_only_rejects_never_reach_the_workers():
    given = [DocumentRejected(E.E203, where=f"c.jsonl:{i}", reason="broken") for i in range(3)]
    pool = WorkerPool(settings(), 2, 3, FakeExtractor)
    assert [o.fields["where"] for o in pool.map(given)] == ["c.jsonl:0", "c.jsonl:1", "c.jsonl:2"]
    pool.join()
    assert [s["docs"] for s in pool.stats] == [0, 0]


def test_a_worker_failure_is_raised_in_the_parent():
    with pytest.raises(RuntimeError, match=r"returned 0 results for 1 documents"):
        list(parallel_pipe(items(6), settings(), 2, 3, Short))
