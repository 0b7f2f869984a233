"""Dates the article gives a mention elsewhere (engine/story_dates.py): the same event dated in
another sentence, a paragraph's opening date, the lead dated by the body, the lead's episode.
Docs are built by hand, sentence by sentence (heads relative to the sentence), so no model is
needed; a None sentence is a paragraph break."""
from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc

from veille.engine.dating import EventDater
from veille.engine.story_dates import StoryDater
from veille.engine.syntax import Syntax
from veille.lang import load_language
from veille.records import Entity, Event, Evidence

PAST = "Tense=Past|VerbForm=Part"
PRES = "Mood=Ind|Tense=Pres|VerbForm=Fin"
PAST_FIN = "Mood=Ind|Tense=Past|VerbForm=Fin"


def build(vocab, sentences: list[list[tuple] | None]) -> Doc:
    """sentences: rows (word, lemma, pos, dep, head within the sentence[, morph]); None = new paragraph."""
    words, lemmas, pos, deps, heads, morphs, spaces = [], [], [], [], [], [], []
    for sent in sentences:
        if sent is None:  # a paragraph break hangs on the previous sentence's last token
            words.append("\n")
            lemmas.append("\n")
            pos.append("SPACE")
            deps.append("dep")
            heads.append(len(words) - 2)
            morphs.append("")
            spaces[-1] = False
            spaces.append(False)
            continue
        base = len(words)
        for row in sent:
            words.append(row[0])
            lemmas.append(row[1])
            pos.append(row[2])
            deps.append(row[3])
            heads.append(base + row[4])
            morphs.append(row[5] if len(row) > 5 else "")
            spaces.append(True)
    return Doc(vocab, words=words, spaces=spaces, lemmas=lemmas, pos=pos, deps=deps, heads=heads, morphs=morphs)


def simple(lang: str, subj: str, aux: str | None, verb: tuple[str, str, str], obj: str,
           opening: list[tuple] = (), adverb: tuple | None = None) -> list[tuple]:
    """'[opening ,] SUBJ [AUX] VERB [ADV] OBJ .' with the verb as root."""
    rows: list[tuple] = []
    n_open = len(opening)
    v = n_open + (2 if aux else 1) + (1 if n_open else 0)
    for row in opening:
        rows.append((row[0], row[1], row[2], row[3], v if row[4] is None else row[4]))
    if n_open:
        rows.append((",", ",", "PUNCT", "punct", v))
    rows.append((subj, subj, "PROPN", "nsubj", v))
    if aux:
        rows.append((aux, "avoir" if lang == "fr" else "have", "AUX", "aux:tense" if lang == "fr" else "aux", v))
    rows.append((verb[0], verb[1], "VERB", "ROOT", v, verb[2]))
    if adverb:
        rows.append((adverb[0], adverb[0], "ADV", "advmod", v))
    rows.append((obj, obj, "PROPN", "obj" if lang == "fr" else "dobj", v))
    rows.append((".", ".", "PUNCT", "punct", v))
    return rows


FR_ATTACK = ("attaqué", "attaquer", PAST)
FR_REPLY = ("riposté", "riposter", PAST)
FR_ACCUSE = ("accuse", "accuser", PRES)
EN_ATTACK = ("attacked", "attack", PAST_FIN)
EN_REPLY = ("retaliated", "retaliate", PAST_FIN)
EN_ACCUSE = ("accuses", "accuse", PRES)


def fr_day(day: str, month: str) -> list[tuple]:
    # 'Le 2 mars' opening the sentence, hung on its verb
    return [("Le", "le", "DET", "det", 1), (day, day, "NUM", "obl:mod", None), (month, month, "NOUN", "flat", 1)]


def en_day(month: str, day: str) -> list[tuple]:
    return [("On", "on", "ADP", "prep", None), (month, month, "PROPN", "pobj", 0), (day, day, "NUM", "nummod", 1)]


@pytest.fixture(scope="module")
def vocabs():
    return {"fr": spacy.blank("fr").vocab, "en": spacy.blank("en").vocab}


def _story(lang: str) -> tuple[EventDater, StoryDater]:
    data = load_language(lang)
    syn = Syntax(data)
    dater = EventDater(data, syn)
    return dater, StoryDater(data, syn, dater)


