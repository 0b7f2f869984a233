"""Acts named by nouns (engine/event_victims.py, noun_agents.py) and documents standing for their author
(actor_documents.py), on hand-built parses: who undergoes a strike the victims of a clause were killed in,
the place it hit, the actor a passive gives it, the author of a report."""
from __future__ import annotations

import spacy
import pytest

from tests.conftest import FIN, PART, code_dyads, coded_drafts, make_doc

PASS = "Tense=Past|VerbForm=Part|Voice=Pass"


@pytest.fixture(scope="module")
def en_vocab():
    return spacy.blank("en").vocab


def _killed_in(blank_fr, victims: list[tuple], place_first: bool = False):
    # <victims> ont été tués [à Alep] dans une frappe de la Russie.
    n = len(victims)
    rows = [*victims, ("ont", "avoir", "AUX", "aux:tense", n + 2, FIN), ("été", "être", "AUX", "aux:pass", n + 2),
            ("tués", "tuer", "VERB", "ROOT", n + 2, PASS)]
    if place_first:
        rows += [("à", "à", "ADP", "case", n + 4), ("Alep", "Alep", "PROPN", "obl:mod", n + 2)]
    k = len(rows)
    rows += [("dans", "dans", "ADP", "case", k + 2), ("une", "un", "DET", "det", k + 2),
             ("frappe", "frappe", "NOUN", "obl:mod", n + 2), ("de", "de", "ADP", "case", k + 5),
             ("la", "le", "DET", "det", k + 5), ("Russie", "Russie", "PROPN", "nmod", k + 2), (".", ".", "PUNCT", "punct", n + 2)]
    return make_doc(blank_fr.vocab, rows)


def test_strike_the_victims_were_killed_in_is_aimed_at_them(fr, blank_fr):
    # Dix soldats turcs ont été tués dans une frappe de la Russie.
    doc = _killed_in(blank_fr, [("Dix", "dix", "NUM", "nummod", 1), ("soldats", "soldat", "NOUN", "nsubj:pass", 5),
                                ("turcs", "turc", "ADJ", "amod", 1)])
    assert ("RUS", "ASSAULT", "TUR", "asserted") in code_dyads(fr, doc)


def test_victims_with_no_key_leave_the_place_of_the_clause(fr, blank_fr):
    # Huit personnes ont été tuées à Alep dans une frappe de la Russie.
    doc = _killed_in(blank_fr, [("Huit", "huit", "NUM", "nummod", 1), ("personnes", "personne", "NOUN", "nsubj:pass", 4)],
                     place_first=True)
    drafts = coded_drafts(fr, doc)
    assert [(d.actor.key, d.recipient.key if d.recipient else None) for d in drafts if d.type == "ASSAULT"] == [("RUS", "SYR")]


def test_no_victim_and_no_place_leaves_the_target_unknown(fr, blank_fr):
    doc = _killed_in(blank_fr, [("Huit", "huit", "NUM", "nummod", 1), ("personnes", "personne", "NOUN", "nsubj:pass", 4)])
    assert code_dyads(fr, doc) == [("RUS", "ASSAULT", None, "asserted")]


def _attack_passive(blank_fr, verb: str, lemma: str):
    # L'attentat a été <verb> par l'État islamique.
    return make_doc(blank_fr.vocab, [
        ("L'", "le", "DET", "det", 1), ("attentat", "attentat", "NOUN", "nsubj:pass", 4), ("a", "avoir", "AUX", "aux:tense", 4, FIN),
        ("été", "être", "AUX", "aux:pass", 4), (verb, lemma, "VERB", "ROOT", 4, PASS), ("par", "par", "ADP", "case", 7),
        ("l'", "le", "DET", "det", 7), ("État", "État", "NOUN", "obl:agent", 4), ("islamique", "islamique", "ADJ", "amod", 7),
        (".", ".", "PUNCT", "punct", 4)])


def test_attack_claimed_by_a_group_is_its_act(fr, blank_fr):
    assert ("ISIS", "ASSAULT", None, "asserted") in code_dyads(fr, _attack_passive(blank_fr, "revendiqué", "revendiquer"))


def test_attack_condemned_by_someone_is_not_their_act(fr, blank_fr):
    got = code_dyads(fr, _attack_passive(blank_fr, "condamné", "condamner"))
    assert not [g for g in got if g[1] == "ASSAULT"]


