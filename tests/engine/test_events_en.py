"""Engine frames on hand-built English (ClearNLP) parses, no model: slots that read a verb's
object ('obj_obl', 'obj_place'), the subject of its clausal complement ('comp_subj'), and an
oblique actor introduced by the entry's own prepositions ('actor_preps')."""
from __future__ import annotations

import pytest
import spacy

from tests.conftest import coded_drafts, make_doc

PAST = "Tense=Past|VerbForm=Fin"
INF = "VerbForm=Inf"


@pytest.fixture(scope="module")
def vocab():
    return spacy.blank("en").vocab


def code(en, doc, date="2024-03-05"):
    return {(d.actor.key, d.cameo, d.recipient.key if d.recipient else None) for d in coded_drafts(en, doc, date)}


def test_recipient_hanging_off_the_object(en, vocab):
    # Germany lifted the sanctions on Iran .
    doc = make_doc(vocab, [
        ("Germany", "Germany", "PROPN", "nsubj", 1), ("lifted", "lift", "VERB", "ROOT", 1, PAST),
        ("the", "the", "DET", "det", 3), ("sanctions", "sanction", "NOUN", "dobj", 1), ("on", "on", "ADP", "prep", 3),
        ("Iran", "Iran", "PROPN", "pobj", 4), (".", ".", "PUNCT", "punct", 1)])
    assert ("DEU", "085", "IRN") in code(en, doc)


def test_place_of_the_attended_event(en, vocab):
    # Modi attended a summit in Japan .
    doc = make_doc(vocab, [
        ("India", "India", "PROPN", "nsubj", 1), ("attended", "attend", "VERB", "ROOT", 1, PAST),
        ("a", "a", "DET", "det", 3), ("summit", "summit", "NOUN", "dobj", 1), ("in", "in", "ADP", "prep", 3),
        ("Japan", "Japan", "PROPN", "pobj", 4), (".", ".", "PUNCT", "punct", 1)])
    assert ("IND", "042", "JPN") in code(en, doc)


def test_the_giver_after_from_is_the_actor(en, vocab):
    # Ukraine received tanks from Poland .
    doc = make_doc(vocab, [
        ("Ukraine", "Ukraine", "PROPN", "nsubj", 1), ("received", "receive", "VERB", "ROOT", 1, PAST),
        ("tanks", "tank", "NOUN", "dobj", 1), ("from", "from", "ADP", "prep", 1),
        ("Poland", "Poland", "PROPN", "pobj", 3), (".", ".", "PUNCT", "punct", 1)])
    assert ("POL", "070", "UKR") in code(en, doc)


def test_the_subject_of_a_wished_action_is_asked(en, vocab):
    # France wants Iran to stop .
    doc = make_doc(vocab, [
        ("France", "France", "PROPN", "nsubj", 1), ("wants", "want", "VERB", "ROOT", 1, "Tense=Pres|VerbForm=Fin"),
        ("Iran", "Iran", "PROPN", "nsubj", 4), ("to", "to", "PART", "aux", 4), ("stop", "stop", "VERB", "ccomp", 1, INF),
        (".", ".", "PUNCT", "punct", 1)])
    assert ("FRA", "020", "IRN") in code(en, doc)


def test_a_wish_without_an_addressee_is_no_request(en, vocab):
    # France wants to stop .
    doc = make_doc(vocab, [
        ("France", "France", "PROPN", "nsubj", 1), ("wants", "want", "VERB", "ROOT", 1, "Tense=Pres|VerbForm=Fin"),
        ("to", "to", "PART", "aux", 3), ("stop", "stop", "VERB", "xcomp", 1, INF), (".", ".", "PUNCT", "punct", 1)])
    assert not any(c == "020" for _, c, _ in code(en, doc))