def _event(doc: Doc, trigger_i: int, actor: Entity, recipient: Entity | None, typ: str, date, precision: str,
           modality: str = "asserted") -> Event:
    t = doc[trigger_i]
    sent = t.sent
    return Event(doc_id="d", type=typ, cameo="190", actor=actor, recipient=recipient, date=date,
                 date_precision=precision, modality=modality, lang="fr",
                 evidence=Evidence(sentence=0, start=sent.start_char, end=sent.end_char, text=sent.text,
                                   trigger=t.text, trigger_start=t.idx, trigger_end=t.idx + len(t.text)))


X = Entity(text="X", key="XXX")
Y = Entity(text="Y", key="YYY")
Z = Entity(text="Z", key="ZZZ")
PUB = "2024-03-04"


def _run(lang: str, doc: Doc, specs: list[tuple], pub: str = PUB) -> list[tuple]:
    """specs: (trigger word, occurrence, actor, recipient, type[, modality]); each event is first dated
    by EventDater.date_of, then shared. Returns (trigger, date, precision) of each event."""
    dater, story = _story(lang)
    timexes = dater.timexes(doc, pub)
    triggers, events = [], []
    for spec in specs:
        word, nth, actor, recipient, typ = spec[:5]
        tok = [t for t in doc if t.text == word][nth]
        triggers.append(tok)
    coded = frozenset(t.i for t in triggers)
    for spec, tok in zip(specs, triggers):
        date, _, precision = dater.date_of(tok, timexes, pub, coded - {tok.i})
        events.append(_event(doc, tok.i, spec[2], spec[3], spec[4], date, precision, *spec[5:]))
    story.share(events, triggers, timexes, pub)
    return [(t.text, ev.date, ev.date_precision) for t, ev in zip(triggers, events)]


# ---- 1. the first dated mention of the same event ---------------------------------------------
def test_same_event_takes_its_dated_mention_fr(vocabs):
    doc = build(vocabs["fr"], [simple("fr", "X", "a", FR_ATTACK, "Y"), None,
                               simple("fr", "X", "a", FR_ATTACK, "Y", fr_day("2", "mars"))])
    got = _run("fr", doc, [("attaqué", 0, X, Y, "ASSAULT"), ("attaqué", 1, X, Y, "ASSAULT")])
    assert got == [("attaqué", "2024-03-02", "day"), ("attaqué", "2024-03-02", "day")]


def test_same_event_takes_its_dated_mention_en(vocabs):
    doc = build(vocabs["en"], [simple("en", "X", None, EN_ATTACK, "Y"), None,
                               simple("en", "X", None, EN_ATTACK, "Y", en_day("March", "2"))])
    got = _run("en", doc, [("attacked", 0, X, Y, "ASSAULT"), ("attacked", 1, X, Y, "ASSAULT")])
    assert got == [("attacked", "2024-03-02", "day"), ("attacked", "2024-03-02", "day")]


def test_another_dyad_is_another_event(vocabs):
    doc = build(vocabs["fr"], [simple("fr", "Z", "a", FR_ATTACK, "Y"), None,
                               simple("fr", "X", "a", FR_ATTACK, "Y", fr_day("2", "mars"))])
    got = _run("fr", doc, [("attaqué", 0, Z, Y, "ASSAULT"), ("attaqué", 1, X, Y, "ASSAULT")])
    assert got[0] == ("attaqué", PUB, "publication")


def test_future_mention_keeps_publication(vocabs):
    doc = build(vocabs["fr"], [simple("fr", "X", "a", FR_ATTACK, "Y"), None,
                               simple("fr", "X", "a", FR_ATTACK, "Y", fr_day("2", "mars"))])
    got = _run("fr", doc, [("attaqué", 0, X, Y, "ASSAULT", "future"), ("attaqué", 1, X, Y, "ASSAULT")])
    assert got[0] == ("attaqué", PUB, "publication")


