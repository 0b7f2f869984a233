"""Generic mentions from the document context (engine/actor_context.py), on hand-built parses."""
from __future__ import annotations

import pytest

from veille.engine.actors import ActorResolver
from veille.gazetteer import load_gazetteer
from veille.lang import load_language

DEF = "Definite=Def|Number=Plur|PronType=Art"
IND = "Definite=Ind|Number=Plur|PronType=Art"


@pytest.fixture(scope="module")
def resolver():
    return ActorResolver(load_language("fr"), load_gazetteer())


def _story(det: str, det_morph: str, noun: str, lemma: str, extra_states: int = 0) -> list[tuple]:
    """'La Syrie accuse la Syrie . Damas accuse Damas . <det> <noun> ont attaqué' with optional
    mentions of Turkey (to take the focus away)."""
    rows = [("La", "le", "DET", "det", 1, "Definite=Def"), ("Syrie", "Syrie", "PROPN", "nsubj", 2),
            ("accuse", "accuser", "VERB", "ROOT", 2), ("Damas", "Damas", "PROPN", "obj", 2),
            (".", ".", "PUNCT", "punct", 2), ("Damas", "Damas", "PROPN", "nsubj", 6),
            ("dénonce", "dénoncer", "VERB", "ROOT", 6), (".", ".", "PUNCT", "punct", 6)]
    for _ in range(extra_states):
        n = len(rows)
        rows += [("Ankara", "Ankara", "PROPN", "nsubj", n + 1), ("répond", "répondre", "VERB", "ROOT", n + 1),
                 (".", ".", "PUNCT", "punct", n + 1)]
    n = len(rows)
    rows += [(det, "le" if det != "des" else "un", "DET", "det", n + 1, det_morph),
             (noun, lemma, "NOUN", "nsubj", n + 3), ("ont", "avoir", "AUX", "aux", n + 3),
             ("attaqué", "attaquer", "VERB", "ROOT", n + 3)]
    return rows


@pytest.mark.parametrize("det,morph,noun,lemma,extra,key,role", [
    ("les", DEF, "forces", "force", 0, "SYR", "MIL"),          # a state's apparatus in a story about it
    ("les", DEF, "rebelles", "rebelle", 0, "FSA", "REB"),      # the rebels of Syria (org-ids: FSA)
    ("des", IND, "rebelles", "rebelle", 0, None, None),        # indefinite: someone new
    ("les", "", "forces", "force", 0, "SYR", "MIL"),           # untagged article ('l’'): from the cue list
    ("les", DEF, "forces", "force", 3, None, None),            # Turkey as present as Syria: no focus state
])
def test_focus_state(resolver, doc_builder, det, morph, noun, lemma, extra, key, role):
    doc = doc_builder([r if len(r) > 5 else (*r, "") for r in _story(det, morph, noun, lemma, extra)])
    state = resolver.scan(doc, "2017-01-01")
    target = next(t for t in doc if t.text == noun)
    ents = resolver.entities(state, target)
    got = (ents[0].key, ents[0].role) if ents else (None, None)
    assert got == (key, role)


def _police_aside(break_after_aside: bool):
    """'La France, Paris, la France. ¶ La police belge a arrêté des manifestants. [¶] La police a chargé.'"""
    import spacy

    from tests.conftest import make_doc
    rows = [("La", "le", "DET", "det", 1), ("France", "France", "PROPN", "ROOT", 1), (",", ",", "PUNCT", "punct", 3),
            ("Paris", "Paris", "PROPN", "conj", 1), (",", ",", "PUNCT", "punct", 6), ("la", "le", "DET", "det", 6),
            ("France", "France", "PROPN", "conj", 1), (".", ".", "PUNCT", "punct", 1),
            ("\n", "\n", "SPACE", "dep", 1),
            ("La", "le", "DET", "det", 10), ("police", "police", "NOUN", "nsubj", 13),
            ("belge", "belge", "ADJ", "amod", 10), ("a", "avoir", "AUX", "aux:tense", 13),
            ("arrêté", "arrêter", "VERB", "ROOT", 13, "Tense=Past|VerbForm=Part"), ("des", "un", "DET", "det", 15),
            ("manifestants", "manifestant", "NOUN", "obj", 13), (".", ".", "PUNCT", "punct", 13)]
    n = len(rows)
    if break_after_aside:
        rows.append(("\n", "\n", "SPACE", "dep", 13))
        n += 1
    rows += [("La", "le", "DET", "det", n + 1), ("police", "police", "NOUN", "nsubj", n + 3),
             ("a", "avoir", "AUX", "aux:tense", n + 3), ("chargé", "charger", "VERB", "ROOT", n + 3, "Tense=Past|VerbForm=Part"),
             (".", ".", "PUNCT", "punct", n + 3)]
    return make_doc(spacy.blank("fr").vocab, rows), n + 1


def test_a_bare_title_after_a_paragraph_on_another_state_is_the_story_state(fr):
    _, actors, _ = fr
    doc, police = _police_aside(True)
    state = actors.scan(doc, "2018-12-08")
    assert [e.key for e in actors.entities(state, doc[10])] == ["BEL"]
    assert [(e.key, e.role) for e in actors.entities(state, doc[police])] == [("FRA", "COP")]


def test_a_bare_title_in_the_same_paragraph_keeps_the_state_just_named(fr):
    _, actors, _ = fr
    doc, police = _police_aside(False)
    state = actors.scan(doc, "2018-12-08")
    assert [e.key for e in actors.entities(state, doc[10])] == ["BEL"]
    assert [e.key for e in actors.entities(state, doc[police])] == ["BEL"]