def test_the_pronoun_us_is_no_country_but_US_is(en, vocab):
    # Let us meet the US .
    doc = make_doc(vocab, [
        ("Let", "let", "VERB", "ROOT", 0), ("us", "we", "PRON", "nsubj", 2), ("meet", "meet", "VERB", "ccomp", 0),
        ("the", "the", "DET", "det", 4), ("US", "US", "PROPN", "dobj", 2), (".", ".", "PUNCT", "punct", 0)])
    state = en[1].scan(doc, "2024-03-05")
    assert 1 not in state.matches and state.matches[4].best.key == "USA"


def test_the_subject_of_a_passive_governor_controls_its_complement(en, vocab):
    # Obama is scheduled to visit Cuba .
    doc = make_doc(vocab, [
        ("Egypt", "Egypt", "PROPN", "nsubjpass", 2), ("is", "be", "AUX", "auxpass", 2),
        ("scheduled", "schedule", "VERB", "ROOT", 2, "Tense=Past|VerbForm=Part"), ("to", "to", "PART", "aux", 4),
        ("visit", "visit", "VERB", "xcomp", 2, INF), ("Cuba", "Cuba", "PROPN", "dobj", 4), (".", ".", "PUNCT", "punct", 2)])
    assert ("EGY", "042", "CUB") in code(en, doc)


def test_a_coordinated_noun_modifier_owns_the_noun(en, vocab):
    # US and British activists staged a protest in Beijing .  ('nmod': the parser's bare noun modifier)
    doc = make_doc(vocab, [
        ("US", "US", "PROPN", "nmod", 3), ("and", "and", "CCONJ", "cc", 0), ("British", "british", "ADJ", "conj", 0),
        ("activists", "activist", "NOUN", "nsubj", 4), ("staged", "stage", "VERB", "ROOT", 4, PAST),
        ("a", "a", "DET", "det", 6), ("protest", "protest", "NOUN", "dobj", 4), ("in", "in", "ADP", "prep", 4),
        ("Beijing", "Beijing", "PROPN", "pobj", 7), (".", ".", "PUNCT", "punct", 4)])
    assert ("USA", "141", "CHN") in code(en, doc)  # 'British', a coordinated adjective, is still missed


def test_a_list_parsed_as_apposition_meets_pairwise(en, vocab):
    # Egypt , Jordan , and Iraq met .   (the parser makes 'Jordan' an apposition of 'Egypt')
    doc = make_doc(vocab, [
        ("Egypt", "Egypt", "PROPN", "nsubj", 6), (",", ",", "PUNCT", "punct", 0), ("Jordan", "Jordan", "PROPN", "appos", 0),
        (",", ",", "PUNCT", "punct", 2), ("and", "and", "CCONJ", "cc", 2), ("Iraq", "Iraq", "PROPN", "conj", 2),
        ("met", "meet", "VERB", "ROOT", 6, PAST), (".", ".", "PUNCT", "punct", 6)])
    got = {frozenset((a, r)) for a, c, r in code(en, doc) if c == "040"}
    assert got == {frozenset(p) for p in (("EGY", "JOR"), ("EGY", "IRQ"), ("JOR", "IRQ"))}


def test_a_true_apposition_is_not_a_list(en, vocab):
    # Egypt , Jordan's neighbour , met Iraq .
    doc = make_doc(vocab, [
        ("Egypt", "Egypt", "PROPN", "nsubj", 6), (",", ",", "PUNCT", "punct", 0), ("Jordan", "Jordan", "PROPN", "poss", 4),
        ("'s", "'s", "PART", "case", 2), ("neighbour", "neighbour", "NOUN", "appos", 0), (",", ",", "PUNCT", "punct", 0),
        ("met", "meet", "VERB", "ROOT", 6, PAST), ("Iraq", "Iraq", "PROPN", "dobj", 6), (".", ".", "PUNCT", "punct", 6)])
    assert {(a, r) for a, c, r in code(en, doc) if c == "040"} == {("EGY", "IRQ")}


