"""Precision of French event coding: other senses of trigger words (selectional constraints stated in the
lexicon: obj_person, except_lemmas, recipient_required, reflexive) and the counter-examples of lexicon entries."""
from __future__ import annotations

import pytest

from tests.conftest import FIN, INF, PART, code_dyads, make_doc
from veille.lang import load_language
from veille.lang.loader import parse_entry
from veille.records import Document

code = code_dyads


def _verb_with_object(blank_fr, verb: str, lemma: str, det: str, obj: str, obj_lemma: str, obj_pos: str = "NOUN"):
    # La police turque a <verb> <det> <obj> .
    return make_doc(blank_fr.vocab, [
        ("La", "le", "DET", "det", 1), ("police", "police", "NOUN", "nsubj", 4), ("turque", "turc", "ADJ", "amod", 1),
        ("a", "avoir", "AUX", "aux:tense", 4, FIN), (verb, lemma, "VERB", "ROOT", 4, PART),
        (det, det.lower(), "DET", "det", 6), (obj, obj_lemma, obj_pos, "obj", 4), (".", ".", "PUNCT", "punct", 4)])


def test_an_arrest_needs_a_person_as_object(fr, blank_fr):
    assert [t for _, t, _, _ in code(fr, _verb_with_object(blank_fr, "arrêté", "arrêter", "des", "journalistes",
                                                           "journaliste"))] == ["COERCE"]
    assert code(fr, _verb_with_object(blank_fr, "arrêté", "arrêter", "le", "carnage", "carnage")) == []


def test_a_release_needs_persons_or_captives(fr, blank_fr):
    assert [t for _, t, _, _ in code(fr, _verb_with_object(blank_fr, "libéré", "libérer", "des", "otages",
                                                           "otage"))] == ["RETREAT"]
    assert code(fr, _verb_with_object(blank_fr, "libéré", "libérer", "le", "passage", "passage")) == []


def test_a_collective_noun_of_persons_names_persons(fr, blank_fr):
    # La police turque a arrêté des dizaines de manifestants .
    doc = make_doc(blank_fr.vocab, [
        ("La", "le", "DET", "det", 1), ("police", "police", "NOUN", "nsubj", 4), ("turque", "turc", "ADJ", "amod", 1),
        ("a", "avoir", "AUX", "aux:tense", 4, FIN), ("arrêté", "arrêter", "VERB", "ROOT", 4, PART),
        ("des", "un", "DET", "det", 6), ("dizaines", "dizaine", "NOUN", "obj", 4), ("de", "de", "ADP", "case", 8),
        ("manifestants", "manifestant", "NOUN", "nmod", 6), (".", ".", "PUNCT", "punct", 4)])
    assert [t for _, t, _, _ in code(fr, doc)] == ["COERCE"]


def test_an_accusation_needs_someone_accused(fr, blank_fr):
    # 'accuser un retard' (to trail) is no accusation; 'accuser la Russie' is
    assert code(fr, _verb_with_object(blank_fr, "accusé", "accuser", "un", "retard", "retard")) == []
    assert ("TUR", "ACCUSE", "RUS", "asserted") in code(
        fr, _verb_with_object(blank_fr, "accusé", "accuser", "la", "Russie", "Russie", "PROPN"))


def test_accusing_a_thing_of_an_actor_accuses_the_actor(fr, blank_fr):
    # Washington accuse le programme nucléaire de la Corée du Nord
    doc = make_doc(blank_fr.vocab, [
        ("Washington", "Washington", "PROPN", "nsubj", 1), ("accuse", "accuser", "VERB", "ROOT", 1, FIN),
        ("le", "le", "DET", "det", 3), ("programme", "programme", "NOUN", "obj", 1),
        ("nucléaire", "nucléaire", "ADJ", "amod", 3), ("de", "de", "ADP", "case", 7), ("la", "le", "DET", "det", 7),
        ("Corée", "Corée", "PROPN", "nmod", 3), ("du", "de", "ADP", "case", 9), ("Nord", "Nord", "PROPN", "flat", 7)])
    assert [(t, r) for _, t, r, _ in code(fr, doc)] == [("ACCUSE", "PRK")]
    assert code(fr, _verb_with_object(blank_fr, "accusé", "accuser", "le", "programme", "programme")) == []


