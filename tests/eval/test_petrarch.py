"""PETRARCH validation files: tolerant reading, CAMEO actor codes -> entity keys, and the
four scores (CAMEO root, dyad, exact, PLOVER)."""
from __future__ import annotations

import pytest

from veille.eval.petrarch import (PetrarchReport, PetrSentence, GoldEvent, actor_keys, read_petrarch,
                                  score_sentence)
from veille.records import Entity, Event, Evidence

# Not well-formed XML, like the real file: comment lines, a <Sentence> left open, a <Parse> block.
SAMPLE = """<?xml version='1.0' encoding='utf-8'?>
<Validation>
#######  PETRARCH-2 VALIDATION RECORDS  #######
<Sentences>
<Sentence category="AFP" date="20080804" id="S1" evaluate="true"/>
<EventCoding eventcode="042" sourcecode="USAGOV" targetcode="CHN" />
<Text>
The US leader
visited China.
</Text>
<Parse>
1	The	the	DET	DT	_	2	det	_	_
</Parse>
<Sentence category="AFP" date="121108" id="S2" evaluate="true">
<!-- a comment -->
<EventCoding noevents="True" />
<Text>
Nothing happened.
</Text>
</Sentence>
<Sentence category="X" date="20150609" id="S3" evaluate="false"/>
<EventCoding eventcode="190" sourcecode="RUS" targetcode="UKR" />
<Text>Skipped.</Text>
</Sentences>
</Validation>
"""


def test_reader_tolerates_the_file_format(tmp_path):
    path = tmp_path / "v.xml"
    path.write_text(SAMPLE, "utf-8")
    sents = read_petrarch(path)
    assert [s.id for s in sents] == ["S1", "S2"]
    assert sents[0].text == "The US leader visited China."
    assert sents[0].date == "2008-08-04" and sents[1].date is None
    assert sents[0].events == [GoldEvent("USAGOV", "CHN", "042")]
    assert sents[1].events == []


@pytest.mark.parametrize("code, keys", [
    ("USAGOV", {"USA"}), ("RUSMIL", {"RUS"}), ("CHN", {"CHN"}), ("IGOUNO", {"UN", "UNSC", "UNGA"}),
    ("IGOUNOMIL", {"UN", "UNSC", "UNGA"}), ("IGOUNOIAE", {"IAEA"}), ("IGOEUREEC", {"EU"}), ("IGOWSTNAT", {"NATO"}),
    ("IMGMUSISI", {"ISIS"}), ("PSEREBHMSGOV", {"PSE", "HAMAS"}), ("---REB", set()), ("---", set()),
    ("IGOCOPITP", set()), ("IGOJUDICC", {"ICC"}), ("IGOEURCOE", {"COE"}),
])
def test_actor_codes(code, keys):
    assert actor_keys(code) == frozenset(keys)


def _event(actor: str, recipient: str | None, cameo: str, typ: str, symmetric: bool = False,
           modality: str = "asserted") -> Event:
    ent = lambda k: Entity(text=k, key=k, country=k, code=k)  # noqa: E731
    return Event(doc_id="d", type=typ, cameo=cameo, actor=ent(actor), recipient=ent(recipient) if recipient else None,
                 date="2024-01-01", date_precision="day", modality=modality, lang="en", symmetric=symmetric,
                 evidence=Evidence(sentence=0, start=0, end=1, text="t", trigger="t", trigger_start=0, trigger_end=1))


def test_scores_exact_dyad_root_and_plover():
    report = PetrarchReport(files=[])
    sent = PetrSentence("S", None, "t", [GoldEvent("USAGOV", "CHN", "042"), GoldEvent("RUS", "UKR", "190")])
    score_sentence(report, sent, [_event("USA", "CHN", "042", "CONSULT"), _event("RUS", "UKR", "195", "ASSAULT"),
                                  _event("FRA", "DEU", "040", "CONSULT", modality="negated")])
    s = report.scores
    assert (s["exact"].tp, s["exact"].fp, s["exact"].fn) == (1, 1, 1)
    assert (s["plover"].tp, s["plover"].fp, s["plover"].fn) == (2, 0, 0)
    assert (s["dyad"].tp, s["dyad"].fp, s["dyad"].fn) == (2, 0, 0)
    assert (s["root"].tp, s["root"].fp, s["root"].fn) == (2, 0, 0)
    assert s["plover_type"].f1 == 1.0


def test_symmetric_events_count_both_ways_and_noevents_count_false_positives():
    report = PetrarchReport(files=[])
    both = PetrSentence("A", None, "t", [GoldEvent("BRA", "USA", "040"), GoldEvent("USA", "BRA", "040")])
    score_sentence(report, both, [_event("USA", "BRA", "040", "CONSULT", symmetric=True)])
    assert report.scores["exact"].tp == 2 and report.scores["exact"].fp == 0
    score_sentence(report, PetrSentence("B", None, "t", []), [_event("FRA", "RWA", "111", "ACCUSE")])
    assert report.scores["exact"].fp == 1
    assert report.sentences == 2 and report.gold_events == 2


def test_a_symmetric_event_coded_one_way_in_gold_is_no_false_positive():
    report = PetrarchReport(files=[])
    one = PetrSentence("A", None, "t", [GoldEvent("IRQGOV", "SYRGOV", "040")])
    score_sentence(report, one, [_event("SYR", "IRQ", "040", "CONSULT", symmetric=True)])
    s = report.scores
    assert (s["exact"].tp, s["exact"].fp, s["exact"].fn) == (1, 0, 0)
    assert (s["dyad"].tp, s["dyad"].fp, s["dyad"].fn) == (1, 0, 0)
    score_sentence(report, PetrSentence("B", None, "t", []), [_event("USA", "RUS", "040", "CONSULT", symmetric=True)])
    assert s["exact"].fp == 1 and s["dyad"].fp == 1  # one event, one false positive
    assert report.rows[-1]["exact"] == (0, 1, 0)


