"""Engine behaviour on hand-built French parses (no model): frames, actors and event post-passes."""
from __future__ import annotations

from tests.conftest import FIN, PART, code_dyads, make_doc
from veille.engine.syntax import Syntax


code = code_dyads


def test_relative_pronoun_stands_for_its_antecedent(fr, blank_fr):
    # la Russie, qui soutient la Syrie
    doc = make_doc(blank_fr.vocab, [
        ("la", "le", "DET", "det", 1), ("Russie", "Russie", "PROPN", "ROOT", 1), (",", ",", "PUNCT", "punct", 1),
        ("qui", "qui", "PRON", "nsubj", 4, "PronType=Rel"), ("soutient", "soutenir", "VERB", "acl:relcl", 1, FIN),
        ("la", "le", "DET", "det", 6), ("Syrie", "Syrie", "PROPN", "obj", 4)])
    syn = Syntax(fr[0])
    assert [t.text for t in syn.subjects(doc[4])] == ["Russie"]
    assert ("RUS", "SUPPORT", "SYR", "asserted") in code(fr, doc)


def test_etre_verb_of_motion_is_active(fr, blank_fr):
    # Le président turc est arrivé à Moscou (parsed with aux:pass / nsubj:pass)
    doc = make_doc(blank_fr.vocab, [
        ("Le", "le", "DET", "det", 1), ("président", "président", "NOUN", "nsubj:pass", 4),
        ("turc", "turc", "ADJ", "amod", 1), ("est", "être", "AUX", "aux:pass", 4, FIN),
        ("arrivé", "arriver", "VERB", "ROOT", 4, PART), ("à", "à", "ADP", "case", 6),
        ("Moscou", "Moscou", "PROPN", "obl:arg", 4), (".", ".", "PUNCT", "punct", 4)])
    assert not Syntax(fr[0]).is_passive(doc[4])
    assert ("TUR", "CONSULT", "RUS", "asserted") in code(fr, doc)


def test_nationality_adjective_owns_the_rejected_thing(fr, blank_fr):
    # la proposition russe a été rejetée par l'Ukraine
    doc = make_doc(blank_fr.vocab, [
        ("la", "le", "DET", "det", 1), ("proposition", "proposition", "NOUN", "nsubj:pass", 5),
        ("russe", "russe", "ADJ", "amod", 1), ("a", "avoir", "AUX", "aux:tense", 5, FIN),
        ("été", "être", "AUX", "aux:pass", 5, PART), ("rejetée", "rejeter", "VERB", "ROOT", 5, PART),
        ("par", "par", "ADP", "case", 8), ("l'", "le", "DET", "det", 8), ("Ukraine", "Ukraine", "PROPN", "obl:agent", 5)])
    assert ("UKR", "REJECT", "RUS", "asserted") in code(fr, doc)


def test_title_held_by_a_list_of_owners_expands(fr, blank_fr):
    # La Chine convoque les ambassadeurs de l'Allemagne, de la Belgique et de la France
    doc = make_doc(blank_fr.vocab, [
        ("La", "le", "DET", "det", 1), ("Chine", "Chine", "PROPN", "nsubj", 2), ("convoque", "convoquer", "VERB", "ROOT", 2, FIN),
        ("les", "le", "DET", "det", 4), ("ambassadeurs", "ambassadeur", "NOUN", "obj", 2),
        ("de", "de", "ADP", "case", 7), ("l'", "le", "DET", "det", 7), ("Allemagne", "Allemagne", "PROPN", "nmod", 4),
        (",", ",", "PUNCT", "punct", 11), ("de", "de", "ADP", "case", 11), ("la", "le", "DET", "det", 11),
        ("Belgique", "Belgique", "PROPN", "obl:mod", 2), ("et", "et", "CCONJ", "cc", 15), ("de", "de", "ADP", "case", 15),
        ("la", "le", "DET", "det", 15), ("France", "France", "PROPN", "obj", 2), (".", ".", "PUNCT", "punct", 2)])
    got = {(a, t, r) for a, t, r, _ in code(fr, doc)}
    assert {("CHN", "ACCUSE", "DEU"), ("CHN", "ACCUSE", "BEL"), ("CHN", "ACCUSE", "FRA")} <= got