def test_an_accusation_with_its_charge_needs_no_person_object(fr, blank_fr):
    # Washington accuse l'élection d'être truquée (the parser hangs the charge on the object)
    doc = make_doc(blank_fr.vocab, [
        ("Washington", "Washington", "PROPN", "nsubj", 1), ("accuse", "accuser", "VERB", "ROOT", 1, FIN),
        ("l'", "le", "DET", "det", 3), ("élection", "élection", "NOUN", "obj", 1), ("d'", "de", "ADP", "mark", 6),
        ("être", "être", "AUX", "aux:pass", 6), ("truquée", "truquer", "VERB", "acl", 3, PART)])
    assert [t for _, t, _, _ in code(fr, doc)] == ["ACCUSE"]


def test_a_veto_needs_the_vetoed_party(fr, blank_fr):
    assert code(fr, _verb_with_object(blank_fr, "bloqué", "bloquer", "le", "cortège", "cortège")) == []


def _appeal(blank_fr, *rows):
    # La police turque a lancé un appel à ...
    return make_doc(blank_fr.vocab, [
        ("La", "le", "DET", "det", 1), ("police", "police", "NOUN", "nsubj", 4), ("turque", "turc", "ADJ", "amod", 1),
        ("a", "avoir", "AUX", "aux:tense", 4, FIN), ("lancé", "lancer", "VERB", "ROOT", 4, PART),
        ("un", "un", "DET", "det", 6), ("appel", "appel", "NOUN", "obj", 4), ("à", "à", "ADP", "case", len(rows) + 7),
        *rows])


def test_an_excepted_complement_cancels_the_entry(fr, blank_fr):
    # 'un appel à la Russie' is a request; 'un appel à témoins' is no political act
    addressed = _appeal(blank_fr, ("la", "le", "DET", "det", 9), ("Russie", "Russie", "PROPN", "nmod", 6))
    assert [(t, r) for _, t, r, _ in code(fr, addressed)] == [("REQUEST", "RUS")]
    assert code(fr, _appeal(blank_fr, ("témoins", "témoin", "NOUN", "nmod", 6))) == []


def test_the_loader_reads_constraints_and_counter_examples():
    entry = parse_entry({"id": "x", "lemma": "arrêter", "pos": "VERB", "type": "COERCE", "cameo": "173",
                         "obj_person": True, "except_lemmas": ["carnage"], "examples": ["a"],
                         "counter_examples": ["b"]}, "lexicon.jsonl", 1)
    assert entry.condition.obj_person and entry.condition.except_lemmas == {"carnage"}
    assert entry.counter_examples == ("b",)


def test_counter_examples_must_be_sentences():
    from veille.errors import VeilleError
    with pytest.raises(VeilleError):
        parse_entry({"id": "x", "lemma": "a", "pos": "VERB", "type": "COERCE", "cameo": "173", "examples": ["a"],
                     "counter_examples": [""]}, "lexicon.jsonl", 1)


COUNTER = [(lang, e.id, text) for lang in ("fr", "en") for e in load_language(lang).lexicon for text in e.counter_examples]


@pytest.mark.model
@pytest.mark.parametrize("lang,entry_id,text", COUNTER, ids=[f"{c[1]}-{i}" for i, c in enumerate(COUNTER)])
def test_a_counter_example_is_not_coded_by_its_entry(fr_extractor, lang, entry_id, text):
    result = fr_extractor.process(Document(id=entry_id, text=text, date="2024-03-05", lang=lang))
    assert not [ev for ev in result.events if ev.provenance.get("rule") == entry_id], text


