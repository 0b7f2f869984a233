"""Recipients taken from the document around an event (the coder's document-level passes), on hand-built
French parses: the side a demand faces, the subject an attack is withstood by."""
from __future__ import annotations

from tests.conftest import FIN, code_dyads, make_doc


def _two_demands(blank_fr):
    # L'Ukraine accuse la Russie et la Chine. La Russie demande une loi alors que l'Ukraine demande le désarmement.
    return make_doc(blank_fr.vocab, [
        ("L'", "le", "DET", "det", 1), ("Ukraine", "Ukraine", "PROPN", "nsubj", 2), ("accuse", "accuser", "VERB", "ROOT", 2, FIN),
        ("la", "le", "DET", "det", 4), ("Russie", "Russie", "PROPN", "obj", 2), ("et", "et", "CCONJ", "cc", 7),
        ("la", "le", "DET", "det", 7), ("Chine", "Chine", "PROPN", "conj", 4), (".", ".", "PUNCT", "punct", 2),
        ("La", "le", "DET", "det", 10), ("Russie", "Russie", "PROPN", "nsubj", 11),
        ("demande", "demander", "VERB", "ROOT", 11, FIN), ("une", "un", "DET", "det", 13), ("loi", "loi", "NOUN", "obj", 11),
        ("alors", "alors", "ADV", "advmod", 18), ("que", "que", "SCONJ", "mark", 18), ("l'", "le", "DET", "det", 17),
        ("Ukraine", "Ukraine", "PROPN", "nsubj", 18), ("demande", "demander", "VERB", "advcl", 11, FIN),
        ("le", "le", "DET", "det", 20), ("désarmement", "désarmement", "NOUN", "obj", 18), (".", ".", "PUNCT", "punct", 11)])


def test_demand_goes_to_the_side_faced_that_the_sentence_names(fr, blank_fr):
    # Ukraine faces Russia and China; its demand sits in a sentence about Russia's demand: addressed to Russia
    got = code_dyads(fr, _two_demands(blank_fr))
    assert ("UKR", "REQUEST", "RUS", "asserted") in got
    assert ("RUS", "REQUEST", "UKR", "asserted") in got


def _attacks_and(blank_fr, prep: str, lemma: str):
    # Daech avance <prep> les frappes de la Russie.
    return make_doc(blank_fr.vocab, [
        ("Daech", "Daech", "PROPN", "nsubj", 1), ("avance", "avancer", "VERB", "ROOT", 1, FIN),
        (prep, lemma, "ADP", "case", 4), ("les", "le", "DET", "det", 4), ("frappes", "frappe", "NOUN", "obl:mod", 1),
        ("de", "de", "ADP", "case", 7), ("la", "le", "DET", "det", 7), ("Russie", "Russie", "PROPN", "nmod", 4),
        (".", ".", "PUNCT", "punct", 1)])


def test_attack_withstood_is_aimed_at_who_withstands_it(fr, blank_fr):
    assert ("RUS", "ASSAULT", "ISIS", "asserted") in code_dyads(fr, _attacks_and(blank_fr, "malgré", "malgré"))


def test_attack_that_helps_is_not_aimed_at_the_subject(fr, blank_fr):
    # 'Daech avance grâce aux frappes de la Russie': the strikes help Daech, they do not target it
    got = code_dyads(fr, _attacks_and(blank_fr, "grâce", "grâce"))
    assert ("RUS", "ASSAULT", "ISIS", "asserted") not in got