# ---- 2. the paragraph's opening date -------------------------------------------------------
@pytest.mark.parametrize("lang,first,second,expected", [
    # the narration goes on in the same tense: the paragraph's date
    ("fr", FR_ATTACK, FR_REPLY, ("2024-03-02", "day")),
    ("en", EN_ATTACK, EN_REPLY, ("2024-03-02", "day")),
    # a statement in the present after a past episode: the frame ends
    ("fr", FR_ATTACK, FR_ACCUSE, (PUB, "publication")),
    ("en", EN_ATTACK, EN_ACCUSE, (PUB, "publication")),
])
def test_paragraph_frame(vocabs, lang, first, second, expected):
    opening = fr_day("2", "mars") if lang == "fr" else en_day("March", "2")
    aux = ("a" if lang == "fr" else None)
    second_aux = aux if second[2] == PAST else None
    doc = build(vocabs[lang], [simple(lang, "X", aux, first, "Y", opening),
                               simple(lang, "Z", second_aux, second, "X")])
    got = _run(lang, doc, [(first[0], 0, X, Y, "ASSAULT"), (second[0], 0, Z, X, "ASSAULT")])
    assert got[1][1:] == expected


def test_frame_stops_at_the_paragraph(vocabs):
    doc = build(vocabs["fr"], [simple("fr", "X", "a", FR_ATTACK, "Y", fr_day("2", "mars")), None,
                               simple("fr", "Z", "a", FR_REPLY, "X")])
    got = _run("fr", doc, [("attaqué", 0, X, Y, "ASSAULT"), ("riposté", 0, Z, X, "ASSAULT")])
    assert got[1] == ("riposté", PUB, "publication")


@pytest.mark.parametrize("lang,adverb", [("fr", ("ensuite",)), ("en", ("later",))])
def test_next_step_keeps_publication(vocabs, lang, adverb):
    opening = fr_day("2", "mars") if lang == "fr" else en_day("March", "2")
    first, second = (FR_ATTACK, FR_REPLY) if lang == "fr" else (EN_ATTACK, EN_REPLY)
    aux = "a" if lang == "fr" else None
    doc = build(vocabs[lang], [simple(lang, "X", aux, first, "Y", opening),
                               simple(lang, "Z", aux, second, "X", adverb=adverb)])
    got = _run(lang, doc, [(first[0], 0, X, Y, "ASSAULT"), (second[0], 0, Z, X, "ASSAULT")])
    assert got[1][1:] == (PUB, "publication")


def test_dateline_is_no_frame(vocabs):
    # '2 mars 2024. – X a attaqué Y. Z a riposté.': the dateline dates nothing
    dateline = [("2", "2", "NUM", "ROOT", 0), ("mars", "mars", "NOUN", "flat", 0), ("2024", "2024", "NUM", "nmod", 0),
                (".", ".", "PUNCT", "punct", 0), ("–", "–", "PUNCT", "punct", 0)]
    doc = build(vocabs["fr"], [dateline, simple("fr", "X", "a", FR_ATTACK, "Y"), simple("fr", "Z", "a", FR_REPLY, "X")])
    got = _run("fr", doc, [("riposté", 0, Z, X, "ASSAULT")], pub="2024-03-02")
    assert got == [("riposté", "2024-03-02", "publication")]


def test_state_keeps_publication(vocabs):
    # 'Le 2 mars, X a attaqué Y. Z affronte X depuis 2012.': a state since 2012, no dated act
    since = simple("fr", "Z", None, ("affronte", "affronter", PRES), "X")[:-1] + [
        ("depuis", "depuis", "ADP", "case", 4), ("2012", "2012", "NUM", "obl:mod", 1), (".", ".", "PUNCT", "punct", 1)]
    doc = build(vocabs["fr"], [simple("fr", "X", None, ("attaque", "attaquer", PRES), "Y", fr_day("2", "mars")), since])
    got = _run("fr", doc, [("affronte", 0, Z, X, "ASSAULT")])
    assert got == [("affronte", PUB, "publication")]


