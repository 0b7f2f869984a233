"""Quote rules on hand-built parses (no model): the engine reads labels from the language's
label map and cues from quotes.json, so these pin the behaviour independently of a parser."""
from __future__ import annotations

import pytest

from veille.engine.actors import ActorResolver
from veille.engine.quotes import QuoteExtractor, attribute_events
from veille.gazetteer import load_gazetteer
from veille.lang import load_language
from veille.records import Entity, Event, Evidence, Quote, Speaker

# rows: (word, lemma, pos, dep, head, morph)
SEOUL_AFFIRME = [
    ("Séoul", "Séoul", "PROPN", "nsubj", 1), ("affirme", "affirmer", "VERB", "ROOT", 1),
    ("que", "que", "SCONJ", "mark", 5), ("le", "le", "DET", "det", 4), ("Nord", "Nord", "PROPN", "nsubj", 5),
    ("tire", "tirer", "VERB", "ccomp", 1), (".", ".", "PUNCT", "punct", 1)]
INCISE = [
    ("«", "«", "PUNCT", "punct", 2), ("Nous", "nous", "PRON", "nsubj", 2), ("partons", "partir", "VERB", "ROOT", 2),
    ("»", "»", "PUNCT", "punct", 2), (",", ",", "PUNCT", "punct", 6), ("a", "avoir", "AUX", "aux:tense", 6),
    ("dit", "dire", "VERB", "parataxis", 2), ("Séoul", "Séoul", "PROPN", "nsubj", 6), (".", ".", "PUNCT", "punct", 2)]
SELON = [
    ("Selon", "selon", "ADP", "case", 1), ("Séoul", "Séoul", "PROPN", "obl:mod", 6), (",", ",", "PUNCT", "punct", 6),
    ("le", "le", "DET", "det", 4), ("Nord", "Nord", "PROPN", "nsubj", 6), ("a", "avoir", "AUX", "aux:tense", 6),
    ("tiré", "tirer", "VERB", "ROOT", 6), (".", ".", "PUNCT", "punct", 6)]
FEELING = [
    ("Ankara", "Ankara", "PROPN", "nsubj", 1), ("craint", "craindre", "VERB", "ROOT", 1),
    ("que", "que", "SCONJ", "mark", 5), ("le", "le", "DET", "det", 4), ("Nord", "Nord", "PROPN", "nsubj", 5),
    ("tire", "tirer", "VERB", "ccomp", 1), (".", ".", "PUNCT", "punct", 1)]
NOUN_OBJECT = [
    ("Séoul", "Séoul", "PROPN", "nsubj", 2), ("a", "avoir", "AUX", "aux:tense", 2),
    ("annoncé", "annoncer", "VERB", "ROOT", 2), ("des", "un", "DET", "det", 4), ("sanctions", "sanction", "NOUN", "obj", 2),
    (".", ".", "PUNCT", "punct", 2)]
SCARE = [
    ("Séoul", "Séoul", "PROPN", "nsubj", 1), ("vise", "viser", "VERB", "ROOT", 1), ("l'", "le", "DET", "det", 3),
    ("organisation", "organisation", "NOUN", "obj", 1), ("«", "«", "PUNCT", "punct", 5),
    ("État", "État", "PROPN", "nmod", 3), ("islamique", "islamique", "ADJ", "amod", 5), ("»", "»", "PUNCT", "punct", 5),
    (".", ".", "PUNCT", "punct", 1)]

CASES = [
    ("indirect que", SEOUL_AFFIRME, [("indirect", "le Nord tire", "affirme", "KOR")]),
    ("direct, speaker after", INCISE, [("direct", "Nous partons", "a dit", "KOR")]),
    ("selon X", SELON, [("indirect", "le Nord a tiré", "Selon", "KOR")]),
    ("feeling is not speech", FEELING, []),
    ("speech verb with a noun object", NOUN_OBJECT, []),
    ("scare quotes around a name", SCARE, []),
]


@pytest.fixture(scope="module")
def extractor():
    data = load_language("fr")
    return QuoteExtractor(data, ActorResolver(data, load_gazetteer()))


@pytest.mark.parametrize("name,rows,expected", CASES, ids=[c[0] for c in CASES])
def test_rules(doc_builder, extractor, name, rows, expected):
    doc = doc_builder(rows)
    state = extractor.actors.scan(doc, "2023-11-17")
    found = extractor.extract(doc, state, "d")
    assert [(q.kind, q.content, q.cue, q.speaker.key) for q in found] == expected
    for q in found:
        assert doc.text[q.start:q.end] == q.content and q.sentence == 0


def _event(trigger_start: int, reported_by: Entity | None = None) -> Event:
    return Event(doc_id="d", type="ASSAULT", cameo="190", actor=Entity(text="x", key="PRK"), recipient=None,
                 date="2023-11-17", date_precision="publication", modality="asserted", lang="fr",
                 evidence=Evidence(sentence=0, start=0, end=50, text="", trigger="tiré", trigger_start=trigger_start),
                 reported_by=reported_by)


def test_events_inside_direct_quotes_are_reported_by_the_speaker():
    quote = Quote(doc_id="d", kind="direct", content="Le Nord a tiré", start=10, end=24, cue="a dit",
                  speaker=Speaker(text="Séoul", key="KOR", role="GOV"))
    indirect = Quote(doc_id="d", kind="indirect", content="x", start=30, end=40, cue="affirme",
                     speaker=Speaker(text="Tokyo", key="JPN", role="GOV"))
    inside, outside, already, in_indirect = _event(20), _event(5), _event(12, Entity(text="KCNA", key="PRK")), _event(32)
    attribute_events([inside, outside, already, in_indirect], [quote, indirect])
    assert inside.reported_by is not None and (inside.reported_by.key, inside.reported_by.role) == ("KOR", "GOV")
    assert inside.reported_by.code == "KORGOV"
    assert outside.reported_by is None and in_indirect.reported_by is None
    assert already.reported_by.key == "PRK"