def test_errors_list_sentences_with_exact_misses_and_their_text():
    report = PetrarchReport(files=[])
    score_sentence(report, PetrSentence("OK", None, "Russia attacked Ukraine.", [GoldEvent("RUS", "UKR", "190")]),
                   [_event("RUS", "UKR", "190", "ASSAULT")])
    score_sentence(report, PetrSentence("KO", None, "Iran met Iraq.", [GoldEvent("IRN", "IRQ", "040")]), [])
    out = report.format(errors=True)
    assert "KO (exact tp=0 fp=0 fn=1)" in out and "Iran met Iraq." in out
    assert "OK (" not in out


def test_unknown_actor_never_matches_a_key():
    report = PetrarchReport(files=[])
    score_sentence(report, PetrSentence("C", None, "t", [GoldEvent("---REB", "SYR", "190")]),
                   [_event("SYR", "SYR", "190", "ASSAULT")])
    assert report.scores["exact"].tp == 0 and report.scores["exact"].fn == 1


@pytest.mark.model
def test_veille_eval_dispatches_xml(shared):
    from click.testing import CliRunner

    from veille.cli.main import cli
    path = shared / "data" / "gold" / "en" / "PETR2_GSR_validation.xml"
    res = CliRunner().invoke(cli, ["eval", str(path), "--json"])
    assert res.exit_code == 0, res.output
    import json
    out = json.loads(res.output[res.output.index("{"):])
    assert out["petrarch"]["sentences"] == 78
    for key in ("root", "dyad", "exact", "plover", "plover_type"):
        assert 0.0 <= out["petrarch"][key]["f1"] <= 1.0


def test_a_non_state_group_also_counts_as_its_state():
    report = PetrarchReport(files=[])
    ev = _event("FSA", "PHL", "190", "ASSAULT")
    ev.actor = Entity(text="Syrian rebels", key="FSA", country="SYR", org="FSA", role="REB", code="FSAREB")
    score_sentence(report, PetrSentence("G", None, "t", [GoldEvent("SYRREB", "PHL", "193")]), [ev])
    assert report.scores["dyad"].tp == 1 and report.scores["exact"].tp == 0


# A record whose <Text> is empty but whose <Parse> holds the sentence (like 'abc12_3' of the real file).
EMPTY_TEXT = """<Sentences>
<Sentence category="OTHER" date="20150101" id="P1" evaluate="true"/>
<EventCoding eventcode="190" sourcecode="NGAREB" targetcode="NGAMUS" />
<Text>
</Text>
<Parse>
1\tBoko\tBoko\tPROPN\tNNP\t_\t2\tname\t_\t_
2\tHaram\tHaram\tPROPN\tNNP\t_\t4\tnsubj\t_\t_
3\thas\thave\tAUX\tVBZ\t_\t4\taux\t_\t_
4\tlaunched\tlaunch\tVERB\tVBN\t_\t0\troot\t_\t_
5\tattacks\tattack\tNOUN\tNNS\t_\t4\tdobj\t_\t_
6\t(\t(\tPUNCT\t-LRB-\t_\t7\tpunct\t_\t_
7\tagain\tagain\tADV\tRB\t_\t4\tadvmod\t_\t_
8\t)\t)\tPUNCT\t-RRB-\t_\t7\tpunct\t_\t_
9\tin\tin\tADP\tIN\t_\t10\tcase\t_\t_
10\tNigeria\tNigeria\tPROPN\tNNP\t_\t4\tnmod\t_\tSpaceAfter=No
11\t's\t's\tPART\tPOS\t_\t12\tcase\t_\t_
12\tnorth\tnorth\tNOUN\tNN\t_\t4\tnmod\t_\t_
13\t,\t,\tPUNCT\t,\t_\t4\tpunct\t_\t_
14\tofficials\tofficial\tNOUN\tNNS\t_\t15\tnsubj\t_\t_
15\tsaid\tsay\tVERB\tVBD\t_\t4\tparataxis\t_\t_
16\t.\t.\tPUNCT\t.\t_\t4\tpunct\t_\t_
</Parse></Sentence>
<Sentence category="OTHER" date="20150101" id="P2" evaluate="true"/>
<EventCoding eventcode="190" sourcecode="RUS" targetcode="UKR" />
<Text></Text>
</Sentences>
"""


def test_an_empty_text_is_rebuilt_from_the_parse(tmp_path):
    path = tmp_path / "v.xml"
    path.write_text(EMPTY_TEXT, "utf-8")
    sents = read_petrarch(path)
    assert sents[0].text == "Boko Haram has launched attacks (again) in Nigeria's north, officials said."
    assert sents[0].events == [GoldEvent("NGAREB", "NGAMUS", "190")]
    assert sents[1].text == ""  # no parse either: nothing to code, its gold event is missed


def test_gold_events_with_a_keyless_side_are_counted_and_reported():
    report = PetrarchReport(files=[])
    score_sentence(report, PetrSentence("K", None, "t", [GoldEvent("---LEG", "USAGOV", "023"),
                                                          GoldEvent("IGOCOPITP", "---", "036"),
                                                          GoldEvent("RWALEG", "---", "140"),
                                                          GoldEvent("RUS", "UKR", "190")]), [])
    assert (report.keyless_source, report.keyless_target) == (2, 1)
    assert report.as_dict()["keyless_source"] == 2
    assert "no veille key" in report.format() and ": 3 (2 with no source key" in report.format()
