"""veille's own CPU cost per document, parsing excluded: the coder alone over parsed docs.

Parses the first N documents of a JSONL corpus once (as `veille extract` does, with the
same pipeline), then runs the French `DocumentCoder` over the parsed docs and prints its
CPU seconds per 100 documents (best of `--repeat` passes; CPU time, which a shared
machine disturbs much less than wall time). `--profile` prints the top functions by own
time and by cumulative time (cProfile) of one more pass; `--dump FILE` writes, for each
document, every event, quote and date expression the coder found plus every entity the
actor resolver resolved, as one JSON line, so that two versions of the code can be
compared byte for byte (`diff`).

    python bench/coder_profile.py --limit 200 --repeat 3 --profile 30
    python bench/coder_profile.py --corpus /tmp/sample.jsonl --limit 300 --dump /tmp/after.jsonl
"""
from __future__ import annotations

import argparse
import cProfile
import dataclasses
import json
import os
import pstats
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from throughput import default_corpus  # noqa: E402


def _cpu() -> float:
    t = os.times()
    return t.user + t.system


def _documents(corpus: Path, limit: int) -> list:
    from veille.ingest.readers import read_paths
    out = []
    for item in read_paths([str(corpus)], date=None, lang="fr"):
        if not isinstance(item, Exception):
            out.append(item)
        if len(out) >= limit:
            break
    return out


def _dump_line(document, doc, coder) -> str:
    """Everything the coder derives from one document, including the actor resolver's cache."""
    seen = []
    scan = coder.actors.scan
    coder.actors.scan = lambda d, date: seen.append(scan(d, date)) or seen[-1]  # keep the state to dump it
    try:
        result = coder._code(document, doc)
    finally:
        del coder.actors.scan
    state = seen[0] if seen else None
    row = {"id": document.id, "events": [e.to_dict() for e in result.events],
           "quotes": [q.to_dict() for q in result.quotes], "timexes": [t.to_dict() for t in result.timexes]}
    if state is not None:
        row["actors"] = {str(i): [dataclasses.asdict(e) for e in ents] for i, ents in sorted(state.cache.items())}
    return json.dumps(row, ensure_ascii=False, sort_keys=True)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=None, help="JSONL corpus (default: the bundled one)")
    ap.add_argument("--limit", type=int, default=200)
    ap.add_argument("--repeat", type=int, default=3, help="timed passes over the parsed docs (best is shown)")
    ap.add_argument("--profile", type=int, default=0, metavar="N", help="print the top N functions of one pass")
    ap.add_argument("--save", type=Path, default=None, help="with --profile: save the raw cProfile stats here")
    ap.add_argument("--dump", type=Path, default=None, help="write every document's full result here")
    args = ap.parse_args(argv)

    from veille.engine.coder import DocumentCoder
    from veille.nlp.components import parse_paragraphs
    from veille.settings import load_settings

    documents = _documents(args.corpus or default_corpus(), args.limit)
    coder = DocumentCoder.load("fr", load_settings())
    t0 = time.perf_counter()
    docs = list(parse_paragraphs(coder.nlp, [d.text for d in documents]))
    tokens = sum(len(d) for d in docs)
    print(f"{len(docs)} documents, {tokens} tokens, parsed in {time.perf_counter() - t0:.1f} s; "
          f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}")

    if args.dump:
        with args.dump.open("w", encoding="utf-8") as fh:
            for document, doc in zip(documents, docs):
                fh.write(_dump_line(document, doc, coder) + "\n")
        print(f"dump written to {args.dump}")

    best = None
    for _ in range(args.repeat):
        c0 = _cpu()
        for document, doc in zip(documents, docs):
            coder._code(document, doc)
        spent = _cpu() - c0
        best = spent if best is None else min(best, spent)
    if best is not None:
        print(f"coder CPU: {best:.2f} s for {len(docs)} documents = {100 * best / len(docs):.2f} s per 100 documents "
              f"(best of {args.repeat}); load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}")

    if args.profile:
        prof = cProfile.Profile()
        prof.enable()
        for document, doc in zip(documents, docs):
            coder._code(document, doc)
        prof.disable()
        if args.save:
            prof.dump_stats(str(args.save))
        stats = pstats.Stats(prof)
        stats.sort_stats("tottime").print_stats(args.profile)
        stats.sort_stats("cumulative").print_stats(args.profile)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