def _meeting(blank_fr, noun: str, lemma: str):
    # La Suède rencontrera le Brésil en <noun> .
    return make_doc(blank_fr.vocab, [
        ("La", "le", "DET", "det", 1), ("Suède", "Suède", "PROPN", "nsubj", 2),
        ("rencontrera", "rencontrer", "VERB", "ROOT", 2, "Mood=Ind|Tense=Fut|VerbForm=Fin"), ("le", "le", "DET", "det", 4),
        ("Brésil", "Brésil", "PROPN", "obj", 2), ("en", "en", "ADP", "case", 6), (noun, lemma, "NOUN", "obl:mod", 2),
        (".", ".", "PUNCT", "punct", 2)])


def test_a_sports_contest_codes_no_event(fr, blank_fr):
    assert [(a, t, r) for a, t, r, _ in code(fr, _meeting(blank_fr, "juin", "juin"))] == [("SWE", "CONSULT", "BRA")]
    assert code(fr, _meeting(blank_fr, "demi-finale", "demi-finale")) == []


def _un_opens(blank_fr, *rows):
    # L'ONU a ouvert une ...
    return make_doc(blank_fr.vocab, [
        ("L'", "le", "DET", "det", 1), ("ONU", "ONU", "PROPN", "nsubj", 3), ("a", "avoir", "AUX", "aux:tense", 3, FIN),
        ("ouvert", "ouvrir", "VERB", "ROOT", 3, PART), ("une", "un", "DET", "det", 5), *rows])


def test_an_event_noun_qualifying_another_noun_names_a_kind_not_an_act(fr, blank_fr):
    opened = _un_opens(blank_fr, ("enquête", "enquête", "NOUN", "obj", 3))
    assert [(a, t) for a, t, _, _ in code(fr, opened)] == [("UN", "ACCUSE")]
    # L'ONU a ouvert une commission d'enquête
    commission = _un_opens(blank_fr, ("commission", "commission", "NOUN", "obj", 3), ("d'", "de", "ADP", "case", 7),
                           ("enquête", "enquête", "NOUN", "nmod", 5))
    assert code(fr, commission) == []
    # L'ONU a ouvert une série d'enquêtes: a plural complement still counts acts
    series = _un_opens(blank_fr, ("série", "série", "NOUN", "obj", 3), ("d'", "de", "ADP", "case", 7),
                       ("enquêtes", "enquête", "NOUN", "nmod", 5, "Number=Plur"))
    assert [(a, t) for a, t, _, _ in code(fr, series)] == [("UN", "ACCUSE")]


def _takes(blank_fr, *rows):
    # L'armée turque prend ...
    return make_doc(blank_fr.vocab, [
        ("L'", "le", "DET", "det", 1), ("armée", "armée", "NOUN", "nsubj", 3), ("turque", "turc", "ADJ", "amod", 1),
        ("prend", "prendre", "VERB", "ROOT", 3, FIN), *rows])


def test_a_bare_object_makes_a_fixed_phrase_not_the_act(fr, blank_fr):
    taken = _takes(blank_fr, ("des", "un", "DET", "det", 5), ("positions", "position", "NOUN", "obj", 3, "Number=Plur"))
    assert [(a, t) for a, t, _, _ in code(fr, taken)] == [("TUR", "ASSAULT")]
    assert code(fr, _takes(blank_fr, ("position", "position", "NOUN", "obj", 3, "Number=Sing"))) == []


