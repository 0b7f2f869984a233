"""Cost of veille's reading + dedup + DuckDB storage alone, without NLP: ingest the corpus
with a stand-in extractor that returns each document with one synthetic event, then
re-ingest it (everything skipped as already stored) and export it.

    python bench/storage_overhead.py [--corpus PATH] [--limit N] [--db postgresql://USER@HOST/EMPTYDB]

With --db, stores into that (empty) PostgreSQL database instead of a temporary DuckDB file.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

from throughput import default_corpus, write_sample

from veille.records import DocumentResult, Entity, Event, Evidence
from veille.settings import load_settings


class NoNLP:
    """One event per document, no parsing."""

    def __init__(self, settings) -> None:
        self.settings = settings

    def pipe(self, docs, batch_size=None):
        for doc in docs:
            if not hasattr(doc, "text"):
                yield doc
                continue
            ev = Event(doc_id=doc.id, type="CONSULT", cameo="040", actor=Entity(text="a", key="FRA"),
                       recipient=Entity(text="b", key="DEU"), date=doc.date or "2017", date_precision="publication",
                       modality="asserted", evidence=Evidence(0, 0, 10, doc.text[:10], "x"), lang="fr")
            ev.assign_id()
            yield DocumentResult(document=doc, lang="fr", events=[ev])


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--corpus", type=Path, default=None)
    ap.add_argument("--limit", type=int, default=100000)
    ap.add_argument("--db", default=None, help="an empty PostgreSQL database URL (default: a DuckDB file)")
    args = ap.parse_args()
    from veille.ingest.run import ingest
    from veille.store.export import export_events
    settings = load_settings()
    with tempfile.TemporaryDirectory() as tmp:
        sample = Path(tmp) / "sample.jsonl"
        n = write_sample(args.corpus or default_corpus(), args.limit, sample)
        db = args.db or str(Path(tmp) / "s.duckdb")
        t0 = time.perf_counter()
        first = ingest([str(sample)], db, settings, make_extractor=NoNLP)
        t1 = time.perf_counter()
        again = ingest([str(sample)], db, settings, make_extractor=NoNLP)
        t2 = time.perf_counter()
        rows = export_events(db, "gdelt", str(Path(tmp) / "e.tsv"))
        t3 = time.perf_counter()
        size = Path(db).stat().st_size if not args.db else 0
    print(f"{n} documents: first ingest {n / (t1 - t0):.0f} docs/s ({first.documents} stored), "
          f"re-ingest {n / (t2 - t1):.0f} docs/s ({again.duplicates} skipped, {again.documents} added), "
          f"gdelt export {rows / (t3 - t2):.0f} events/s; "
          + ("database: PostgreSQL" if args.db else f"database {size / 2**20:.1f} MiB"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
