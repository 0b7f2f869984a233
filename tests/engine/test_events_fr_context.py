"""Event post-passes over hand-built French parses (no model): announced acts coded as intents, targets of
attacks, threats and admissions taken from the events around them."""
from __future__ import annotations

from tests.conftest import FIN, PART, INF, code_dyads, make_doc


code = code_dyads


def test_announced_material_aid_is_an_asserted_intent(fr, blank_fr):
    # La France va prêter au Japon la tapisserie
    doc = make_doc(blank_fr.vocab, [
        ("La", "le", "DET", "det", 1), ("France", "France", "PROPN", "nsubj", 2), ("va", "aller", "VERB", "ROOT", 2, FIN),
        ("prêter", "prêter", "VERB", "xcomp", 2, INF), ("au", "au", "ADP", "case", 5), ("Japon", "Japon", "PROPN", "obl:arg", 3),
        ("la", "le", "DET", "det", 7), ("tapisserie", "tapisserie", "NOUN", "obj", 3), (".", ".", "PUNCT", "punct", 2)])
    got = code(fr, doc)
    assert ("FRA", "AGREE", "JPN", "asserted") in got
    assert not [g for g in got if g[1] == "AID"]


# L'armée syrienne affronte l'Etat islamique. L'armée syrienne lance une offensive.
SYRIA_FACES_ISIS_THEN_ATTACKS = [
    ("L'", "le", "DET", "det", 1), ("armée", "armée", "NOUN", "nsubj", 3), ("syrienne", "syrien", "ADJ", "amod", 1),
    ("affronte", "affronter", "VERB", "ROOT", 3, FIN), ("l'", "le", "DET", "det", 5), ("Etat", "état", "NOUN", "obj", 3),
    ("islamique", "islamique", "ADJ", "amod", 5), (".", ".", "PUNCT", "punct", 3),
    ("L'", "le", "DET", "det", 9), ("armée", "armée", "NOUN", "nsubj", 11), ("syrienne", "syrien", "ADJ", "amod", 9),
    ("lance", "lancer", "VERB", "ROOT", 11, FIN), ("une", "un", "DET", "det", 13),
    ("offensive", "offensive", "NOUN", "obj", 11), (".", ".", "PUNCT", "punct", 11)]


def test_attack_with_no_named_target_aims_at_the_only_adversary(fr, blank_fr):
    # L'armée syrienne affronte l'Etat islamique. L'armée syrienne lance une offensive.
    doc = make_doc(blank_fr.vocab, SYRIA_FACES_ISIS_THEN_ATTACKS)
    data, actors, coder = fr
    drafts = coder.code(doc, actors.scan(doc, "2024-03-05"))
    second = [d for d in drafts if d.trigger.i > 8 and d.type == "ASSAULT"]
    assert second and all(d.actor.key == "SYR" and d.recipient and d.recipient.key == "ISIS" for d in second)


def test_attack_with_no_named_target_aims_first_at_whom_the_actor_attacked(fr, blank_fr):
    # L'armée syrienne affronte l'Etat islamique. L'armée syrienne lance une offensive. La Turquie frappe
    # l'armée syrienne. (Being attacked closer by is no reason to aim one's own offensive there.)
    doc = make_doc(blank_fr.vocab, SYRIA_FACES_ISIS_THEN_ATTACKS + [
        ("La", "le", "DET", "det", 16), ("Turquie", "Turquie", "PROPN", "nsubj", 17),
        ("frappe", "frapper", "VERB", "ROOT", 17, FIN), ("l'", "le", "DET", "det", 19),
        ("armée", "armée", "NOUN", "obj", 17), ("syrienne", "syrien", "ADJ", "amod", 19), (".", ".", "PUNCT", "punct", 17)])
    data, actors, coder = fr
    drafts = coder.code(doc, actors.scan(doc, "2024-03-05"))
    assert any(d.actor.key == "TUR" and d.recipient and d.recipient.key == "SYR" for d in drafts)
    second = [d for d in drafts if 8 < d.trigger.i < 15 and d.type == "ASSAULT"]
    assert second and all(d.actor.key == "SYR" and d.recipient and d.recipient.key == "ISIS" for d in second)


def test_threat_aims_at_the_target_of_the_act_threatened(fr, blank_fr):
    # Israël menace de poursuivre ses opérations militaires en Syrie
    doc = make_doc(blank_fr.vocab, [
        ("Israël", "Israël", "PROPN", "nsubj", 1), ("menace", "menacer", "VERB", "ROOT", 1, FIN),
        ("de", "de", "ADP", "mark", 3), ("poursuivre", "poursuivre", "VERB", "xcomp", 1, INF),
        ("ses", "son", "DET", "det", 5, "Poss=Yes"), ("opérations", "opération", "NOUN", "obj", 3),
        ("militaires", "militaire", "ADJ", "amod", 5), ("en", "en", "ADP", "case", 8), ("Syrie", "Syrie", "PROPN", "nmod", 5),
        (".", ".", "PUNCT", "punct", 1)])
    assert ("ISR", "THREATEN", "SYR", "asserted") in code(fr, doc)


