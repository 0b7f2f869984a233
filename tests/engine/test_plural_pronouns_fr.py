"""'ils'/'elles' stand for every entity of the closest plural nominal before them (a coordination or a
plural noun), and for nobody when that nominal names no entity: never for a person named earlier.
Hand-built French (UD) parses, no model."""
from __future__ import annotations

import pytest
import spacy

from tests.conftest import FIN, PART, code_dyads, make_doc

ILS = "Gender=Masc|Number=Plur|Person=3|PronType=Prs"
FS = "Gender=Fem|Number=Sing"
MS = "Gender=Masc|Number=Sing"
MP = "Gender=Masc|Number=Plur"


@pytest.fixture(scope="module")
def vocab():
    return spacy.blank("fr").vocab


def pairs(fr, doc):
    return {(a, t, r) for a, t, r, _ in code_dyads(fr, doc)}


def _then_they_attack(first: list[tuple]) -> list[tuple]:
    """first (a clause whose verb is its token 'root_at') + 'Ils ont attaqué la Syrie .'"""
    n = len(first)
    return first + [
        ("Ils", "il", "PRON", "nsubj", n + 2, ILS), ("ont", "avoir", "AUX", "aux:tense", n + 2, FIN),
        ("attaqué", "attaquer", "VERB", "ROOT", n + 2, PART), ("la", "le", "DET", "det", n + 4, FS),
        ("Syrie", "Syrie", "PROPN", "obj", n + 2, FS), (".", ".", "PUNCT", "punct", n + 2)]


def test_ils_after_a_coordination_is_every_conjunct(fr, vocab):
    # La Russie et la Chine ont critiqué l'Irak . Ils ont attaqué la Syrie .
    doc = make_doc(vocab, _then_they_attack([
        ("La", "le", "DET", "det", 1, FS), ("Russie", "Russie", "PROPN", "nsubj", 6, FS),
        ("et", "et", "CCONJ", "cc", 4), ("la", "le", "DET", "det", 4, FS), ("Chine", "Chine", "PROPN", "conj", 1, FS),
        ("ont", "avoir", "AUX", "aux:tense", 6, FIN), ("critiqué", "critiquer", "VERB", "ROOT", 6, PART),
        ("l'", "le", "DET", "det", 8), ("Irak", "Irak", "PROPN", "obj", 6, MS), (".", ".", "PUNCT", "punct", 6)]))
    found = pairs(fr, doc)
    assert ("RUS", "ASSAULT", "SYR") in found and ("CHN", "ASSAULT", "SYR") in found


def test_ils_after_plural_nobodies_is_not_a_person_named_before(fr, vocab):
    # Vladimir Poutine a critiqué les manifestants . Ils ont attaqué la Syrie .
    doc = make_doc(vocab, _then_they_attack([
        ("Vladimir", "Vladimir", "PROPN", "nsubj", 3, MS), ("Poutine", "Poutine", "PROPN", "flat:name", 0, MS),
        ("a", "avoir", "AUX", "aux:tense", 3, FIN), ("critiqué", "critiquer", "VERB", "ROOT", 3, PART),
        ("les", "le", "DET", "det", 5, "Number=Plur"), ("manifestants", "manifestant", "NOUN", "obj", 3, MP),
        (".", ".", "PUNCT", "punct", 3)]))
    assert not any(t == "ASSAULT" and a is not None for a, t, _ in pairs(fr, doc))