def test_bombing_carried_out_by_a_group_is_its_act(en, en_vocab):
    # The bombing was carried out by Hamas.
    doc = make_doc(en_vocab, [
        ("The", "the", "DET", "det", 1), ("bombing", "bombing", "NOUN", "nsubjpass", 3), ("was", "be", "AUX", "auxpass", 3),
        ("carried", "carry", "VERB", "ROOT", 3, PART), ("out", "out", "ADP", "prt", 3), ("by", "by", "ADP", "agent", 3),
        ("Hamas", "Hamas", "PROPN", "pobj", 5), (".", ".", "PUNCT", "punct", 3)])
    assert [g[:2] for g in code_dyads(en, doc)] == [("HAMAS", "ASSAULT")]


def test_report_speaks_for_its_author(fr, blank_fr):
    # Le rapport de l'ONU accuse la Syrie.
    doc = make_doc(blank_fr.vocab, [
        ("Le", "le", "DET", "det", 1), ("rapport", "rapport", "NOUN", "nsubj", 5), ("de", "de", "ADP", "case", 4),
        ("l'", "le", "DET", "det", 4), ("ONU", "ONU", "PROPN", "nmod", 1), ("accuse", "accuser", "VERB", "ROOT", 5, FIN),
        ("la", "le", "DET", "det", 7), ("Syrie", "Syrie", "PROPN", "obj", 5), (".", ".", "PUNCT", "punct", 5)])
    assert ("UN", "ACCUSE", "SYR", "asserted") in code_dyads(fr, doc)


def test_report_on_a_topic_has_no_author(en, en_vocab):
    # A report on Iran accused Israel.
    doc = make_doc(en_vocab, [
        ("A", "a", "DET", "det", 1), ("report", "report", "NOUN", "nsubj", 4), ("on", "on", "ADP", "prep", 1),
        ("Iran", "Iran", "PROPN", "pobj", 2), ("accused", "accuse", "VERB", "ROOT", 4), ("Israel", "Israel", "PROPN", "dobj", 4),
        (".", ".", "PUNCT", "punct", 4)])
    assert not [g for g in code_dyads(en, doc) if g[0] == "IRN"]


def test_the_report_an_act_is_known_from_is_its_source_not_its_target(fr, blank_fr):
    # Selon un rapport de l'ONU, la Russie a bombardé des hôpitaux.
    doc = make_doc(blank_fr.vocab, [
        ("Selon", "selon", "ADP", "case", 2), ("un", "un", "DET", "det", 2), ("rapport", "rapport", "NOUN", "obl:mod", 10),
        ("de", "de", "ADP", "case", 5), ("l'", "le", "DET", "det", 5), ("ONU", "ONU", "PROPN", "nmod", 2),
        (",", ",", "PUNCT", "punct", 10), ("la", "le", "DET", "det", 8), ("Russie", "Russie", "PROPN", "nsubj", 10),
        ("a", "avoir", "AUX", "aux:tense", 10, FIN), ("bombardé", "bombarder", "VERB", "ROOT", 10, PART),
        ("des", "un", "DET", "det", 12), ("hôpitaux", "hôpital", "NOUN", "obj", 10), (".", ".", "PUNCT", "punct", 10)])
    drafts = [d for d in coded_drafts(fr, doc) if d.type == "ASSAULT"]
    assert [(d.actor.key, d.recipient.key if d.recipient else None) for d in drafts] == [("RUS", None)]
    assert drafts[0].reporter is not None and drafts[0].reporter.key == "UN"


def _weapon_fired_by(blank_fr, participle: str, lemma: str):
    # Des obus <participle> par l'armée syrienne ont frappé Alep.
    return make_doc(blank_fr.vocab, [
        ("Des", "un", "DET", "det", 1), ("obus", "obus", "NOUN", "nsubj", 9), (participle, lemma, "VERB", "acl", 1, PASS),
        ("par", "par", "ADP", "case", 5), ("l'", "le", "DET", "det", 5), ("armée", "armée", "NOUN", "obl:agent", 2),
        ("syrienne", "syrien", "ADJ", "amod", 5), ("ont", "avoir", "AUX", "aux:tense", 9, FIN),
        ("bien", "bien", "ADV", "advmod", 9), ("frappé", "frapper", "VERB", "ROOT", 9, PART), ("Alep", "Alep", "PROPN", "obj", 9),
        (".", ".", "PUNCT", "punct", 9)])


