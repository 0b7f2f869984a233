"""Recipients taken from the document around an event (the coder's document-level passes), on hand-built
French parses: the side a demand faces, the subject an attack is withstood by."""
from __future__ import annotations

from tests.conftest import FIN, code_dyads, coded_drafts, make_doc


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


def test_attack_by_which_a_passive_subject_was_hit_is_aimed_at_it(fr, blank_fr):
    # L'armée syrienne a été surprise par une offensive de Daech.
    doc = make_doc(blank_fr.vocab, [
        ("L'", "le", "DET", "det", 1), ("armée", "armée", "NOUN", "nsubj:pass", 5, "Gender=Fem|Number=Sing"),
        ("syrienne", "syrien", "ADJ", "amod", 1), ("a", "avoir", "AUX", "aux:tense", 5, FIN), ("été", "être", "AUX", "aux:pass", 5),
        ("surprise", "surprendre", "VERB", "ROOT", 5, "Tense=Past|VerbForm=Part|Voice=Pass"), ("par", "par", "ADP", "case", 8),
        ("une", "un", "DET", "det", 8), ("offensive", "offensive", "NOUN", "obl:mod", 5), ("de", "de", "ADP", "case", 10),
        ("Daech", "Daech", "PROPN", "nmod", 8), (".", ".", "PUNCT", "punct", 5)])
    assert ("ISIS", "ASSAULT", "SYR", "asserted") in code_dyads(fr, doc)


def test_unaimed_attack_of_a_newcomer_goes_to_the_common_enemy(fr, blank_fr):
    # Les FDS attaquent Daech. L'armée irakienne attaque Daech. Daech attaque la Russie. La Turquie lance une offensive.
    doc = make_doc(blank_fr.vocab, [
        ("Les", "le", "DET", "det", 1), ("FDS", "FDS", "PROPN", "nsubj", 2), ("attaquent", "attaquer", "VERB", "ROOT", 2, FIN),
        ("Daech", "Daech", "PROPN", "obj", 2), (".", ".", "PUNCT", "punct", 2),
        ("L'", "le", "DET", "det", 6), ("armée", "armée", "NOUN", "nsubj", 8), ("irakienne", "irakien", "ADJ", "amod", 6),
        ("attaque", "attaquer", "VERB", "ROOT", 8, FIN), ("Daech", "Daech", "PROPN", "obj", 8), (".", ".", "PUNCT", "punct", 8),
        ("Daech", "Daech", "PROPN", "nsubj", 12), ("attaque", "attaquer", "VERB", "ROOT", 12, FIN),
        ("la", "le", "DET", "det", 14), ("Russie", "Russie", "PROPN", "obj", 12), (".", ".", "PUNCT", "punct", 12),
        ("La", "le", "DET", "det", 17), ("Turquie", "Turquie", "PROPN", "nsubj", 18), ("lance", "lancer", "VERB", "ROOT", 18, FIN),
        ("une", "un", "DET", "det", 20), ("offensive", "offensive", "NOUN", "obj", 18), (".", ".", "PUNCT", "punct", 18)])
    got = code_dyads(fr, doc)
    assert ("ISIS", "ASSAULT", "RUS", "asserted") in got  # two sides attacked: Daech by two parties, Russia by one
    assert ("TUR", "ASSAULT", "ISIS", "asserted") in got


