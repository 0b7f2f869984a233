"""The pre-filter of the actor scan (engine/spelled_phrases.py): it must keep every span length whose
keys can be in the index, whatever the tokenisation, and only those."""
from __future__ import annotations

from veille.engine.spelled_phrases import SpelledPhrases, glued

PHRASES = ["quai d'orsay", "etats-unis", "coree du nord", "coree", "nord"]


def _lengths(words: list[str], i: int = 0, longest: int = 6) -> list[int]:
    return SpelledPhrases(PHRASES).lengths([glued(w) for w in words], i, longest)


def test_longest_first_and_every_spelling():
    assert _lengths(["coree", "du", "nord", "a"]) == [3, 1]
    assert _lengths(["quai", "d'", "orsay"]) == [3]             # joined without a space at the apostrophe
    assert _lengths(["etats", "-", "unis"]) == [3]              # and at the hyphen
    assert _lengths(["etats-unis"]) == [1]


def test_spans_that_begin_no_phrase_stop_early():
    assert _lengths(["le", "quai"]) == []
    assert _lengths(["coree", "du", "sud"]) == [1]
    assert _lengths(["coree", "du", "nord"], longest=2) == [1]  # the scan's longest span bounds it
    assert _lengths(["la", "coree", "du", "nord"], i=1) == [3, 1]


def test_a_normalised_token_with_a_space_spells_without_it():
    assert SpelledPhrases(["1 000"]).lengths([glued("1 000")], 0, 3) == [1]