# ---- 3. the lead dated by the body ------------------------------------------------------------
def test_lead_takes_the_body_account_of_the_same_kind(vocabs):
    # lead 'X a frappé Y.'; body 'Le 17 septembre, une frappe tue des soldats.' (no event coded on it)
    body = [("Le", "le", "DET", "det", 1), ("17", "17", "NUM", "obl:mod", 7), ("septembre", "septembre", "NOUN", "flat", 1),
            (",", ",", "PUNCT", "punct", 7), ("une", "un", "DET", "det", 5), ("frappe", "frappe", "NOUN", "nsubj", 7),
            ("aérienne", "aérien", "ADJ", "amod", 5), ("tue", "tuer", "VERB", "ROOT", 7, PRES),
            ("des", "un", "DET", "det", 9), ("soldats", "soldat", "NOUN", "obj", 7), (".", ".", "PUNCT", "punct", 7)]
    doc = build(vocabs["fr"], [simple("fr", "X", "a", ("frappé", "frapper", PAST), "Y"), None, body])
    got = _run("fr", doc, [("frappé", 0, X, Y, "ASSAULT")], pub="2016-09-19")
    assert got == [("frappé", "2016-09-17", "day")]


# ---- 4. the lead's episode, through a person it names ----------------------------------------
def test_person_of_the_lead_episode(vocabs):
    lead = [("Sept", "sept", "NUM", "nummod", 1), ("ambassadeurs", "ambassadeur", "NOUN", "nsubj", 3),
            ("ont", "avoir", "AUX", "aux:tense", 3), ("remis", "remettre", "VERB", "ROOT", 3, PAST),
            ("leurs", "leur", "DET", "det", 5), ("lettres", "lettre", "NOUN", "obj", 3),
            ("au", "à", "ADP", "case", 8), ("Président", "président", "NOUN", "nmod", 8),
            ("Nkurunziza", "Nkurunziza", "PROPN", "obl:arg", 3), (",", ",", "PUNCT", "punct", 10),
            ("hier", "hier", "ADV", "advmod", 3), (".", ".", "PUNCT", "punct", 3)]
    doc = build(vocabs["fr"], [lead, None, simple("fr", "Casper", "a", ("rencontré", "rencontrer", PAST), "Nkurunziza")])
    person = Entity(text="Nkurunziza", key="BDI", name="Pierre Nkurunziza")
    got = _run("fr", doc, [("rencontré", 0, Entity(text="Casper", key="USA"), person, "CONSULT")], pub="2016-10-21")
    assert got == [("rencontré", "2016-10-20", "day")]
    other = Entity(text="Nkurunziza", key="BDI", name="Agathon Rwasa")
    got = _run("fr", doc, [("rencontré", 0, Entity(text="Casper", key="USA"), other, "CONSULT")], pub="2016-10-21")
    assert got == [("rencontré", "2016-10-21", "publication")]


# ---- the narration's frame inside a paragraph ------------------------------------------------
FR_CUT = [("les", "le", "DET", "det", 1), ("forces", "force", "NOUN", "nsubj:pass", 3),
          ("sont", "être", "AUX", "aux:pass", 3, PRES), ("coupées", "couper", "VERB", "ROOT", 3, PAST),
          (".", ".", "PUNCT", "punct", 3)]


def _opened(rows: list[tuple], opening: list[tuple]) -> list[tuple]:
    """`rows` with `opening` and a comma before them, heads shifted (opening heads None = the root)."""
    shift = len(opening) + 1
    root = next(i for i, r in enumerate(rows) if r[3] == "ROOT") + shift
    out = [(r[0], r[1], r[2], r[3], root if r[4] is None else r[4]) for r in opening]
    out.append((",", ",", "PUNCT", "punct", root))
    out += [(r[0], r[1], r[2], r[3], r[4] + shift, *r[5:]) for r in rows]
    return out


def test_sentence_opening_date_frames_the_rest_of_the_paragraph(vocabs):
    # 'X attaque Y. En janvier 2017, les forces sont coupées. Z ravitaille X.' (a present passive
    # and a present active keep one tense)
    janvier = [("En", "en", "ADP", "case", 1), ("janvier", "janvier", "NOUN", "obl:mod", None),
               ("2017", "2017", "NUM", "nmod", 1)]
    doc = build(vocabs["fr"], [simple("fr", "X", None, ("attaque", "attaquer", PRES), "Y"), _opened(FR_CUT, janvier),
                               simple("fr", "Z", None, ("ravitaille", "ravitailler", PRES), "X")])
    got = _run("fr", doc, [("attaque", 0, X, Y, "ASSAULT"), ("ravitaille", 0, Z, X, "AID")], pub="2017-09-11")
    assert got == [("attaque", "2017-09-11", "publication"), ("ravitaille", "2017-01", "month")]


