#!/usr/bin/env python3
"""Write a directory of hostile inputs mixed with good documents, and a manifest of what
veille must do with each one (tests/reliability reads it).

    python scripts/make_hostile_corpus.py OUT_DIR [--big-mb 50]

Every file is generated here, at test time: nothing binary is committed. The manifest
`OUT_DIR/expected.json` (kept outside the inputs: `OUT_DIR/inputs/` holds them) lists

- `good`: {where: doc_id} for documents that must be stored, and
- `rejected`: {where: code} for inputs that must be rejected with that error code,

where `where` is the path (or `path:line`, `path:item`) that veille reports.
"""
from __future__ import annotations

import argparse
import gzip
import json
import random
from pathlib import Path

FR = [
    "Le ministre français des Affaires étrangères a condamné mardi l'attaque contre l'ambassade "
    "de France à Bagdad. Paris accuse Damas d'avoir soutenu les assaillants.",
    "La Russie a rejeté lundi les accusations de l'Union européenne. Moscou dénonce des sanctions "
    "injustes et menace de riposter.",
    "Le président Emmanuel Macron a rencontré jeudi la chancelière allemande Angela Merkel à Berlin. "
    "Les deux dirigeants ont signé un accord sur la défense.",
    "L'Iran a annoncé samedi la libération de deux ressortissants britanniques. Londres a salué cette décision.",
    "La police a arrêté dimanche une vingtaine de manifestants devant le parlement à Kiev.",
    "Le gouvernement algérien a expulsé vendredi un diplomate marocain accusé d'espionnage.",
    "L'ONU a appelé mercredi à un cessez-le-feu immédiat au Yémen. Riyad a promis d'examiner la demande.",
]
EN = [
    "The United States accused Russia on Tuesday of violating the ceasefire in eastern Ukraine. "
    "Washington threatened new sanctions.",
    "China and India agreed on Friday to resume border talks after months of tension.",
]
RTL = "\u202eتم توقيع الاتفاق في القاهرة\u202c"  # Arabic with a right-to-left override
ZW = "\u200b\u200c\u200d\u2060\ufeff"


def _jsonl(rows: list[object]) -> str:
    return "".join((r if isinstance(r, str) else json.dumps(r, ensure_ascii=False)) + "\n" for r in rows)