def test_a_weapon_acts_for_who_fired_it(fr, blank_fr):
    got = code_dyads(fr, _weapon_fired_by(blank_fr, "tirés", "tirer"))
    assert [g[:2] for g in got if g[1] == "ASSAULT"] == [("SYR", "ASSAULT")]
    assert not [g for g in got if g[1] == "MOBILIZE"]  # the firing is the attack, not a show of force


def test_a_thing_does_not_act_for_whoever_else_handled_it(fr, blank_fr):
    # 'des obus saisis par l'armée syrienne ont frappé Alep': seized, not fired, by the army
    got = code_dyads(fr, _weapon_fired_by(blank_fr, "saisis", "saisir"))
    assert not [g for g in got if g[1] == "ASSAULT" and g[0] == "SYR"]


def test_an_attack_aimed_at_someone_hits_them(fr, blank_fr):
    # Un attentat de l'État islamique a visé l'armée irakienne.
    doc = make_doc(blank_fr.vocab, [
        ("Un", "un", "DET", "det", 1), ("attentat", "attentat", "NOUN", "nsubj", 7), ("de", "de", "ADP", "case", 4),
        ("l'", "le", "DET", "det", 4), ("État", "État", "NOUN", "nmod", 1), ("islamique", "islamique", "ADJ", "amod", 4),
        ("a", "avoir", "AUX", "aux:tense", 7, FIN), ("visé", "viser", "VERB", "ROOT", 7, PART), ("l'", "le", "DET", "det", 9),
        ("armée", "armée", "NOUN", "obj", 7), ("irakienne", "irakien", "ADJ", "amod", 9), (".", ".", "PUNCT", "punct", 7)])
    assert ("ISIS", "ASSAULT", "IRQ", "asserted") in code_dyads(fr, doc)


def test_a_strike_that_killed_people_somewhere_hit_that_state(fr, blank_fr):
    # Une frappe de la Russie a tué dix civils à Alep.
    doc = make_doc(blank_fr.vocab, [
        ("Une", "un", "DET", "det", 1), ("frappe", "frappe", "NOUN", "nsubj", 6), ("de", "de", "ADP", "case", 4),
        ("la", "le", "DET", "det", 4), ("Russie", "Russie", "PROPN", "nmod", 1), ("a", "avoir", "AUX", "aux:tense", 6, FIN),
        ("tué", "tuer", "VERB", "ROOT", 6, PART), ("dix", "dix", "NUM", "nummod", 8), ("civils", "civil", "NOUN", "obj", 6),
        ("à", "à", "ADP", "case", 10), ("Alep", "Alep", "PROPN", "obl:mod", 6), (".", ".", "PUNCT", "punct", 6)])
    assert [g for g in code_dyads(fr, doc) if g[1] == "ASSAULT"] == [("RUS", "ASSAULT", "SYR", "asserted")]


def test_a_group_may_hit_its_home_state(fr, blank_fr):
    # Cinq policiers afghans ont été tués dans une attaque des talibans.  (Taliban: a group based in Afghanistan)
    doc = make_doc(blank_fr.vocab, [
        ("Cinq", "cinq", "NUM", "nummod", 1), ("policiers", "policier", "NOUN", "nsubj:pass", 5), ("afghans", "afghan", "ADJ", "amod", 1),
        ("ont", "avoir", "AUX", "aux:tense", 5, FIN), ("été", "être", "AUX", "aux:pass", 5), ("tués", "tuer", "VERB", "ROOT", 5, PASS),
        ("dans", "dans", "ADP", "case", 8), ("une", "un", "DET", "det", 8), ("attaque", "attaque", "NOUN", "obl:mod", 5),
        ("des", "de", "ADP", "case", 10), ("Talibans", "Taliban", "PROPN", "nmod", 8), (".", ".", "PUNCT", "punct", 5)])
    assert ("TALIBAN", "ASSAULT", "AFG", "asserted") in code_dyads(fr, doc)


