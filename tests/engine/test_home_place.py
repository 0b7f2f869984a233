"""A place in the actor's own country is no recipient: the event keeps its actor and has none
('Israelis protested in Jerusalem'), while a foreign place still names the recipient ('Georgians
protested in Moscow'). Hand-built English (ClearNLP) parses, no model."""
from __future__ import annotations

import pytest
import spacy

from tests.conftest import code_dyads, make_doc

PAST = "Tense=Past|VerbForm=Fin"


@pytest.fixture(scope="module")
def vocab():
    return spacy.blank("en").vocab


def protest_in(vocab, people: str, demonym_lemma: str, city: str):
    # <people> protested in <city> .
    return make_doc(vocab, [
        (people, demonym_lemma, "PROPN", "nsubj", 1), ("protested", "protest", "VERB", "ROOT", 1, PAST),
        ("in", "in", "ADP", "prep", 1), (city, city, "PROPN", "pobj", 2), (".", ".", "PUNCT", "punct", 1)])


def test_a_place_of_ones_own_country_leaves_no_recipient(en, vocab):
    assert code_dyads(en, protest_in(vocab, "Israelis", "Israelis", "Jerusalem")) == [("ISR", "PROTEST", None, "asserted")]


def test_a_foreign_place_is_the_recipient(en, vocab):
    assert code_dyads(en, protest_in(vocab, "Georgians", "Georgians", "Moscow")) == [("GEO", "PROTEST", "RUS", "asserted")]
