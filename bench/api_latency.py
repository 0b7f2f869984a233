"""Latency of the REST API: start `veille serve` on a free loopback port in a second
process, send N requests (by default 1,000: /events with filters and /dyads/{a}/{b}),
one at a time over one keep-alive connection, and print median and p95 latency.

    .venv/bin/python bench/api_latency.py --db veille-demo.duckdb --requests 1000
    .venv/bin/python bench/api_latency.py --db /tmp/synth.duckdb --synthetic 100000   # builds it first

Request parameters are drawn (seeded) from the database's own most active entities,
dyads and event types, so filters hit real rows. Traffic goes to 127.0.0.1 only; the
loop is bounded by --requests and --max-seconds and the server is stopped at the end.
"""
from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import time
from urllib.parse import urlencode

import duckdb


def build_synthetic(db: str, n_events: int, seed: int) -> None:
    """A database of `n_events` hand-made events (no NLP): 10 events per document, 20
    countries, 16 PLOVER types, days over 2015-2018. For latency at scale only."""
    import datetime as dt

    from veille.ontology.model import PLOVER_TYPES
    from veille.records import Document, DocumentResult, Entity, Event, Evidence
    from veille.store import Store

    rng = random.Random(seed)
    keys = ["FRA", "RUS", "USA", "DEU", "GBR", "CHN", "UKR", "SYR", "TUR", "IRN", "ISR", "EGY", "MLI", "DZA",
            "MAR", "ITA", "ESP", "BEL", "CAN", "JPN"]
    quads = {"AGREE": 1, "CONSULT": 1, "SUPPORT": 1, "CONCEDE": 2, "COOPERATE": 2, "AID": 2, "RETREAT": 2,
             "REQUEST": 1, "ACCUSE": 3, "REJECT": 3, "THREATEN": 3, "PROTEST": 3, "SANCTION": 4, "MOBILIZE": 4,
             "COERCE": 4, "ASSAULT": 4}
    sentence = "Le pays A fait quelque chose au pays B. "
    with Store.open(db) as store:
        batch = []
        for d in range(n_events // 10):
            day = dt.date(2015, 1, 1) + dt.timedelta(days=rng.randrange(4 * 365))
            text = f"Dépêche {d}. " + sentence * 10
            doc = Document(id=f"synth-{d}", text=text, date=day.isoformat(), title=f"Dépêche {d}", lang="fr")
            events = []
            for i in range(10):
                a, b = rng.sample(keys, 2)
                kind = rng.choice(PLOVER_TYPES)
                start = len(f"Dépêche {d}. ") + i * len(sentence)
                ev = Event(doc_id=doc.id, type=kind, cameo="010", actor=Entity(text=a, key=a),
                           recipient=Entity(text=b, key=b), date=day.isoformat(), date_precision="day",
                           modality="asserted", lang="fr", quad_class=quads[kind],
                           score=rng.uniform(-10, 10), goldstein=rng.uniform(-10, 10),
                           evidence=Evidence(sentence=i + 1, start=start, end=start + len(sentence) - 1,
                                             text=sentence[:-1], trigger="fait", trigger_start=start + 9,
                                             trigger_end=start + 13))
                ev.assign_id()
                events.append(ev)
            batch.append(DocumentResult(document=doc, lang="fr", events=events))
            if len(batch) == 1000:
                store.add_results(batch)
                batch = []
        store.add_results(batch)


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def sample_space(db: str) -> dict:
    con = duckdb.connect(db, read_only=True)
    try:
        keys = [r[0] for r in con.execute(
            "SELECT actor_key, count(*) n FROM events WHERE actor_key IS NOT NULL GROUP BY 1 ORDER BY n DESC LIMIT 20"
        ).fetchall()]
        dyads = [(a, b) for a, b, _ in con.execute(
            "SELECT actor_key, recipient_key, count(*) n FROM events WHERE actor_key IS NOT NULL AND "
            "recipient_key IS NOT NULL GROUP BY 1, 2 ORDER BY n DESC LIMIT 20").fetchall()]
        types = [r[0] for r in con.execute("SELECT DISTINCT type FROM events ORDER BY 1").fetchall()]
        first, last = con.execute("SELECT min(date_first), max(date_last) FROM events").fetchall()[0]
        counts = con.execute("SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM events)").fetchall()[0]
    finally:
        con.close()
    if not keys or not dyads:
        sys.exit(f"{db}: no events with actors and recipients to query; ingest some documents first")
    return {"keys": keys, "dyads": dyads, "types": types, "first": first, "last": last,
            "documents": counts[0], "events": counts[1]}


def make_requests(space: dict, n: int, seed: int) -> list[tuple[str, str]]:
    rng = random.Random(seed)
    years = sorted({space["first"].year, space["last"].year}) if space["first"] else [2017]
    out = []
    for i in range(n):
        kind = i % 4
        if kind == 0:
            params = {"actor": rng.choice(space["keys"]), "limit": 50}
        elif kind == 1:
            a, b = rng.choice(space["dyads"])
            params = {"actor": a, "recipient": b, "type": rng.choice(space["types"]) if rng.random() < .5 else None,
                      "since": f"{rng.randint(years[0], years[-1])}-01-01", "limit": 100}
        elif kind == 2:
            params = {"type": rng.choice(space["types"]), "limit": 100, "offset": rng.choice([0, 0, 100])}
        else:
            a, b = rng.choice(space["dyads"])
            out.append(("dyads", f"/dyads/{a}/{b}?" + urlencode({"by": rng.choice(["month", "week"])})))
            continue
        out.append(("events", "/events?" + urlencode({k: v for k, v in params.items() if v is not None})))
    return out


def wait_ready(host: str, port: int, proc: subprocess.Popen, deadline_s: float) -> None:
    end = time.monotonic() + deadline_s
    while True:
        try:
            conn = http.client.HTTPConnection(host, port, timeout=5)
            conn.request("GET", "/openapi.json")
            if conn.getresponse().status == 200:
                conn.close()
                return
        except OSError:
            pass
        if proc.poll() is not None or time.monotonic() > end:
            raise SystemExit("veille serve did not start")
        time.sleep(0.2)


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", required=True, help="database written by veille ingest")
    ap.add_argument("--requests", type=int, default=1000)
    ap.add_argument("--warmup", type=int, default=20, help="requests sent first and not counted")
    ap.add_argument("--max-seconds", type=float, default=300, help="stop early after this long")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--synthetic", type=int, default=0, metavar="N",
                    help="first build --db (which must not exist) with N hand-made events")
    args = ap.parse_args(argv)
    if args.synthetic:
        if os.path.exists(args.db):
            sys.exit(f"{args.db} exists; --synthetic builds a new database")
        build_synthetic(args.db, args.synthetic, args.seed)

    space = sample_space(args.db)
    plan = make_requests(space, args.requests + args.warmup, args.seed)
    host, port = "127.0.0.1", free_port()
    server = subprocess.Popen([sys.executable, "-m", "veille.cli.main", "serve", "--db", args.db,
                               "--host", host, "--port", str(port)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    times: dict[str, list[float]] = {"events": [], "dyads": []}
    errors = 0
    try:
        wait_ready(host, port, server, 60)
        conn = http.client.HTTPConnection(host, port, timeout=30)
        stop = time.monotonic() + args.max_seconds
        for i, (kind, path) in enumerate(plan):
            if time.monotonic() > stop:
                break
            t0 = time.perf_counter()
            conn.request("GET", path)
            resp = conn.getresponse()
            body = resp.read()
            elapsed = (time.perf_counter() - t0) * 1000
            if resp.status != 200:
                errors += 1
            elif i == 0:
                json.loads(body)
            if i >= args.warmup:
                times[kind].append(elapsed)
        conn.close()
    finally:
        server.terminate()
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
    every = times["events"] + times["dyads"]
    print(f"database: {args.db} ({space['documents']} documents, {space['events']} events); "
          f"server: veille serve (uvicorn, 1 process) on {host}; CPUs: {os.cpu_count()}")
    print(f"{len(every)} requests counted (+{args.warmup} warm-up), sequential, one keep-alive connection; "
          f"{errors} non-200")
    print(f"{'route':<10} {'n':>5} {'median ms':>10} {'p95 ms':>8} {'max ms':>8}")
    for name, values in (("/events", times["events"]), ("/dyads", times["dyads"]), ("all", every)):
        if values:
            print(f"{name:<10} {len(values):>5} {statistics.median(values):>10.1f} {pct(values, .95):>8.1f} "
                  f"{max(values):>8.1f}")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