def test_a_target_hung_on_the_actors_name_is_still_the_target(fr, blank_fr):
    # Une attaque de Boko Haram contre l'armée nigériane a fait dix morts.  ('contre' parsed under 'Haram')
    doc = make_doc(blank_fr.vocab, [
        ("Une", "un", "DET", "det", 1), ("attaque", "attaque", "NOUN", "nsubj", 10), ("de", "de", "ADP", "case", 3),
        ("Boko", "Boko", "PROPN", "nmod", 1), ("Haram", "Haram", "PROPN", "nmod", 3), ("contre", "contre", "ADP", "case", 7),
        ("l'", "le", "DET", "det", 7), ("armée", "armée", "NOUN", "nmod", 4), ("nigériane", "nigérian", "ADJ", "amod", 7),
        ("a", "avoir", "AUX", "aux:tense", 10, FIN), ("fait", "faire", "VERB", "ROOT", 10, PART), ("dix", "dix", "NUM", "nummod", 12),
        ("morts", "mort", "NOUN", "obj", 10), (".", ".", "PUNCT", "punct", 10)])
    assert ("BOKO_HARAM", "ASSAULT", "NGA", "asserted") in code_dyads(fr, doc)


def test_wounded_in_an_attack_are_its_victims_but_not_who_wounded(fr, blank_fr):
    # Trois soldats turcs ont été blessés dans une attaque de la Russie.
    doc = make_doc(blank_fr.vocab, [
        ("Trois", "trois", "NUM", "nummod", 1), ("soldats", "soldat", "NOUN", "nsubj:pass", 5), ("turcs", "turc", "ADJ", "amod", 1),
        ("ont", "avoir", "AUX", "aux:tense", 5, FIN), ("été", "être", "AUX", "aux:pass", 5),
        ("blessés", "blesser", "VERB", "ROOT", 5, PASS), ("dans", "dans", "ADP", "case", 8), ("une", "un", "DET", "det", 8),
        ("attaque", "attaque", "NOUN", "obl:mod", 5), ("de", "de", "ADP", "case", 11), ("la", "le", "DET", "det", 11),
        ("Russie", "Russie", "PROPN", "nmod", 8), (".", ".", "PUNCT", "punct", 5)])
    assert ("RUS", "ASSAULT", "TUR", "asserted") in code_dyads(fr, doc)


def test_a_coalition_led_by_a_state_acts_for_it(en, en_vocab):
    # The US-led coalition bombed Raqqa.
    doc = make_doc(en_vocab, [
        ("The", "the", "DET", "det", 4), ("US", "US", "PROPN", "npadvmod", 3), ("-", "-", "PUNCT", "punct", 3),
        ("led", "lead", "VERB", "amod", 4, PART), ("coalition", "coalition", "NOUN", "nsubj", 5),
        ("bombed", "bomb", "VERB", "ROOT", 5), ("Raqqa", "Raqqa", "PROPN", "dobj", 5), (".", ".", "PUNCT", "punct", 5)])
    assert [g[:2] for g in code_dyads(en, doc)] == [("USA", "ASSAULT")]


def _published_then(blank_fr, publisher: list[tuple]):
    # <publisher> a publié un rapport. Le rapport accuse la Syrie.
    n = len(publisher)
    return make_doc(blank_fr.vocab, [
        *publisher, ("a", "avoir", "AUX", "aux:tense", n + 1, FIN), ("publié", "publier", "VERB", "ROOT", n + 1, PART),
        ("un", "un", "DET", "det", n + 3), ("rapport", "rapport", "NOUN", "obj", n + 1), (".", ".", "PUNCT", "punct", n + 1),
        ("Le", "le", "DET", "det", n + 6, "Definite=Def|Gender=Masc|Number=Sing|PronType=Art"),
        ("rapport", "rapport", "NOUN", "nsubj", n + 7), ("accuse", "accuser", "VERB", "ROOT", n + 7, FIN),
        ("la", "le", "DET", "det", n + 9), ("Syrie", "Syrie", "PROPN", "obj", n + 7), (".", ".", "PUNCT", "punct", n + 7)])


def test_the_report_is_the_one_published_before(fr, blank_fr):
    doc = _published_then(blank_fr, [("Amnesty", "Amnesty", "PROPN", "nsubj", 3), ("International", "International", "PROPN", "flat:name", 0)])
    assert ("AMNESTY", "ACCUSE", "SYR", "asserted") in code_dyads(fr, doc)


def test_a_report_published_by_nobody_known_has_no_author(fr, blank_fr):
    doc = _published_then(blank_fr, [("Un", "un", "DET", "det", 1), ("chercheur", "chercheur", "NOUN", "nsubj", 3)])
    assert not [g for g in code_dyads(fr, doc) if g[1] == "ACCUSE"]
