"""The engine's syntax helpers on a hand-built ClearNLP parse (no model): with the English
label map, prepositions head their objects and the object stands in for them."""
from __future__ import annotations

import spacy
from spacy.tokens import Doc

from veille.engine.syntax import Syntax
from veille.lang import load_language


def _doc(rows):
    nlp = spacy.blank("en")
    return Doc(nlp.vocab, words=[r[0] for r in rows], lemmas=[r[1] for r in rows], pos=[r[2] for r in rows],
               deps=[r[3] for r in rows], heads=[r[4] for r in rows])


# "Putin met with Xi in Beijing ." / "Israel was attacked by Hamas ."
MET = [("Putin", "Putin", "PROPN", "nsubj", 1), ("met", "meet", "VERB", "ROOT", 1), ("with", "with", "ADP", "prep", 1),
       ("Xi", "Xi", "PROPN", "pobj", 2), ("in", "in", "ADP", "prep", 1), ("Beijing", "Beijing", "PROPN", "pobj", 4),
       (".", ".", "PUNCT", "punct", 1)]
PASSIVE = [("Israel", "Israel", "PROPN", "nsubjpass", 2), ("was", "be", "AUX", "auxpass", 2),
           ("attacked", "attack", "VERB", "ROOT", 2), ("by", "by", "ADP", "agent", 2), ("Hamas", "Hamas", "PROPN", "pobj", 3),
           (".", ".", "PUNCT", "punct", 2)]


def test_obliques_are_the_objects_of_prepositions():
    syn = Syntax(load_language("en"))
    doc = _doc(MET)
    assert [t.text for t in syn.obliques(doc[1])] == ["Xi", "Beijing"]
    assert [t.text for t in syn.obliques(doc[1], {"with"})] == ["Xi"]
    assert syn.prep(doc[3]) == "with" and syn.prep(doc[5]) == "in"
    assert syn.has(doc[3], "obl") and not syn.has(doc[0], "obl")


def test_passive_agent_is_the_object_of_by():
    syn = Syntax(load_language("en"))
    doc = _doc(PASSIVE)
    assert syn.is_passive(doc[2])
    assert [t.text for t in syn.subjects(doc[2])] == ["Hamas"]
    assert [t.text for t in syn.objects(doc[2])] == ["Israel"]


def test_french_label_map_is_unaffected():
    syn = Syntax(load_language("fr"))
    nlp = spacy.blank("fr")
    doc = Doc(nlp.vocab, words=["Poutine", "rencontre", "Xi", "à", "Pékin"],
              deps=["nsubj", "ROOT", "obj", "case", "obl"], heads=[1, 1, 1, 4, 1])
    assert [t.text for t in syn.obliques(doc[1])] == ["Pékin"]
    assert syn.prep(doc[4]) == "à"


def test_a_root_has_no_governors():
    # spaCy creates a new Token object on each access, so the root is found by index, not identity
    syn = Syntax(load_language("en"))
    doc = _doc(MET)
    assert list(syn.governors(doc[1])) == []
    assert [t.i for t in syn.governors(doc[3])] == [2, 1]
