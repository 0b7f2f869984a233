"""A small hand-built database (no spaCy model) shared by analysis, API and web tests.

Dyad FRA/RUS: 2017-03: FRA->RUS ACCUSE (quad 3), FRA->RUS SANCTION (quad 4),
RUS->FRA REJECT (quad 3), symmetric CONSULT (quad 1, counts both ways);
2017-05: RUS->FRA AID (quad 2); one year-precision event (2017) left out of monthly
timelines. A hostile document carries <script> and onerror= in its title, text and
entity names."""
from __future__ import annotations

from pathlib import Path

from veille.records import Document, DocumentResult, Entity, Event, Evidence, Quote, Speaker
from veille.store import Store

FRA = dict(text="La France", key="FRA", country="FRA", role="GOV", name="France")
RUS = dict(text="la Russie", key="RUS", country="RUS", role="GOV", name="Russie")
XSS = '<script>alert("x")</script><img src=x onerror=alert(1)>'

TEXT1 = ("La France accuse la Russie. Paris sanctionne Moscou. Moscou rejette les accusations. "
         "Les deux pays se consultent.")
TEXT2 = "La Russie aide la France. En 2017, la France menace la Russie."
TEXT3 = f"Titre {XSS}. Le groupe {XSS} attaque la France."

SCORES = {"ACCUSE": (3, -3.0, -2.0, "112"), "SANCTION": (4, -6.0, -5.0, "163"), "REJECT": (3, -4.0, -4.0, "120"),
          "CONSULT": (1, 1.0, 1.0, "040"), "AID": (2, 6.0, 7.0, "070"), "THREATEN": (3, -5.0, -4.0, "130"),
          "ASSAULT": (4, -9.0, -9.0, "190")}


def _event(doc_id: str, text: str, sentence: str, trigger: str, kind: str, actor: dict, recipient: dict | None,
           date: str, precision: str = "day", symmetric: bool = False, n: int = 0) -> Event:
    start = text.index(sentence)
    t_start = text.index(trigger, start)
    quad, score, gold, cameo = SCORES[kind]
    ev = Event(doc_id=doc_id, type=kind, cameo=cameo, actor=Entity(**actor),
               recipient=Entity(**recipient) if recipient else None, date=date, date_precision=precision,
               modality="asserted", evidence=Evidence(sentence=n, start=start, end=start + len(sentence),
                                                      text=sentence, trigger=trigger, trigger_start=t_start,
                                                      trigger_end=t_start + len(trigger)),
               lang="fr", score=score, goldstein=gold, quad_class=quad, symmetric=symmetric,
               provenance={"veille": "test"})
    ev.assign_id()
    return ev


def results() -> list[DocumentResult]:
    d1 = Document(id="doc-1", text=TEXT1, date="2017-03-14", title="France et Russie", lang="fr", source="doc-1.txt")
    e1 = [
        _event("doc-1", TEXT1, "La France accuse la Russie.", "accuse", "ACCUSE", FRA, RUS, "2017-03-14", n=0),
        _event("doc-1", TEXT1, "Paris sanctionne Moscou.", "sanctionne", "SANCTION", FRA, RUS, "2017-03-15", n=1),
        _event("doc-1", TEXT1, "Moscou rejette les accusations.", "rejette", "REJECT", RUS, FRA, "2017-03-16", n=2),
        _event("doc-1", TEXT1, "Les deux pays se consultent.", "consultent", "CONSULT", FRA, RUS, "2017-03-20",
               symmetric=True, n=3),
    ]
    d2 = Document(id="doc-2", text=TEXT2, date="2017-05-02", title="Aide", lang="fr", source="doc-2.txt")
    e2 = [
        _event("doc-2", TEXT2, "La Russie aide la France.", "aide", "AID", RUS, FRA, "2017-05-02", n=0),
        _event("doc-2", TEXT2, "En 2017, la France menace la Russie.", "menace", "THREATEN", FRA, RUS, "2017",
               precision="year", n=1),
    ]
    d3 = Document(id="doc-3", text=TEXT3, date="2017-06-01", title=f"Alerte {XSS}", lang="fr", source="doc-3.txt")
    hostile = dict(text=f"le groupe {XSS}", key="XSSGRP", name=f"Groupe {XSS}", role="REB")
    e3 = [_event("doc-3", TEXT3, f"Le groupe {XSS} attaque la France.", "attaque", "ASSAULT", hostile, FRA,
                 "2017-06-01", n=1)]
    quotes = [Quote(doc_id="doc-1", kind="direct", content="Nous ne céderons pas", start=0, end=20, cue="déclare",
                    speaker=Speaker(text="le ministre", key="FRA", role="GOV", keys=["FRA"]), sentence=0)]
    return [DocumentResult(document=d1, lang="fr", events=e1, quotes=quotes),
            DocumentResult(document=d2, lang="fr", events=e2),
            DocumentResult(document=d3, lang="fr", events=e3)]


def build(path: Path) -> Path:
    with Store.open(path) as store:
        store.add_results(results())
    return path
