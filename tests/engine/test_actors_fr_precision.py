"""Actors that are not there: a capital naming where an event happened or a treaty was signed, a
branch of an organisation qualified by a country, a national sports team (engine/actors.py,
cues place_named_nouns and non_state_bodies), on hand-built French parses."""
from __future__ import annotations

import spacy

from tests.conftest import FIN, PART, code_dyads, make_doc

AUX = "Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin"


def _doc(rows):
    return make_doc(spacy.blank("fr").vocab, rows)


def _condemn(rows_after):
    """'<Subject> a condamné <object...> .' with the object phrase given from token 3 on."""
    return [("Moscou", "Moscou", "PROPN", "nsubj", 2), ("a", "avoir", "AUX", "aux:tense", 2, AUX),
            ("condamné", "condamner", "VERB", "ROOT", 2, PART), *rows_after, (".", ".", "PUNCT", "punct", 2)]


def test_a_capital_after_de_on_an_attack_is_its_place_not_its_actor(fr):
    _, actors, _ = fr
    doc = _doc(_condemn([("les", "le", "DET", "det", 4), ("attentats", "attentat", "NOUN", "obj", 2),
                         ("de", "de", "ADP", "case", 6), ("Bruxelles", "Bruxelles", "PROPN", "nmod", 4)]))
    assert actors.entities(actors.scan(doc, "2016-03-23"), doc[6]) == []
    assert all(t != "ASSAULT" for _, t, _, _ in code_dyads(fr, doc))


def test_a_capital_naming_a_treaty_is_no_recipient(fr):
    doc = _doc([("Le", "le", "DET", "det", 1), ("président", "président", "NOUN", "nsubj", 5),
                ("américain", "américain", "ADJ", "amod", 1), ("a", "avoir", "AUX", "aux:tense", 5, AUX),
                ("vivement", "vivement", "ADV", "advmod", 5), ("critiqué", "critiquer", "VERB", "ROOT", 5, PART),
                ("l'", "le", "DET", "det", 7), ("accord", "accord", "NOUN", "obj", 5),
                ("de", "de", "ADP", "case", 9), ("Paris", "Paris", "PROPN", "nmod", 7), (".", ".", "PUNCT", "punct", 5)])
    dyads = code_dyads(fr, doc)
    assert ("USA", "ACCUSE", "FRA", "asserted") not in dyads
    assert any(a == "USA" and t == "ACCUSE" for a, t, _, _ in dyads)


def test_a_capital_still_stands_for_its_government_elsewhere(fr):
    """'les frappes de Moscou': an act of the government, not a place-named noun."""
    _, actors, _ = fr
    doc = _doc([("les", "le", "DET", "det", 1), ("frappes", "frappe", "NOUN", "nsubj", 4),
                ("de", "de", "ADP", "case", 3), ("Moscou", "Moscou", "PROPN", "nmod", 1),
                ("continuent", "continuer", "VERB", "ROOT", 4, FIN)])
    assert [e.key for e in actors.entities(actors.scan(doc, None), doc[3])] == ["RUS"]


def _branch(owner_rows):
    """'La branche égyptienne <owner> a appelé à frapper .'"""
    n = len(owner_rows)
    verb = 4 + n
    rows = [("La", "le", "DET", "det", 1), ("branche", "branche", "NOUN", "nsubj", verb),
            ("égyptienne", "égyptien", "ADJ", "amod", 1), *owner_rows,
            ("a", "avoir", "AUX", "aux:tense", verb, AUX), ("appelé", "appeler", "VERB", "ROOT", verb, PART),
            ("à", "à", "ADP", "mark", verb + 2), ("frapper", "frapper", "VERB", "xcomp", verb, "VerbForm=Inf"),
            (".", ".", "PUNCT", "punct", verb)]
    return _doc(rows)


