"""A relative pronoun subject stands for the noun its clause modifies, also where the parser's
morphology does not mark it relative (English 'who', 'which': cue relative_pronouns). Hand-built
English (ClearNLP) parses, no model."""
from __future__ import annotations

import pytest
import spacy

from tests.conftest import code_dyads, make_doc

PAST = "Tense=Past|VerbForm=Fin"


@pytest.fixture(scope="module")
def vocab():
    return spacy.blank("en").vocab


def test_which_stands_for_the_noun_its_clause_modifies(en, vocab):
    # Russia , which invaded Ukraine , denied it .
    doc = make_doc(vocab, [
        ("Russia", "Russia", "PROPN", "nsubj", 6), (",", ",", "PUNCT", "punct", 0), ("which", "which", "PRON", "nsubj", 3),
        ("invaded", "invade", "VERB", "relcl", 0, PAST), ("Ukraine", "Ukraine", "PROPN", "dobj", 3),
        (",", ",", "PUNCT", "punct", 0), ("denied", "deny", "VERB", "ROOT", 6, PAST), ("it", "it", "PRON", "dobj", 6),
        (".", ".", "PUNCT", "punct", 6)])
    assert ("RUS", "ASSAULT", "UKR", "asserted") in code_dyads(en, doc)


def test_a_demonstrative_subject_is_no_relative(en, vocab):
    # That invaded Ukraine . ('that' heading no relative clause stands for nothing)
    doc = make_doc(vocab, [
        ("That", "that", "PRON", "nsubj", 1), ("invaded", "invade", "VERB", "ROOT", 1, PAST),
        ("Ukraine", "Ukraine", "PROPN", "dobj", 1), (".", ".", "PUNCT", "punct", 1)])
    assert code_dyads(en, doc) == []