def test_admitted_responsibility_is_conceded_to_the_victim(fr, blank_fr):
    # Les États-Unis ont frappé l'armée syrienne. Les États-Unis ont reconnu leur responsabilité dans ces frappes.
    doc = make_doc(blank_fr.vocab, [
        ("Les", "le", "DET", "det", 1), ("États-Unis", "États-Unis", "PROPN", "nsubj", 3), ("ont", "avoir", "AUX", "aux:tense", 3, FIN),
        ("frappé", "frapper", "VERB", "ROOT", 3, PART), ("l'", "le", "DET", "det", 5), ("armée", "armée", "NOUN", "obj", 3),
        ("syrienne", "syrien", "ADJ", "amod", 5), (".", ".", "PUNCT", "punct", 3),
        ("Les", "le", "DET", "det", 9), ("États-Unis", "États-Unis", "PROPN", "nsubj", 11), ("ont", "avoir", "AUX", "aux:tense", 11, FIN),
        ("reconnu", "reconnaître", "VERB", "ROOT", 11, PART), ("leur", "son", "DET", "det", 13, "Poss=Yes"),
        ("responsabilité", "responsabilité", "NOUN", "obj", 11), ("dans", "dans", "ADP", "case", 16),
        ("ces", "ce", "DET", "det", 16, "PronType=Dem"), ("frappes", "frappe", "NOUN", "nmod", 13), (".", ".", "PUNCT", "punct", 11)])
    assert ("USA", "CONCEDE", "SYR", "asserted") in code(fr, doc)


def test_two_unaimed_attacks_in_a_sentence_face_each_other(fr, blank_fr):
    # Les assauts de l'Etat islamique et les bombardements russes continuent.
    doc = make_doc(blank_fr.vocab, [
        ("Les", "le", "DET", "det", 1), ("assauts", "assaut", "NOUN", "nsubj", 10), ("de", "de", "ADP", "case", 4),
        ("l'", "le", "DET", "det", 4), ("Etat", "état", "NOUN", "nmod", 1), ("islamique", "islamique", "ADJ", "amod", 4),
        ("et", "et", "CCONJ", "cc", 8), ("les", "le", "DET", "det", 8), ("bombardements", "bombardement", "NOUN", "conj", 1),
        ("russes", "russe", "ADJ", "amod", 8), ("continuent", "continuer", "VERB", "ROOT", 10, FIN), (".", ".", "PUNCT", "punct", 10)])
    got = {(a, t, r) for a, t, r, _ in code(fr, doc)}
    assert ("ISIS", "ASSAULT", "RUS") in got and ("RUS", "ASSAULT", "ISIS") in got


def _demand_doc(blank_fr, second_foe: bool):
    # L'Ukraine accuse la Russie [et la Chine]. L'Ukraine demande le désarmement des milices.
    first = [("L'", "le", "DET", "det", 1), ("Ukraine", "Ukraine", "PROPN", "nsubj", 2), ("accuse", "accuser", "VERB", "ROOT", 2, FIN),
             ("la", "le", "DET", "det", 4), ("Russie", "Russie", "PROPN", "obj", 2)]
    if second_foe:
        first += [("et", "et", "CCONJ", "cc", 7), ("la", "le", "DET", "det", 7), ("Chine", "Chine", "PROPN", "conj", 4)]
    n = len(first)
    first.append((".", ".", "PUNCT", "punct", 2))
    second = [("L'", "le", "DET", "det", n + 2), ("Ukraine", "Ukraine", "PROPN", "nsubj", n + 3),
              ("demande", "demander", "VERB", "ROOT", n + 3, FIN), ("le", "le", "DET", "det", n + 5),
              ("désarmement", "désarmement", "NOUN", "obj", n + 3), ("des", "de", "ADP", "case", n + 7),
              ("milices", "milice", "NOUN", "nmod", n + 5), (".", ".", "PUNCT", "punct", n + 3)]
    return make_doc(blank_fr.vocab, first + second)


def test_demand_with_no_addressee_goes_to_the_only_side_faced(fr, blank_fr):
    assert ("UKR", "REQUEST", "RUS", "asserted") in code(fr, _demand_doc(blank_fr, second_foe=False))


def test_demand_with_no_addressee_stays_open_when_two_sides_are_faced(fr, blank_fr):
    got = code(fr, _demand_doc(blank_fr, second_foe=True))
    assert ("UKR", "REQUEST", None, "asserted") in got