def test_a_branch_of_an_organisation_belongs_to_it_not_to_the_state_it_operates_in(fr):
    doc = _branch([("de", "de", "ADP", "case", 4), ("Daech", "Daech", "PROPN", "nmod", 1)])
    dyads = code_dyads(fr, doc)
    assert ("ISIS", "REQUEST") in [(a, t) for a, t, _, _ in dyads]
    assert all(a == "ISIS" for a, _, _, _ in dyads)


def test_a_branch_with_only_a_nationality_is_no_state(fr):
    doc = _branch([])
    assert code_dyads(fr, doc) == []


def test_a_national_team_is_no_state(fr):
    doc = _doc([("L'", "le", "DET", "det", 1), ("équipe", "équipe", "NOUN", "nsubj", 5),
                ("de", "de", "ADP", "case", 3), ("France", "France", "PROPN", "nmod", 1),
                ("a", "avoir", "AUX", "aux:tense", 5, AUX), ("attaqué", "attaquer", "VERB", "ROOT", 5, PART),
                ("la", "le", "DET", "det", 7), ("Belgique", "Belgique", "PROPN", "obj", 5),
                (".", ".", "PUNCT", "punct", 5)])
    assert code_dyads(fr, doc) == []
    russian = _doc([("Une", "un", "DET", "det", 1), ("équipe", "équipe", "NOUN", "nsubj", 4),
                    ("russe", "russe", "ADJ", "amod", 1), ("a", "avoir", "AUX", "aux:tense", 4, AUX),
                    ("attaqué", "attaquer", "VERB", "ROOT", 4, PART), ("la", "le", "DET", "det", 6),
                    ("Belgique", "Belgique", "PROPN", "obj", 4), (".", ".", "PUNCT", "punct", 4)])
    assert code_dyads(fr, russian) == []


def _then_resigns(first, subject):
    """'<first sentence> <subject> a annoncé sa démission .'; `first` ends with its own punctuation, `subject` is
    (word, lemma, pos, morph) rows whose last word heads the others."""
    n, k = len(first), len(subject)
    verb = n + k + 1
    subj = [(w, lem, pos, "nsubj" if i == k - 1 else "det", verb if i == k - 1 else n + k - 1, morph)
            for i, (w, lem, pos, morph) in enumerate(subject)]
    return _doc([*first, *subj, ("a", "avoir", "AUX", "aux:tense", verb, AUX),
                 ("annoncé", "annoncer", "VERB", "ROOT", verb, PART),
                 ("sa", "son", "DET", "det", verb + 2, "Gender=Fem|Number=Sing|Poss=Yes"),
                 ("démission", "démission", "NOUN", "obj", verb), (".", ".", "PUNCT", "punct", verb)])


FRANCE_PROTESTS = [("La", "le", "DET", "det", 1), ("France", "France", "PROPN", "nsubj", 3),
                   ("a", "avoir", "AUX", "aux:tense", 3, AUX), ("protesté", "protester", "VERB", "ROOT", 3, PART),
                   (".", ".", "PUNCT", "punct", 3)]


def test_a_possessive_of_a_subject_naming_nobody_is_not_the_last_entity_named(fr):
    """'L'homme a annoncé sa démission': the man resigns, not France named before."""
    doc = _then_resigns(FRANCE_PROTESTS, [("L'", "le", "DET", ""), ("homme", "homme", "NOUN", "")])
    assert all(t != "RETREAT" for _, t, _, _ in code_dyads(fr, doc))


def test_a_possessive_of_a_personal_pronoun_still_refers_back(fr):
    doc = _then_resigns(FRANCE_PROTESTS, [("Il", "il", "PRON", "Gender=Masc|Number=Sing|Person=3")])
    assert any(a == "FRA" and t == "RETREAT" for a, t, _, _ in code_dyads(fr, doc))