def test_coordinated_subjects_of_a_light_verb_hold_talks_with_each_other(en, vocab):
    # France and Germany held talks .
    doc = make_doc(vocab, [
        ("France", "France", "PROPN", "nsubj", 3), ("and", "and", "CCONJ", "cc", 0), ("Germany", "Germany", "PROPN", "conj", 0),
        ("held", "hold", "VERB", "ROOT", 3, PAST), ("talks", "talk", "NOUN", "dobj", 3), (".", ".", "PUNCT", "punct", 3)])
    assert {frozenset((a, r)) for a, c, r in code(en, doc)} == {frozenset(("FRA", "DEU"))}


def test_a_name_inside_a_person_name_is_no_actor(en, vocab):
    # Kim Jong Un met Putin .   ('Un' is not the UN)
    from spacy.tokens import Span
    doc = make_doc(vocab, [
        ("Kim", "Kim", "PROPN", "compound", 2), ("Jong", "Jong", "PROPN", "compound", 2), ("Un", "Un", "PROPN", "nsubj", 3),
        ("met", "meet", "VERB", "ROOT", 3, PAST), ("the", "the", "DET", "det", 5), ("UN", "UN", "PROPN", "dobj", 3),
        (".", ".", "PUNCT", "punct", 3)])
    doc.ents = [Span(doc, 0, 3, label="PERSON"), Span(doc, 5, 6, label="ORG")]
    state = en[1].scan(doc, "2024-03-05")
    assert 2 not in state.matches and state.matches[5].best.key == "UN"


def test_wanting_to_help_states_an_intent(en, vocab):
    # Japan wants to help Indonesia .   (the subject's own intent: AGREE 033, as for 'will help')
    doc = make_doc(vocab, [
        ("Japan", "Japan", "PROPN", "nsubj", 1), ("wants", "want", "VERB", "ROOT", 1, "Tense=Pres|VerbForm=Fin"),
        ("to", "to", "PART", "aux", 3), ("help", "help", "VERB", "xcomp", 1, INF), ("Indonesia", "Indonesia", "PROPN", "dobj", 3),
        (".", ".", "PUNCT", "punct", 1)])
    assert ("JPN", "033", "IDN") in code(en, doc)


def test_wanting_another_to_help_is_no_intent_of_theirs(en, vocab):
    # Japan wants China to help Indonesia .
    doc = make_doc(vocab, [
        ("Japan", "Japan", "PROPN", "nsubj", 1), ("wants", "want", "VERB", "ROOT", 1, "Tense=Pres|VerbForm=Fin"),
        ("China", "China", "PROPN", "nsubj", 4), ("to", "to", "PART", "aux", 4), ("help", "help", "VERB", "ccomp", 1, INF),
        ("Indonesia", "Indonesia", "PROPN", "dobj", 4), (".", ".", "PUNCT", "punct", 1)])
    assert not any(c == "033" for _, c, _ in code(en, doc))


def test_a_president_named_by_title_and_surname_in_his_term(en, vocab):
    # President Bush met Putin .   (2008: George W. Bush, a US president, and Putin, Russia's)
    doc = make_doc(vocab, [
        ("President", "President", "PROPN", "compound", 1), ("Bush", "Bush", "PROPN", "nsubj", 2),
        ("met", "meet", "VERB", "ROOT", 2, PAST), ("Putin", "Putin", "PROPN", "dobj", 2), (".", ".", "PUNCT", "punct", 2)])
    assert ("USA", "040", "RUS") in code(en, doc, "2008-03-05")


def test_gaza_and_the_west_bank_are_palestinian(en, vocab):
    # Israel shelled Gaza .
    doc = make_doc(vocab, [
        ("Israel", "Israel", "PROPN", "nsubj", 1), ("shelled", "shell", "VERB", "ROOT", 1, PAST),
        ("Gaza", "Gaza", "PROPN", "dobj", 1), (".", ".", "PUNCT", "punct", 1)])
    assert any(a == "ISR" and r == "PSE" for a, _, r in code(en, doc))


