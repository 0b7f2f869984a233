"""How many events collapse into how many stories, on a database built by veille ingest,
and a sample of multi-event stories to read (each member: document, date, language,
evidence sentence, similarity to the representative sentence).

    veille ingest ../shared/data/corpus/wikinews-fr-2016-2018.jsonl --db /tmp/stories.duckdb --workers 2
    python bench/stories_report.py --db /tmp/stories.duckdb [--sample 15] [--thresholds 0.45 0.55 0.65]

Builds (and stores) the stories with the default parameters first, then regroups in
memory at the other similarity thresholds to show how sensitive the count is.
"""
from __future__ import annotations

import argparse
import dataclasses
import time
from collections import Counter

import numpy as np

from veille.analysis.stories import build_stories, compute_stories, stories
from veille.analysis.stories_encoder import default_encoder
from veille.analysis.stories_group import StoryParams
from veille.store import Store


def _sizes(found) -> str:
    counts = Counter(s.mentions for s in found)
    return ", ".join(f"{k}:{v}" for k, v in sorted(counts.items()))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", required=True)
    ap.add_argument("--sample", type=int, default=15, help="multi-event stories to print")
    ap.add_argument("--thresholds", type=float, nargs="*", default=[0.45, 0.55, 0.65, 0.75])
    args = ap.parse_args()
    encoder = default_encoder()
    with Store.open(args.db) as store:
        t0 = time.monotonic()
        report = build_stories(store, encoder)
        t1 = time.monotonic()
        again = build_stories(store, encoder)
        t2 = time.monotonic()
        found = stories(store)
        docs = store.counts()["documents"]
        print(f"database: {args.db}: {docs} documents, {report.events} events")
        print(f"params: {report.params.as_dict()}, encoder {report.encoder}")
        print(f"build: {t1 - t0:.1f}s ({report.encoded} sentences encoded; the model loads only if one is); "
              f"rebuild: {t2 - t1:.1f}s ({again.encoded} encoded)")
        multi = [s for s in found if s.mentions > 1]
        cross_doc = [s for s in multi if s.documents > 1]
        cross_lang = [s for s in multi if len(s.langs) > 1]
        print(f"{report.events} events -> {report.stories} stories; {len(multi)} stories have more than one event "
              f"({sum(s.mentions for s in multi)} events), {len(cross_doc)} span several documents, "
              f"{len(cross_lang)} several languages")
        print(f"story sizes (events:stories): {_sizes(found)}")
        for th in args.thresholds:
            params = dataclasses.replace(report.params, min_similarity=th)
            alt, _ = compute_stories(store, encoder, params)
            m = [s for s in alt if s.mentions > 1]
            print(f"  min_similarity {th:.2f}: {len(alt)} stories, {len(m)} multi-event "
                  f"({sum(s.documents > 1 for s in m)} across documents)")
        rows = {r[0]: r[1:] for r in store.con.execute(
            "SELECT e.event_id, e.doc_id, e.date, e.lang, coalesce(d.title, '') FROM events e "
            "LEFT JOIN documents d USING (doc_id)").fetchall()}
        vectors = store.story_vectors(encoder.name)
        sample = sorted(multi, key=lambda s: (-s.documents, -s.mentions, s.date_first or "", s.story_id))
        print(f"\nsample: {min(args.sample, len(sample))} of {len(sample)} multi-event stories "
              f"(most documents first)")
        for s in sample[:args.sample]:
            print(f"\n[{s.story_id}] {s.type} {s.actor} -> {s.recipient} {s.date_first}..{s.date_last} "
                  f"mentions={s.mentions} documents={s.documents} sources={s.sources} langs={','.join(s.langs)}")
            rep = np.asarray(vectors[s.evidence_event_id])
            for e in s.event_ids:
                doc_id, date, lang, title = rows[e]
                sim = float(np.asarray(vectors[e]) @ rep)
                text = " ".join(store.event(e)["evidence"]["text"].split())
                mark = "*" if e == s.evidence_event_id else " "
                print(f"  {mark} {sim:.2f} {date} {lang} doc={doc_id} «{title[:50]}»\n      {text[:200]}")


if __name__ == "__main__":
    main()