def test_relative_clause_hung_elsewhere_takes_the_noun_its_verb_agrees_with(fr, blank_fr):
    # L'armée reste vulnérable aux embuscades de Daech dans le désert, qui ont coûté la vie à des soldats russes.
    # (parsed with the relative clause hung on the main verb, as models do)
    doc = make_doc(blank_fr.vocab, [
        ("L'", "le", "DET", "det", 1), ("armée", "armée", "NOUN", "nsubj", 2), ("reste", "rester", "VERB", "ROOT", 2, FIN),
        ("aux", "à", "ADP", "case", 4), ("embuscades", "embuscade", "NOUN", "obl:arg", 2, "Gender=Fem|Number=Plur"),
        ("de", "de", "ADP", "case", 6), ("Daech", "Daech", "PROPN", "nmod", 4), ("dans", "dans", "ADP", "case", 9),
        ("le", "le", "DET", "det", 9, "Number=Sing"), ("désert", "désert", "NOUN", "obl:mod", 2, "Gender=Masc|Number=Sing"),
        (",", ",", "PUNCT", "punct", 2), ("qui", "qui", "PRON", "nsubj", 13, "PronType=Rel"),
        ("ont", "avoir", "AUX", "aux:tense", 13, "Mood=Ind|Number=Plur|Tense=Pres|VerbForm=Fin"),
        ("coûté", "coûter", "VERB", "dep", 2, "Tense=Past|VerbForm=Part"), ("la", "le", "DET", "det", 15),
        ("vie", "vie", "NOUN", "obj", 13), ("à", "à", "ADP", "case", 18), ("des", "un", "DET", "det", 18),
        ("soldats", "soldat", "NOUN", "obl:arg", 13), ("russes", "russe", "ADJ", "amod", 18), (".", ".", "PUNCT", "punct", 2)])
    drafts = [d for d in coded_drafts(fr, doc) if d.type == "ASSAULT" and d.actor.key == "ISIS"]
    assert drafts and all(d.recipient and d.recipient.key == "RUS" for d in drafts)
    assert [d.trigger.text for d in drafts] == ["coûté"]  # of the noun and the verb reporting it, the verb


def test_an_act_set_against_the_subject_is_not_the_subjects_own(fr, blank_fr):
    # Daech avance malgré les tentatives de contre-offensives.
    doc = make_doc(blank_fr.vocab, [
        ("Daech", "Daech", "PROPN", "nsubj", 1), ("avance", "avancer", "VERB", "ROOT", 1, FIN),
        ("malgré", "malgré", "ADP", "case", 4), ("les", "le", "DET", "det", 4), ("tentatives", "tentative", "NOUN", "obl:mod", 1),
        ("de", "de", "ADP", "case", 6), ("contre-offensives", "contre-offensive", "NOUN", "nmod", 4),
        (".", ".", "PUNCT", "punct", 1)])
    assert not [g for g in code_dyads(fr, doc) if g[:2] == ("ISIS", "ASSAULT")]


def test_retaliation_is_aimed_at_who_attacked_the_actor(fr, blank_fr):
    # Les FDS attaquent Daech. Daech attaque l'armée syrienne. Daech lance une contre-offensive.
    doc = make_doc(blank_fr.vocab, [
        ("Les", "le", "DET", "det", 1), ("FDS", "FDS", "PROPN", "nsubj", 2), ("attaquent", "attaquer", "VERB", "ROOT", 2, FIN),
        ("Daech", "Daech", "PROPN", "obj", 2), (".", ".", "PUNCT", "punct", 2),
        ("Daech", "Daech", "PROPN", "nsubj", 6), ("attaque", "attaquer", "VERB", "ROOT", 6, FIN),
        ("l'", "le", "DET", "det", 8), ("armée", "armée", "NOUN", "obj", 6), ("syrienne", "syrien", "ADJ", "amod", 8),
        (".", ".", "PUNCT", "punct", 6),
        ("Daech", "Daech", "PROPN", "nsubj", 12), ("lance", "lancer", "VERB", "ROOT", 12, FIN),
        ("une", "un", "DET", "det", 14), ("contre-offensive", "contre-offensive", "NOUN", "obj", 12),
        (".", ".", "PUNCT", "punct", 12)])
    last = [d for d in coded_drafts(fr, doc) if d.trigger.i == 14]
    assert last and all(d.actor.key == "ISIS" and d.recipient and d.recipient.key == "YPG" for d in last)