def test_an_infinitive_hung_as_adverbial_under_a_request_is_not_coded(en, vocab):
    # Iran is pressured by France to release prisoners .   (the small parser makes 'release' an advcl)
    doc = make_doc(vocab, [
        ("Iran", "Iran", "PROPN", "nsubjpass", 2), ("is", "be", "AUX", "auxpass", 2),
        ("pressured", "pressure", "VERB", "ROOT", 2, "Tense=Past|VerbForm=Part"), ("by", "by", "ADP", "agent", 2),
        ("France", "France", "PROPN", "pobj", 3), ("to", "to", "PART", "aux", 6), ("release", "release", "VERB", "advcl", 2, INF),
        ("prisoners", "prisoner", "NOUN", "dobj", 6), (".", ".", "PUNCT", "punct", 2)])
    assert not [d for d in coded_drafts(en, doc, "2024-03-05") if d.type == "RETREAT"]  # asked for, not done


def test_a_date_after_on_is_no_target_of_the_firing(en, vocab):
    # Korea fired missiles into the sea on Thursday .   ('on' marks targets of 'fire', not dates)
    from spacy.tokens import Span
    doc = make_doc(vocab, [
        ("Iran", "Iran", "PROPN", "nsubj", 1), ("fired", "fire", "VERB", "ROOT", 1, PAST),
        ("missiles", "missile", "NOUN", "dobj", 1), ("into", "into", "ADP", "prep", 1), ("the", "the", "DET", "det", 5),
        ("sea", "sea", "NOUN", "pobj", 3), ("on", "on", "ADP", "prep", 1), ("Thursday", "Thursday", "PROPN", "pobj", 6),
        (".", ".", "PUNCT", "punct", 1)])
    doc.ents = [Span(doc, 0, 1, label="GPE"), Span(doc, 7, 8, label="DATE")]
    assert {c for _, c, _ in code(en, doc)} == {"150"}


def test_force_used_by_protesters_is_a_riot(en, vocab):
    # Iranian protesters stormed the Saudi embassy .
    doc = make_doc(vocab, [
        ("Iranian", "iranian", "ADJ", "amod", 1), ("protesters", "protester", "NOUN", "nsubj", 2),
        ("stormed", "storm", "VERB", "ROOT", 2, PAST), ("the", "the", "DET", "det", 5), ("Saudi", "Saudi", "PROPN", "compound", 5),
        ("embassy", "embassy", "NOUN", "dobj", 2), (".", ".", "PUNCT", "punct", 2)])
    assert ("IRN", "145", "SAU") in code(en, doc)


def test_a_phrasal_verb_needs_its_particle(en, vocab):
    # Turkey called off talks with Greece .   /   Turkey called talks with Greece .
    def doc(words):
        return make_doc(vocab, words)
    off = doc([("Turkey", "Turkey", "PROPN", "nsubj", 1), ("called", "call", "VERB", "ROOT", 1, PAST),
               ("off", "off", "ADP", "prt", 1), ("talks", "talk", "NOUN", "dobj", 1), ("with", "with", "ADP", "prep", 3),
               ("Greece", "Greece", "PROPN", "pobj", 4), (".", ".", "PUNCT", "punct", 1)])
    assert ("TUR", "120", "GRC") in code(en, off)
    plain = doc([("Turkey", "Turkey", "PROPN", "nsubj", 1), ("called", "call", "VERB", "ROOT", 1, PAST),
                 ("talks", "talk", "NOUN", "dobj", 1), ("with", "with", "ADP", "prep", 2),
                 ("Greece", "Greece", "PROPN", "pobj", 3), (".", ".", "PUNCT", "punct", 1)])
    assert not any(c == "120" for _, c, _ in code(en, plain))


