"""A plural personal pronoun ('they', 'them', 'their') stands for every entity of the closest plural nominal
before it (a coordination or a plural noun), and for nobody when that nominal names no entity: never for
one state or person named earlier. Hand-built English (ClearNLP) parses, no model."""
from __future__ import annotations

import pytest
import spacy

from tests.conftest import code_dyads, make_doc

PAST = "Tense=Past|VerbForm=Fin"
INF = "VerbForm=Inf"
THEY = "Case=Nom|Number=Plur|Person=3|PronType=Prs"
THEM = "Case=Acc|Number=Plur|Person=3|PronType=Prs"
SING = "Number=Sing"
PLUR = "Number=Plur"


@pytest.fixture(scope="module")
def vocab():
    return spacy.blank("en").vocab


def pairs(en, doc):
    return {(a, t, r) for a, t, r, _ in code_dyads(en, doc)}


def test_they_after_a_coordination_is_every_conjunct(en, vocab):
    # Russia and China said they will attack Iraq .
    doc = make_doc(vocab, [
        ("Russia", "Russia", "PROPN", "nsubj", 3, SING), ("and", "and", "CCONJ", "cc", 0),
        ("China", "China", "PROPN", "conj", 0, SING), ("said", "say", "VERB", "ROOT", 3, PAST),
        ("they", "they", "PRON", "nsubj", 6, THEY), ("will", "will", "AUX", "aux", 6),
        ("attack", "attack", "VERB", "ccomp", 3, INF), ("Iraq", "Iraq", "PROPN", "dobj", 6, SING),
        (".", ".", "PUNCT", "punct", 3)])
    found = pairs(en, doc)
    assert ("RUS", "ASSAULT", "IRQ") in found and ("CHN", "ASSAULT", "IRQ") in found


def test_they_opening_a_sentence_continues_the_previous_coordination(en, vocab):
    # Russia and China met . They attacked Iraq .
    doc = make_doc(vocab, [
        ("Russia", "Russia", "PROPN", "nsubj", 3, SING), ("and", "and", "CCONJ", "cc", 0),
        ("China", "China", "PROPN", "conj", 0, SING), ("met", "meet", "VERB", "ROOT", 3, PAST),
        (".", ".", "PUNCT", "punct", 3),
        ("They", "they", "PRON", "nsubj", 6, THEY), ("attacked", "attack", "VERB", "ROOT", 6, PAST),
        ("Iraq", "Iraq", "PROPN", "dobj", 6, SING), (".", ".", "PUNCT", "punct", 6)])
    found = pairs(en, doc)
    assert ("RUS", "ASSAULT", "IRQ") in found and ("CHN", "ASSAULT", "IRQ") in found


def test_they_after_a_plural_noun_with_no_entity_stays_unresolved(en, vocab):
    # Russia condemned the rebels , saying they attacked Iraq .
    doc = make_doc(vocab, [
        ("Russia", "Russia", "PROPN", "nsubj", 1, SING), ("condemned", "condemn", "VERB", "ROOT", 1, PAST),
        ("the", "the", "DET", "det", 3), ("rebels", "rebel", "NOUN", "dobj", 1, PLUR),
        (",", ",", "PUNCT", "punct", 1), ("saying", "say", "VERB", "advcl", 1, "VerbForm=Ger"),
        ("they", "they", "PRON", "nsubj", 7, THEY), ("attacked", "attack", "VERB", "ccomp", 5, PAST),
        ("Iraq", "Iraq", "PROPN", "dobj", 7, SING), (".", ".", "PUNCT", "punct", 1)])
    assert not any(t == "ASSAULT" and a is not None for a, t, _ in pairs(en, doc))


def test_they_never_stands_for_a_single_state(en, vocab):
    # Russia said they attacked Iraq .
    doc = make_doc(vocab, [
        ("Russia", "Russia", "PROPN", "nsubj", 1, SING), ("said", "say", "VERB", "ROOT", 1, PAST),
        ("they", "they", "PRON", "nsubj", 3, THEY), ("attacked", "attack", "VERB", "ccomp", 1, PAST),
        ("Iraq", "Iraq", "PROPN", "dobj", 3, SING), (".", ".", "PUNCT", "punct", 1)])
    assert not any(t == "ASSAULT" and a is not None for a, t, _ in pairs(en, doc))


def test_an_object_them_is_not_its_own_clause_subject(en, vocab):
    # Russia and China condemned the rebels and attacked them .
    doc = make_doc(vocab, [
        ("Russia", "Russia", "PROPN", "nsubj", 3, SING), ("and", "and", "CCONJ", "cc", 0),
        ("China", "China", "PROPN", "conj", 0, SING), ("condemned", "condemn", "VERB", "ROOT", 3, PAST),
        ("the", "the", "DET", "det", 5), ("rebels", "rebel", "NOUN", "dobj", 3, PLUR),
        ("and", "and", "CCONJ", "cc", 3), ("attacked", "attack", "VERB", "conj", 3, PAST),
        ("them", "they", "PRON", "dobj", 7, THEM), (".", ".", "PUNCT", "punct", 3)])
    found = pairs(en, doc)
    assert not any(t == "ASSAULT" and r in ("RUS", "CHN") for _, t, r in found)