def test_a_pronoun_refers_to_a_passive_subject_before_a_place(fr):
    """'Le ministre russe est arrivé à Paris. Il a annoncé sa démission.': the minister, not Paris."""
    first = [("Le", "le", "DET", "det", 1, "Definite=Def|Gender=Masc|Number=Sing"),
             ("ministre", "ministre", "NOUN", "nsubj:pass", 4, "Gender=Masc|Number=Sing"),
             ("russe", "russe", "ADJ", "amod", 1), ("est", "être", "AUX", "aux:pass", 4, AUX),
             ("arrivé", "arriver", "VERB", "ROOT", 4, PART), ("à", "à", "ADP", "case", 6),
             ("Paris", "Paris", "PROPN", "obl:arg", 4, "Gender=Masc|Number=Sing"), (".", ".", "PUNCT", "punct", 4)]
    doc = _then_resigns(first, [("Il", "il", "PRON", "Gender=Masc|Number=Sing|Person=3")])
    assert ("RUS", "RETREAT") in [(a, t) for a, t, _, _ in code_dyads(fr, doc)]


def test_a_country_spelling_the_surname_of_a_person_named_in_full_is_that_person(fr):
    """'Le président François Hollande ... Hollande a condamné': France's president, not the Netherlands."""
    from spacy.tokens import Span
    doc = _doc([("Le", "le", "DET", "det", 1), ("président", "président", "NOUN", "nsubj", 4),
                ("François", "François", "PROPN", "appos", 1), ("Hollande", "Hollande", "PROPN", "flat:name", 2),
                ("parle", "parler", "VERB", "ROOT", 4, FIN), (".", ".", "PUNCT", "punct", 4),
                ("Hollande", "Hollande", "PROPN", "nsubj", 8), ("a", "avoir", "AUX", "aux:tense", 8, AUX),
                ("condamné", "condamner", "VERB", "ROOT", 8, PART), ("l'", "le", "DET", "det", 10),
                ("attentat", "attentat", "NOUN", "obj", 8), (".", ".", "PUNCT", "punct", 8)])
    doc.ents = [Span(doc, 2, 4, label="PER"), Span(doc, 6, 7, label="LOC")]
    _, actors, _ = fr
    state = actors.scan(doc, "2016-07-26")
    assert 3 not in state.matches and 6 not in state.matches
    assert ("FRA", "ACCUSE") in [(a, t) for a, t, _, _ in code_dyads(fr, doc, "2016-07-26")]


def test_who_lost_their_lives_in_attacks_did_not_attack(fr):
    """'Des Palestiniens ont perdu la vie dans ces attaques': victims (cue victim_verbs), not attackers."""
    doc = _doc([("Des", "un", "DET", "det", 1), ("Palestiniens", "palestinien", "NOUN", "nsubj", 3),
                ("ont", "avoir", "AUX", "aux:tense", 3, AUX), ("perdu", "perdre", "VERB", "ROOT", 3, PART),
                ("la", "le", "DET", "det", 5), ("vie", "vie", "NOUN", "obj", 3), ("dans", "dans", "ADP", "case", 8),
                ("ces", "ce", "DET", "det", 8), ("attaques", "attaque", "NOUN", "obl:mod", 3),
                (".", ".", "PUNCT", "punct", 3)])
    assert code_dyads(fr, doc) == []


def test_a_subject_of_another_number_does_not_own_a_possessive(fr):
    """'sa' has a singular owner, 'leur' a plural one: only a subject of the same number blocks it."""
    _, actors, _ = fr
    doc = _then_resigns(FRANCE_PROTESTS, [("L'", "le", "DET", ""), ("homme", "homme", "NOUN", "Number=Sing")])
    state = actors.scan(doc, None)
    leur = _doc([("leur", "leur", "DET", "ROOT", 0, "Poss=Yes")])[0]
    assert actors.names_nobody(state, doc[6], doc[9])
    assert not actors.names_nobody(state, doc[6], leur)


