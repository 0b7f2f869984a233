"""English newswire regression suite: realistic wire sentences for the 16 PLOVER types and
sentences that must code nothing, read from newswire_cases.tsv (expectations written from the
coding guide and the CAMEO codebook). Each required row must be coded with its dyad, type,
CAMEO code and modality; each sentence must code nothing that none of its rows accepts."""
from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pytest

CASES = Path(__file__).with_name("newswire_cases.tsv")
FIELDS = ("id", "text", "actor", "type", "recipient", "cameo", "modality", "status")


def _rows() -> list[dict]:
    lines = [ln for ln in CASES.read_text("utf-8").splitlines() if ln and not ln.startswith("#")]
    assert lines[0].split("\t") == list(FIELDS)
    rows = [dict(zip(FIELDS, ln.split("\t"))) for ln in lines[1:]]
    assert all(len(r) == len(FIELDS) for r in rows)
    return rows


ROWS = _rows()
BY_TEXT: dict[str, list[dict]] = defaultdict(list)
for _row in ROWS:
    BY_TEXT[_row["text"]].append(_row)


def _accepts(field: str, value: str | None) -> bool:
    return field == "*" or (value or "-") in field.split("|")


def _dyad_matches(row: dict, ev) -> bool:
    rec = ev.recipient.key if ev.recipient else None
    if not _accepts(row["type"], ev.type):
        return False
    if _accepts(row["actor"], ev.actor.key) and _accepts(row["recipient"], rec):
        return True
    return ev.symmetric and rec is not None and _accepts(row["actor"], rec) and _accepts(row["recipient"], ev.actor.key)


def _xfail(status: str, kind: str) -> list:
    """The strict xfail mark of a status item 'kind: reason' (items separated by ';')."""
    reasons = [item.split(":", 1)[1].strip() for item in status.split(";") if item.strip().startswith(kind + ":")]
    return [pytest.mark.xfail(reason=reasons[0], strict=True)] if reasons else []


def _describe(events) -> list[tuple]:
    return [(e.actor.key, e.type, e.recipient.key if e.recipient else None, e.cameo, e.modality) for e in events]


@pytest.fixture(scope="module")
def coded():
    """The events veille codes on each sentence of the suite (one extraction per sentence)."""
    from veille.pipeline import Extractor
    from veille.records import Document
    from veille.settings import Settings

    extractor = Extractor(Settings())
    cache: dict[str, list] = {}

    def events(text: str) -> list:
        if text not in cache:
            cache[text] = extractor.process(Document(id="t", text=text, date="2024-03-05", lang="en")).events
        return cache[text]
    return events


def test_suite_covers_every_plover_type():
    from veille.ontology.model import PLOVER_TYPES
    required = [r for r in ROWS if r["type"] != "NONE" and not r["status"].startswith("optional")]
    counts = {t: len({r["text"] for r in required if r["type"] == t}) for t in PLOVER_TYPES}
    assert min(counts.values()) >= 4, counts
    assert len({r["text"] for r in ROWS if r["type"] == "NONE"}) >= 15


@pytest.mark.model
@pytest.mark.parametrize("row", [pytest.param(r, id=r["id"], marks=_xfail(r["status"], "xfail")) for r in ROWS
                                 if r["type"] != "NONE" and not r["status"].startswith("optional")])
def test_expected_event_is_coded(coded, row):
    events = coded(row["text"])
    found = [e for e in events if _dyad_matches(row, e)]
    assert found, f"no {row['actor']} {row['type']} {row['recipient']} in {_describe(events)}"
    assert any(_accepts(row["cameo"], e.cameo) for e in found), _describe(found)
    assert any(_accepts(row["cameo"], e.cameo) and _accepts(row["modality"], e.modality) for e in found), _describe(found)


@pytest.mark.model
@pytest.mark.parametrize("text", [pytest.param(t, id=rows[0]["id"], marks=_xfail(";".join(r["status"] for r in rows),
                                                                                  "xfail-precision"))
                                  for t, rows in BY_TEXT.items()])
def test_nothing_spurious_is_coded(coded, text):
    rows = [r for r in BY_TEXT[text] if r["type"] != "NONE"]
    spurious = [e for e in coded(text) if not any(_dyad_matches(r, e) for r in rows)]
    assert not spurious, _describe(spurious)