def test_conditional_claim_ends_the_frame(vocabs):
    # 'Le 2 mars, X a attaqué Y. Z aurait riposté.' / '... X aurait mobilisé Y. Z a riposté.'
    cond = simple("fr", "Z", "aurait", FR_REPLY, "X")
    cond[1] = ("aurait", "avoir", "AUX", "aux:tense", 2, "Mood=Cnd|Tense=Pres|VerbForm=Fin")
    doc = build(vocabs["fr"], [simple("fr", "X", "a", FR_ATTACK, "Y", fr_day("2", "mars")), cond])
    assert _run("fr", doc, [("riposté", 0, Z, X, "ASSAULT", "alleged")])[0][1:] == (PUB, "publication")
    doc = build(vocabs["fr"], [simple("fr", "X", "a", FR_ATTACK, "Y", fr_day("2", "mars")), cond,
                               simple("fr", "Y", "a", ("frappé", "frapper", PAST), "Z")])
    assert _run("fr", doc, [("frappé", 0, Y, Z, "ASSAULT")])[0][1:] == (PUB, "publication")


@pytest.mark.parametrize("middle_day,expected", [("2", ("2024-03-02", "day")), ("3", (PUB, "publication"))])
def test_another_day_ends_the_frame(vocabs, middle_day, expected):
    # 'Le 2 mars, X a attaqué Y. Z a riposté le 2|3 mars. Y a frappé Z.': the same day keeps the frame
    middle = simple("fr", "Z", "a", FR_REPLY, "X")[:-1] + [
        ("le", "le", "DET", "det", 5), (middle_day, middle_day, "NUM", "obl:mod", 2), ("mars", "mars", "NOUN", "flat", 5),
        (".", ".", "PUNCT", "punct", 2)]
    doc = build(vocabs["fr"], [simple("fr", "X", "a", FR_ATTACK, "Y", fr_day("2", "mars")), middle,
                               simple("fr", "Y", "a", ("frappé", "frapper", PAST), "Z")])
    assert _run("fr", doc, [("frappé", 0, Y, Z, "ASSAULT")])[0][1:] == expected


def test_lead_takes_the_body_account_of_the_same_kind_en(vocabs):
    # lead 'X struck Y.'; body 'On September 17, an air strike killed soldiers.' (no event coded on it)
    body = [("On", "on", "ADP", "prep", 7), ("September", "September", "PROPN", "pobj", 0), ("17", "17", "NUM", "nummod", 1),
            (",", ",", "PUNCT", "punct", 7), ("an", "an", "DET", "det", 6), ("air", "air", "NOUN", "compound", 6),
            ("strike", "strike", "NOUN", "nsubj", 7), ("killed", "kill", "VERB", "ROOT", 7, PAST_FIN),
            ("soldiers", "soldier", "NOUN", "dobj", 7), (".", ".", "PUNCT", "punct", 7)]
    doc = build(vocabs["en"], [simple("en", "X", None, ("struck", "strike", PAST_FIN), "Y"), None, body])
    got = _run("en", doc, [("struck", 0, X, Y, "ASSAULT")], pub="2016-09-19")
    assert got == [("struck", "2016-09-17", "day")]


def test_person_of_the_lead_episode_en(vocabs):
    lead = [("Seven", "seven", "NUM", "nummod", 1), ("ambassadors", "ambassador", "NOUN", "nsubj", 2),
            ("presented", "present", "VERB", "ROOT", 2, PAST_FIN), ("credentials", "credential", "NOUN", "dobj", 2),
            ("to", "to", "ADP", "dative", 2), ("President", "President", "PROPN", "compound", 6),
            ("Nkurunziza", "Nkurunziza", "PROPN", "pobj", 4), ("yesterday", "yesterday", "NOUN", "npadvmod", 2),
            (".", ".", "PUNCT", "punct", 2)]
    doc = build(vocabs["en"], [lead, None, simple("en", "Casper", None, ("met", "meet", PAST_FIN), "Nkurunziza")])
    person = Entity(text="Nkurunziza", key="BDI", name="Pierre Nkurunziza")
    got = _run("en", doc, [("met", 0, Entity(text="Casper", key="USA"), person, "CONSULT")], pub="2016-10-21")
    assert got == [("met", "2016-10-20", "day")]