def test_a_club_owns_its_own_possessive(fr):
    """'Les clubs ont annoncé leur soutien': the clubs', not the last state named."""
    _, actors, _ = fr
    doc = _then_resigns(FRANCE_PROTESTS, [("Les", "le", "DET", "Number=Plur"),
                                          ("clubs", "club", "NOUN", "Number=Plur")])
    leur = _doc([("leur", "leur", "DET", "ROOT", 0, "Poss=Yes")])[0]
    assert actors.names_nobody(actors.scan(doc, None), doc[6], leur)


def test_a_bare_name_is_one_owner(fr):
    """'Nissan ... a coopéré à leur enquête': a singular name does not own a plural owner's thing."""
    _, actors, _ = fr
    doc = _then_resigns(FRANCE_PROTESTS, [("Nissan", "Nissan", "PROPN", "")])
    state = actors.scan(doc, None)
    leur = _doc([("leur", "leur", "DET", "ROOT", 0, "Poss=Yes")])[0]
    assert actors.names_nobody(state, doc[5], doc[8]) and not actors.names_nobody(state, doc[5], leur)


def test_a_nationality_of_origin_ties_no_one_to_a_state(fr):
    """'L'individu d'origine algérienne a attaqué un policier': no Algerian act."""
    _, actors, _ = fr
    doc = _doc([("L'", "le", "DET", "det", 1), ("individu", "individu", "NOUN", "nsubj", 6),
                ("d'", "de", "ADP", "case", 3), ("origine", "origine", "NOUN", "nmod", 1),
                ("algérienne", "algérien", "ADJ", "amod", 1), ("a", "avoir", "AUX", "aux:tense", 6, AUX),
                ("attaqué", "attaquer", "VERB", "ROOT", 6, PART), ("un", "un", "DET", "det", 8),
                ("policier", "policier", "NOUN", "obj", 6), (".", ".", "PUNCT", "punct", 6)])
    assert 4 not in actors.scan(doc, None).matches
    assert all(a != "DZA" for a, _, _, _ in code_dyads(fr, doc))


def test_attacking_a_policy_is_criticism(fr):
    """'Le ministre algérien a attaqué la politique française': a verbal attack (ACCUSE 111), no assault."""
    doc = _doc([("Le", "le", "DET", "det", 1), ("ministre", "ministre", "NOUN", "nsubj", 4),
                ("algérien", "algérien", "ADJ", "amod", 1), ("a", "avoir", "AUX", "aux:tense", 4, AUX),
                ("attaqué", "attaquer", "VERB", "ROOT", 4, PART), ("la", "le", "DET", "det", 6),
                ("politique", "politique", "NOUN", "obj", 4), ("française", "français", "ADJ", "amod", 6),
                (".", ".", "PUNCT", "punct", 4)])
    assert [(a, t, r) for a, t, r, _ in code_dyads(fr, doc)] == [("DZA", "ACCUSE", "FRA")]


def test_a_capital_named_as_a_place_neither_acts_nor_owns(fr):
    """'Obama a prononcé un discours à Prague appelant à la paix': the participle hung on 'Prague' is not
    Prague's (the Czech Republic's) call; a possessive does not fall back on such a place either."""
    doc = _doc([("Obama", "Obama", "PROPN", "nsubj", 2), ("a", "avoir", "AUX", "aux:tense", 2, AUX),
                ("prononcé", "prononcer", "VERB", "ROOT", 2, PART), ("un", "un", "DET", "det", 4),
                ("discours", "discours", "NOUN", "obj", 2), ("à", "à", "ADP", "case", 6),
                ("Prague", "Prague", "PROPN", "nmod", 4), ("appelant", "appeler", "VERB", "acl", 6, "Tense=Pres|VerbForm=Part"),
                ("à", "à", "ADP", "case", 10), ("la", "le", "DET", "det", 10), ("paix", "paix", "NOUN", "obl:arg", 7),
                (".", ".", "PUNCT", "punct", 2)])
    _, actors, _ = fr
    state = actors.scan(doc, None)
    assert actors.placed(state, doc[6]) and not actors.placed(state, doc[0])
    assert all(a != "CZE" for a, _, _, _ in code_dyads(fr, doc))
