"""Quotation-mark spans: language-free, no model needed."""
from __future__ import annotations

import pytest

from veille.engine.quotes_marks import find_marked

MARKS = (("«", "»"), ("“", "”"), ('"', '"'))

CASES = [
    ("« Nos liens sont solides », a dit X.", ["Nos liens sont solides"]),
    ('"Notre état d\'esprit. Les objectifs seront atteints", a indiqué M. Kozlov.',
     ["Notre état d'esprit. Les objectifs seront atteints"]),
    ("« A », a-t-il dit, « B. »", ["A", "B"]),
    ("« Il a parlé d'un “ renouveau ” historique »", ["Il a parlé d'un “ renouveau ” historique"]),
    ('Un écran de 5"3 et « la suite »', ["la suite"]),
    ('"ouvert sans fin\n\nNouveau paragraphe "fermé"', ["fermé"]),
    ("« Premier paragraphe\n\n« suite » fin »", ["Premier paragraphe\n\n« suite » fin"]),
    ("Pas de guillemets ici.", []),
]


@pytest.mark.parametrize("text,expected", CASES)
def test_find_marked(text, expected):
    found = [text[m.inner_start:m.inner_end] for m in find_marked(text, MARKS)]
    assert found == expected


def test_offsets_point_at_marks():
    text = "Il a dit « non. » hier."
    (m,) = find_marked(text, MARKS)
    assert text[m.open] == "«" and text[m.close] == "»"
    assert text[m.inner_start:m.inner_end] == "non"
    assert m.words(text) == 1