def test_an_event_noun_in_a_circumstance_adjunct_is_not_the_subjects_act(en, vocab):
    # Iran left after protests .   (the protests are not Iran's)
    doc = make_doc(vocab, [
        ("Iran", "Iran", "PROPN", "nsubj", 1), ("left", "leave", "VERB", "ROOT", 1, PAST), ("after", "after", "ADP", "prep", 1),
        ("protests", "protest", "NOUN", "pobj", 2), (".", ".", "PUNCT", "punct", 1)])
    assert not any(c.startswith("14") for _, c, _ in code(en, doc))


def test_what_an_event_caused_is_not_done_by_its_subject(en, vocab):
    # The killing of Iranians sparked protests .   (the protests are not the victims' act)
    doc = make_doc(vocab, [
        ("The", "the", "DET", "det", 1), ("killing", "killing", "NOUN", "nsubj", 4), ("of", "of", "ADP", "prep", 1),
        ("Iranians", "Iranians", "PROPN", "pobj", 2), ("sparked", "spark", "VERB", "ROOT", 4, PAST),
        ("protests", "protest", "NOUN", "dobj", 4), (".", ".", "PUNCT", "punct", 4)])
    assert not any(c.startswith("14") for _, c, _ in code(en, doc))


def test_saying_one_will_not_act_is_a_refusal(en, vocab):
    # China will not supply weapons to Russia .   (a refusal of aid: CAMEO 122; 'did not supply' stays negated)
    doc = make_doc(vocab, [
        ("China", "China", "PROPN", "nsubj", 3), ("will", "will", "AUX", "aux", 3), ("not", "not", "PART", "neg", 3),
        ("supply", "supply", "VERB", "ROOT", 3, INF), ("weapons", "weapon", "NOUN", "dobj", 3), ("to", "to", "ADP", "dative", 3),
        ("Russia", "Russia", "PROPN", "pobj", 5), (".", ".", "PUNCT", "punct", 3)])
    drafts = coded_drafts(en, doc, "2024-03-05")
    assert [(d.type, d.cameo, d.modality) for d in drafts] == [("REJECT", "122", "asserted")]


def test_a_claim_accuses_the_doer_of_a_claimed_event_only(en, vocab):
    # Ukraine claims that Russia attacked Kharkiv .   /   China claims that Taiwan is Chinese .
    def doc(subj, kids):
        return make_doc(vocab, [(subj[0], subj[0], "PROPN", "nsubj", 1), ("claims", "claim", "VERB", "ROOT", 1, "Tense=Pres|VerbForm=Fin"),
                                ("that", "that", "SCONJ", "mark", 4), (subj[1], subj[1], "PROPN", "nsubj", 4), *kids])
    attacked = doc(("Ukraine", "Russia"), [("attacked", "attack", "VERB", "ccomp", 1, PAST),
                                                 ("Kharkiv", "Kharkiv", "PROPN", "dobj", 4), (".", ".", "PUNCT", "punct", 1)])
    assert ("UKR", "112", "RUS") in code(en, attacked)
    state = doc(("China", "Taiwan"), [("is", "be", "AUX", "ccomp", 1, "Tense=Pres|VerbForm=Fin"),
                                            ("Chinese", "chinese", "ADJ", "acomp", 4), (".", ".", "PUNCT", "punct", 1)])
    assert not any(c == "112" for _, c, _ in code(en, state))


def test_an_event_asked_for_is_not_the_askers_act(en, vocab):
    # France renewed its call for a ceasefire .   (France asks for it; it declares none)
    doc = make_doc(vocab, [
        ("France", "France", "PROPN", "nsubj", 1), ("renewed", "renew", "VERB", "ROOT", 1, PAST),
        ("its", "its", "PRON", "poss", 3), ("call", "call", "NOUN", "dobj", 1), ("for", "for", "ADP", "prep", 3),
        ("a", "a", "DET", "det", 6), ("ceasefire", "ceasefire", "NOUN", "pobj", 4), (".", ".", "PUNCT", "punct", 1)])
    assert not any(c.startswith("087") for _, c, _ in code(en, doc))