def test_sibling_subjects_all_act(fr, blank_fr):
    # Le président français, le ministre allemand ont condamné l'attaque (two nsubj of one verb)
    doc = make_doc(blank_fr.vocab, [
        ("Le", "le", "DET", "det", 1), ("président", "président", "NOUN", "nsubj", 8), ("français", "français", "ADJ", "amod", 1),
        (",", ",", "PUNCT", "punct", 8), ("le", "le", "DET", "det", 5), ("ministre", "ministre", "NOUN", "nsubj", 8),
        ("allemand", "allemand", "ADJ", "amod", 5), ("ont", "avoir", "AUX", "aux:tense", 8, FIN),
        ("condamné", "condamner", "VERB", "ROOT", 8, PART), ("la", "le", "DET", "det", 10), ("Russie", "Russie", "PROPN", "obj", 8)])
    got = {(a, t, r) for a, t, r, _ in code(fr, doc)}
    assert {("FRA", "ACCUSE", "RUS"), ("DEU", "ACCUSE", "RUS")} <= got


def test_attack_without_target_takes_the_single_adversary(fr, blank_fr):
    # L'armée irakienne attaque l'Etat islamique. L'offensive de l'armée irakienne continue.
    doc = make_doc(blank_fr.vocab, [
        ("L'", "le", "DET", "det", 1), ("armée", "armée", "NOUN", "nsubj", 3), ("irakienne", "irakien", "ADJ", "amod", 1),
        ("attaque", "attaquer", "VERB", "ROOT", 3, FIN), ("l'", "le", "DET", "det", 5), ("Etat", "Etat", "PROPN", "obj", 3),
        ("islamique", "islamique", "ADJ", "amod", 5), (".", ".", "PUNCT", "punct", 3),
        ("L'", "le", "DET", "det", 9), ("offensive", "offensive", "NOUN", "nsubj", 14), ("de", "de", "ADP", "case", 12),
        ("l'", "le", "DET", "det", 12), ("armée", "armée", "NOUN", "nmod", 9), ("irakienne", "irakien", "ADJ", "amod", 12),
        ("continue", "continuer", "VERB", "ROOT", 14, FIN), (".", ".", "PUNCT", "punct", 14)])
    drafts = code(fr, doc)
    assert ("IRQ", "ASSAULT", "ISIS", "asserted") in drafts
    assert all(r is not None for a, t, r, _ in drafts if t == "ASSAULT")


def test_condemning_a_coded_attack_targets_its_author(fr, blank_fr):
    # La France condamne l'offensive de la Russie.
    doc = make_doc(blank_fr.vocab, [
        ("La", "le", "DET", "det", 1), ("France", "France", "PROPN", "nsubj", 2), ("condamne", "condamner", "VERB", "ROOT", 2, FIN),
        ("l'", "le", "DET", "det", 4), ("offensive", "offensive", "NOUN", "obj", 2), ("de", "de", "ADP", "case", 7),
        ("la", "le", "DET", "det", 7), ("Russie", "Russie", "PROPN", "nmod", 4), (".", ".", "PUNCT", "punct", 2)])
    drafts = code(fr, doc)
    assert ("FRA", "ACCUSE", "RUS", "asserted") in drafts
    assert ("RUS", "ASSAULT", None, "asserted") in drafts


def test_past_participle_modifier_is_passive(fr, blank_fr):
    # Daech encerclé par l'armée irakienne
    doc = make_doc(blank_fr.vocab, [
        ("Daech", "Daech", "PROPN", "ROOT", 0), ("encerclé", "encercler", "VERB", "acl", 0, PART),
        ("par", "par", "ADP", "case", 4), ("l'", "le", "DET", "det", 4), ("armée", "armée", "NOUN", "obl:agent", 1),
        ("irakienne", "irakien", "ADJ", "amod", 4)])
    syn = Syntax(fr[0])
    assert [t.text for t in syn.subjects(doc[1])] == ["armée"]
    assert [t.text for t in syn.objects(doc[1])] == ["Daech"]
    assert ("IRQ", "ASSAULT", "ISIS", "asserted") in code(fr, doc)
