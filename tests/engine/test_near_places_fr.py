"""A place near which something happens, and an adverbial the parser took for a complement, name no actor
(engine/syntax.py prep with cue locative_adverbs; frames.py governor_subj), on hand-built French parses."""
from __future__ import annotations

import spacy

from tests.conftest import PART, code_dyads, make_doc

AUX = "Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin"


def _doc(rows):
    return make_doc(spacy.blank("fr").vocab, rows)


def _near_hq(head: int, first: int) -> list[tuple]:
    """'près du siège des renseignements afghans' from token `first` on, 'près' hung on `head` as the parser does."""
    return [("près", "près", "ADV", "advmod", head), ("du", "de", "ADP", "case", first + 2),
            ("siège", "siège", "NOUN", "nmod", head), ("des", "de", "ADP", "case", first + 4),
            ("renseignements", "renseignement", "NOUN", "nmod", first + 2),
            ("afghans", "afghan", "ADJ", "amod", first + 4)]


def test_the_owner_of_a_building_near_which_an_attack_happened_is_not_its_actor(fr):
    """'Un attentat près du siège des renseignements afghans a tué dix personnes': no Afghan attack."""
    doc = _doc([("Un", "un", "DET", "det", 1), ("attentat", "attentat", "NOUN", "nsubj", 9),
                *_near_hq(1, 2), ("a", "avoir", "AUX", "aux:tense", 9, AUX),
                ("tué", "tuer", "VERB", "ROOT", 9, PART), ("dix", "dix", "NUM", "nummod", 11),
                ("personnes", "personne", "NOUN", "obj", 9), (".", ".", "PUNCT", "punct", 9)])
    assert all(a != "AFG" for a, _, _, _ in code_dyads(fr, doc))


def test_near_is_the_preposition_of_a_place_but_not_of_a_quantity(fr):
    from veille.engine.syntax import Syntax
    data, _, _ = fr
    syn = Syntax(data)
    doc = _doc([("Un", "un", "DET", "det", 1), ("attentat", "attentat", "NOUN", "ROOT", 1), *_near_hq(1, 2)])
    assert syn.prep(doc[4]) == "près"
    assert syn.prep(doc[6]) == "des"
    doc = _doc([("L'", "le", "DET", "det", 1), ("armée", "armée", "NOUN", "nsubj", 3),
                ("a", "avoir", "AUX", "aux:tense", 3, AUX), ("tué", "tuer", "VERB", "ROOT", 3, PART),
                ("près", "près", "ADV", "advmod", 3), ("de", "de", "ADP", "case", 7),
                ("200", "200", "NUM", "nummod", 7), ("combattants", "combattant", "NOUN", "obj", 3)])
    assert syn.prep(doc[7]) == "de"  # 'près de 200': about 200, no place


def test_an_event_noun_as_an_oblique_with_no_preposition_has_no_governor_subject(fr):
    """'Ce matin, un attentat près du siège ..., la capitale d'Afghanistan, a coûté la vie à 25 personnes': the
    parser took the attack for an adverbial and the apposition for the subject; the subject is not its actor."""
    rows = [("Ce", "ce", "DET", "det", 1), ("matin", "matin", "NOUN", "obl:mod", 17), (",", ",", "PUNCT", "punct", 17),
            ("un", "un", "DET", "det", 4), ("attentat", "attentat", "NOUN", "obl:mod", 17), *_near_hq(4, 5),
            (",", ",", "PUNCT", "punct", 17), ("la", "le", "DET", "det", 13),
            ("capitale", "capitale", "NOUN", "nsubj", 17), ("d'", "de", "ADP", "case", 15),
            ("Afghanistan", "Afghanistan", "PROPN", "nmod", 13), ("a", "avoir", "AUX", "aux:tense", 17, AUX),
            ("coûté", "coûter", "VERB", "ROOT", 17, PART), ("la", "le", "DET", "det", 19),
            ("vie", "vie", "NOUN", "obj", 17), ("à", "à", "ADP", "case", 22), ("25", "25", "NUM", "nummod", 22),
            ("personnes", "personne", "NOUN", "obl:arg", 17), (".", ".", "PUNCT", "punct", 17)]
    doc = _doc(rows)
    assert doc[17].text == "coûté" and doc[13].text == "capitale"
    assert all(a != "AFG" for a, _, _, _ in code_dyads(fr, doc))