def _aim(blank_fr, *mark: tuple[str, str, str, str]):
    # La police turque a déployé des agents <mark> arrêter des journalistes .
    n = len(mark)
    rows = [("La", "le", "DET", "det", 1), ("police", "police", "NOUN", "nsubj", 4), ("turque", "turc", "ADJ", "amod", 1),
            ("a", "avoir", "AUX", "aux:tense", 4, FIN), ("déployé", "déployer", "VERB", "ROOT", 4, PART),
            ("des", "un", "DET", "det", 6), ("agents", "agent", "NOUN", "obj", 4)]
    rows += [(w, lemma, pos, dep, 7 + n) for w, lemma, pos, dep in mark]
    rows += [("arrêter", "arrêter", "VERB", "xcomp", 4, INF), ("des", "un", "DET", "det", 9 + n),
             ("journalistes", "journaliste", "NOUN", "obj", 7 + n), (".", ".", "PUNCT", "punct", 4)]
    return make_doc(blank_fr.vocab, rows)


def test_an_act_in_a_clause_of_explicit_aim_is_hypothetical(fr, blank_fr):
    aim = _aim(blank_fr, ("afin", "afin", "ADV", "advmod"), ("d'", "de", "ADP", "mark"))
    assert [m for _, t, _, m in code(fr, aim) if t == "COERCE"] == ["hypothetical"]
    # 'pour' + infinitive: the gold codes what the main act carries out as done ('a débuté des frappes pour soutenir')
    done = _aim(blank_fr, ("pour", "pour", "ADP", "mark"))
    assert [m for _, t, _, m in code(fr, done) if t == "COERCE"] == ["asserted"]


def test_the_act_whose_opening_is_asked_for_is_not_done(fr, blank_fr):
    # Le gouvernement ukrainien demande <l'ouverture d'>une enquête par les autorités russes .
    def doc(opening: bool):
        rows = [("Le", "le", "DET", "det", 1), ("gouvernement", "gouvernement", "NOUN", "nsubj", 3),
                ("ukrainien", "ukrainien", "ADJ", "amod", 1), ("demande", "demander", "VERB", "ROOT", 3, FIN)]
        if opening:
            rows += [("l'", "le", "DET", "det", 5), ("ouverture", "ouverture", "NOUN", "obj", 3), ("d'", "de", "ADP", "case", 8)]
        e = len(rows) + 1  # the index of 'enquête'
        rows += [("une", "un", "DET", "det", e), ("enquête", "enquête", "NOUN", "nmod" if opening else "obj", 5 if opening else 3),
                 ("par", "par", "ADP", "case", e + 3), ("les", "le", "DET", "det", e + 3),
                 ("autorités", "autorité", "NOUN", "nmod", e), ("russes", "russe", "ADJ", "amod", e + 3),
                 (".", ".", "PUNCT", "punct", 3)]
        return make_doc(blank_fr.vocab, rows)
    assert [t for _, t, _, _ in code(fr, doc(True))] == ["REQUEST"]
    assert [t for _, t, _, _ in code(fr, doc(False))] == ["REQUEST"]  # the asked object itself, as before


def test_an_attack_on_the_press_is_criticism(fr, blank_fr):
    def attacked(obj: str, lemma: str):
        return [t for _, t, _, _ in code(fr, _verb_with_object(blank_fr, "attaqué", "attaquer", "la", obj, lemma))]
    assert attacked("presse", "presse") == ["ACCUSE"]
    assert attacked("ville", "ville") == ["ASSAULT"]


def test_captives_are_not_their_holder(fr, blank_fr):
    # La police turque a libéré les otages de l'EI .
    doc = make_doc(blank_fr.vocab, [
        ("La", "le", "DET", "det", 1), ("police", "police", "NOUN", "nsubj", 4), ("turque", "turc", "ADJ", "amod", 1),
        ("a", "avoir", "AUX", "aux:tense", 4, FIN), ("libéré", "libérer", "VERB", "ROOT", 4, PART),
        ("les", "le", "DET", "det", 6), ("otages", "otage", "NOUN", "obj", 4), ("de", "de", "ADP", "case", 9),
        ("l'", "le", "DET", "det", 9), ("EI", "EI", "PROPN", "nmod", 6), (".", ".", "PUNCT", "punct", 4)])
    assert [(a, t, r) for a, t, r, _ in code(fr, doc)] == [("TUR", "RETREAT", None)]