def make_corpus(out: Path, big_mb: int = 50, seed: int = 0) -> dict:
    """Write the inputs under `out/inputs` and the manifest `out/expected.json`; return the manifest."""
    rng = random.Random(seed)
    inp = out / "inputs"
    inp.mkdir(parents=True, exist_ok=True)
    good: dict[str, str] = {}
    rejected: dict[str, str] = {}

    def write(name: str, data: bytes | str) -> Path:
        path = inp / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, str):
            data = data.encode("utf-8")
        path.write_bytes(data)
        return path

    # -- good documents, one of each format ------------------------------------------------
    p = write("good/article-fr.txt", "Attaque à Bagdad\n\n" + FR[0] + "\n")
    good[str(p)] = "article-fr"
    p = write("good/rtl-zero-width.txt",
              f"Tensions{ZW[0]} au Proche-Orient\n\n{FR[1].replace(' ', ' ' + ZW[0], 3)}\n{RTL}\n"
              f"Le mot\u200dclé est «\u2066paix\u2069».\n")
    good[str(p)] = "rtl-zero-width"
    p = write("good/page.html", "<!doctype html><html lang='fr'><head><title>Berlin</title></head><body>"
              f"<article><h1>Rencontre à Berlin</h1><p>{FR[2]}</p><p>{FR[2]}</p></article></body></html>")
    good[str(p)] = "page"
    p = write("good/feed.rss", "<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel>"
              "<title>Fil</title><language>fr</language>"
              f"<item><guid>rss-1</guid><title>Iran</title><description>{FR[3]}</description>"
              "<pubDate>Sat, 04 Mar 2017 10:00:00 GMT</pubDate></item></channel></rss>")
    good[f"{p}:1"] = "rss-1"
    p = write("good/bom-crlf.jsonl", "\ufeff" + json.dumps({"id": "crlf-1", "text": EN[0] + " Again."}) + "\r\n\r\n"
              + json.dumps({"id": "crlf-2", "text": FR[2] + " Encore."}) + "\r\n")
    good[f"{p}:1"] = "crlf-1"
    good[f"{p}:3"] = "crlf-2"
    try:  # a directory symlink loop must not make the directory walk recurse forever
        (inp / "good" / "loop").symlink_to(inp, target_is_directory=True)
    except OSError:
        pass

    # -- plain text files -----------------------------------------------------------------------
    rejected[str(write("txt/empty.txt", b""))] = "E201"
    rejected[str(write("txt/whitespace.txt", " \n\t\r\n   \n"))] = "E201"
    rejected[str(write("txt/binary.txt", bytes(rng.randrange(256) for _ in range(4096)) + b"\x00"))] = "E202"
    rejected[str(write("txt/png-header.txt", b"\x89PNG\r\n\x1a\n" + bytes(range(1, 256)) * 4))] = "E202"
    rejected[str(write("txt/invalid-utf8.txt", FR[0].encode("utf-8")[:60] + b"\xff\xfe\xc3" + b" suite."))] = "E202"
    rejected[str(write("txt/latin1.txt", FR[1].encode("latin-1")))] = "E202"
    rejected[str(write("txt/utf16.txt", FR[1].encode("utf-16")))] = "E202"
    rejected[str(write("txt/punctuation.txt", "!!! ??? ... ;;; --- « » … (*) [] {} ¡¿ ・ 。\n" * 20))] = "E800"
    rejected[str(write("txt/zero-width-only.txt", (ZW * 50 + "\u202e\u202c") * 10))] = "E800"
    rejected[str(write("txt/control-chars.txt", "".join(chr(c) for c in range(1, 32) if c not in (10,)) * 10))] = "E800"
    big = inp / "txt" / "huge-line.txt"
    with open(big, "wb") as fh:  # one line of big_mb MiB, written in chunks
        chunk = ("Paris accuse Moscou " * 3277)[: 1 << 16].encode()
        for _ in range(big_mb * 16):
            fh.write(chunk)
    rejected[str(big)] = "E801"

    # -- JSONL: one document per line ---------------------------------------------------------
    lines: list[tuple[object, str | None]] = [
        ({"id": "jl-good-1", "text": FR[4], "date": "2017-03-05"}, "jl-good-1"),
        ("{broken", "E203"),
        ('{"id": "cut", "text": "La Russie a rej', "E203"),
        ("[1, 2, 3]", "E203"),
        ('"just a string"', "E203"),
        ("null", "E203"),
        ({"id": "no-text"}, "E204"),
        ({"id": "text-int", "text": 5}, "E204"),
        ({"id": "text-list", "text": ["a", "b"]}, "E204"),
        ({"id": True, "text": FR[1]}, "E204"),
        ({"id": {"a": 1}, "text": FR[1]}, "E204"),
        ({"id": "title-list", "text": FR[1], "title": ["x"]}, "E204"),
        ({"id": "lang-int", "text": FR[1], "lang": 5}, "E204"),
        ({"id": "date-int", "text": FR[1], "date": 20170101}, "E204"),
        ({"id": "feb-30", "text": FR[1], "date": "2017-02-30"}, "E208"),
        ({"id": "month-13", "text": FR[1], "date": "2017-13-01"}, "E208"),
        ({"id": "year-0", "text": FR[1], "date": "0000-01-01"}, "E208"),
        ({"id": "words", "text": FR[1], "date": "yesterday"}, "E208"),
        ({"id": "empty-text", "text": "   "}, "E201"),
        ({"id": "punct", "text": "?!… — ;;; «»"}, "E800"),
        ({"id": "lang-xx", "text": FR[1] + " Version xx.", "lang": "xx"}, "E209"),
        ('{"id": "surrogate", "text": "Paris \\ud800 accuse Moscou."}', "E202"),
        ('{"id": "nul", "text": "Paris\\u0000 accuse Moscou."}', "E202"),
        ('{"id": "huge-int", "text": "x", "n": ' + "9" * 5000 + "}", "E203"),
        ("[" * 100_000 + "]" * 100_000, "E203"),
        ({"id": "jl-good-2", "text": EN[0], "lang": "en", "date": "2017-03-07"}, "jl-good-2"),
        ({"id": "jl-good-3", "text": EN[1] + " " + RTL + ZW, "lang": "en", "date": "2017-03-10"}, "jl-good-3"),
    ]
    path = inp / "jsonl" / "mixed.jsonl"
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "wb") as fh:
        for i, (row, want) in enumerate(lines, 1):
            fh.write((row if isinstance(row, str) else json.dumps(row, ensure_ascii=False)).encode() + b"\n")
            (good if want and not want.startswith("E") else rejected)[f"{path}:{i}"] = want
        n = len(lines) + 1
        fh.write(b'{"id": "bad-bytes", "text": "Paris \xff\xfe accuse."}\n')
        rejected[f"{path}:{n}"] = "E202"
        fh.write(b"\n")  # a blank line is not a document
        fh.write(json.dumps({"id": "jl-good-4", "text": FR[5], "date": "2017-03-04"}).encode() + b"\n")
        good[f"{path}:{n + 2}"] = "jl-good-4"
    big = inp / "jsonl" / "huge-line.jsonl"
    with open(big, "wb") as fh:
        fh.write(b'{"id": "huge", "text": "')
        chunk = ("Paris accuse Moscou " * 3277)[: 1 << 16].encode()
        for _ in range(big_mb * 16):
            fh.write(chunk)
        fh.write(b'"}\n')
        fh.write(json.dumps({"id": "after-huge", "text": FR[2]}).encode() + b"\n")
    rejected[f"{big}:1"] = "E801"
    good[f"{big}:2"] = "after-huge"
    p = write("jsonl/not-gzip.jsonl.gz", _jsonl([{"id": "plain", "text": FR[0]}]))
    rejected[str(p)] = "E202"
    full = gzip.compress(_jsonl([{"id": "gz-good", "text": FR[4] + " Bis."}, {"id": "gz-lost", "text": FR[0] * 40}]).encode())
    p = write("jsonl/truncated.jsonl.gz", full[: len(full) - 40])
    good[f"{p}:1"] = "gz-good"
    rejected[str(p)] = "E202"

    # -- HTML -----------------------------------------------------------------------------------
    rejected[str(write("html/empty.html", b""))] = "E201"
    rejected[str(write("html/no-body.html", "<html><head><title>Rien</title></head></html>"))] = "E207"
    rejected[str(write("html/only-script.html", "<html><body><script>alert(1)</script></body></html>"))] = "E207"
    rejected[str(write("html/binary.html", bytes(rng.randrange(256) for _ in range(2048))))] = "E207"
    rejected[str(write("html/deep.html", "<html><body>" + "<div>" * 20_000 + FR[0] + "</div>" * 20_000
                       + "</body></html>"))] = "E207"

    # -- feeds ----------------------------------------------------------------------------------
    item = "<item><guid>{g}</guid><title>T</title><description>{d}</description></item>"
    feed = ("<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel><title>F</title>"
            + item.format(g="trunc-1", d=FR[1]) + item.format(g="trunc-2", d=FR[2]) + "</channel></rss>")
    p = write("feeds/truncated.rss", feed[: feed.index("trunc-2") + 30])
    good[f"{p}:1"] = "trunc-1"
    rejected[str(p)] = "E207"  # not well-formed; item 2 is cut, so not read
    rejected[str(write("feeds/empty.rss", b""))] = "E207"
    rejected[str(write("feeds/not-xml.rss", "ceci n'est pas un flux"))] = "E207"
    rejected[str(write("feeds/no-items.xml", "<?xml version='1.0'?><rss><channel><title>x</title></channel></rss>"))] = "E207"
    p = write("feeds/empty-item.rss", "<?xml version='1.0'?><rss version='2.0'><channel><title>x</title>"
              "<item><guid>e1</guid><title>vide</title><description></description></item>"
              + item.format(g="ok-2", d=FR[6]) + "</channel></rss>")
    rejected[f"{p}:1"] = "E201"
    good[f"{p}:2"] = "ok-2"
    laughs = ("<?xml version='1.0'?><!DOCTYPE lolz [<!ENTITY lol 'lol'>"
              + "".join(f"<!ENTITY lol{i} '{('&lol' + str(i - 1) + ';') * 10 if i > 1 else '&lol;' * 10}'>" for i in range(1, 10))
              + "]><rss version='2.0'><channel><title>x</title><item><guid>b1</guid><description>&lol9;</description>"
              "</item></channel></rss>")
    rejected[str(write("feeds/billion-laughs.rss", laughs))] = "E207"
    p = write("feeds/deep.atom", "<?xml version='1.0'?><feed xmlns='http://www.w3.org/2005/Atom'><entry>"
              "<id>deep-1</id><title>t</title><summary>" + "<b>" * 5_000 + "</b>" * 5_000
              + "</summary></entry></feed>")
    rejected[f"{p}:1"] = "E201"  # markup and no text

    manifest = {"good": good, "rejected": rejected, "inputs": str(inp)}
    (out / "expected.json").write_text(json.dumps(manifest, indent=1, ensure_ascii=False), encoding="utf-8")
    return manifest


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("--big-mb", type=int, default=50, help="size of the single-line files (MiB)")
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args()
    m = make_corpus(args.out, args.big_mb, args.seed)
    print(f"{len(m['good'])} good documents, {len(m['rejected'])} hostile inputs under {m['inputs']}")


if __name__ == "__main__":
    main()
