"""Hand-built DocumentResults for storage tests (no spaCy model needed)."""
from __future__ import annotations

from veille.records import Document, DocumentResult, Entity, Event, Evidence, Location, Quote, Speaker, Timex


def make_result(doc_id: str = "d1", text: str = "La France condamne la Russie. Paris accuse Moscou.",
                url: str | None = None, date: str = "2017-03-14", n_events: int = 2) -> DocumentResult:
    doc = Document(id=doc_id, text=text, date=date, title="Titre", lang="fr", url=url, source=f"{doc_id}.txt")
    events = []
    for i in range(n_events):
        ev = Event(
            doc_id=doc_id, type="ACCUSE" if i % 2 else "REJECT", cameo="112" if i % 2 else "120",
            actor=Entity(text="La France", key="FRA", country="FRA", role="GOV", code="FRAGOV"),
            recipient=Entity(text="la Russie", key="RUS", country="RUS"),
            date=date if i == 0 else date[:7], date_precision="day" if i == 0 else "month",
            modality="asserted",
            evidence=Evidence(sentence=i, start=i * 30, end=i * 30 + 29, text=text[i * 30:i * 30 + 29],
                              trigger="condamne", trigger_start=i * 30 + 10, trigger_end=i * 30 + 18),
            lang="fr", mode=None, contexts=["military"] if i else [], score=-5.0, goldstein=-2.0, quad_class=3,
            location=Location(text="Paris", country="FRA", lat=48.85, lon=2.35) if i == 0 else None,
            reported_by=Entity(text="Le Monde", key=None, role="MED") if i else None,
            provenance={"veille": "test", "model": "none"},
        )
        ev.assign_id()
        events.append(ev)
    quotes = [Quote(doc_id=doc_id, kind="direct", content="non", start=1, end=4, cue="dit",
                    speaker=Speaker(text="le ministre", key="FRA", role="GOV", keys=["FRA"]))]
    timexes = [Timex(start=0, end=5, text="hier", type="DATE", value="2017-03-13", precision="day")]
    return DocumentResult(document=doc, lang="fr", events=events, quotes=quotes, timexes=timexes)
