"""Run `veille ingest` (the real command line) with a model-free extractor, optionally
pausing at a chosen point so that a test can kill the process there.

    python ingest_driver.py [--pause KIND:N] -- <veille arguments>

KIND is where the N-th occurrence (counted from 1) pauses:
  extract  before coding the N-th document
  insert   inside the N-th write transaction, documents inserted, events not yet
  commit   just after the N-th write transaction committed
  publish  during the N-th snapshot publication, copy written, not yet renamed
On pausing, the driver prints `PAUSED KIND N` on stdout and waits for a line on stdin
(the test kills it meanwhile, or writes a line to let it go on).
"""
from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "ingest"))


def pause_at(kind: str, n: int) -> None:
    from reliability_helpers import NoModelCoder
    from veille.store import db, snapshot

    seen = {"extract": 0, "insert": 0, "commit": 0, "publish": 0}

    def hit(k: str) -> None:
        seen[k] += 1
        if k == kind and seen[k] == n:
            print(f"PAUSED {k} {n}", flush=True)
            sys.stdin.readline()

    real_code = NoModelCoder.code_documents

    def code_documents(self, documents):
        for d in documents:
            hit("extract")
            yield from real_code(self, [d])

    NoModelCoder.code_documents = code_documents

    real_insert = db.Store._insert

    def _insert(self, table, data):
        if table == "events":
            hit("insert")
        return real_insert(self, table, data)

    db.Store._insert = _insert
    real_add = db.Store.add_results

    def add_results(self, *a, **kw):
        out = real_add(self, *a, **kw)
        hit("commit")
        return out

    db.Store.add_results = add_results
    real_replace = snapshot._replace

    def _replace(tmp, target):
        hit("publish")
        return real_replace(tmp, target)

    snapshot._replace = _replace


def main() -> int:
    args = sys.argv[1:]
    if args[:1] == ["--pause"]:
        kind, n = args[1].split(":")
        pause_at(kind, int(n))
        args = args[2:]
    if args[:1] == ["--"]:
        args = args[1:]
    import veille.pipeline
    from reliability_helpers import NoModelExtractor
    from veille.cli.main import main as veille_main

    veille.pipeline.Extractor = NoModelExtractor  # what `veille ingest` builds, minus the model
    return veille_main(args)


if __name__ == "__main__":
    sys.exit(main())
