"""TimeML reading and scoring on a small constructed document."""
from __future__ import annotations

from veille.eval.timeml import TimemlReport, evaluate_timeml, parse_tml, score_document
from veille.records import Timex

TML = """<?xml version='1.0' encoding='UTF-8'?>
<TimeML>
<DOCID>d1</DOCID>
<DCT><TIMEX3 functionInDocument="CREATION_TIME" tid="t0" type="DATE" value="2023-11-17" /></DCT>
<TEXT>
Le ministre est <EVENT eid="e1">arrivé</EVENT> <TIMEX3 tid="t1" type="DATE" value="2023-11-14">mardi</TIMEX3> à Paris, <TIMEX3 tid="t2" type="DURATION" value="P3Y">trois ans</TIMEX3> après <TIMEX3 tid="t3" type="DATE" value="2020">sa dernière visite</TIMEX3>.
</TEXT>
</TimeML>
"""


def test_parse_tml_offsets_and_dct():
    doc = parse_tml(TML)
    assert doc.id == "d1" and doc.dct == "2023-11-17"
    assert [(doc.text[t.start:t.end], t.type, t.value) for t in doc.timexes] == [
        ("mardi", "DATE", "2023-11-14"), ("trois ans", "DURATION", "P3Y"), ("sa dernière visite", "DATE", "2020")]
    assert "<" not in doc.text


def test_score_relaxed_strict_and_values():
    doc = parse_tml(TML)
    start = doc.text.index("mardi")
    dur = doc.text.index("trois ans")
    preds = [Timex(start, start + 5, "mardi", "DATE", "2023-11-14", "day"),
             Timex(dur - 4, dur + 9, "les trois ans", "DURATION", "P3Y", "year"),  # overlaps: relaxed only
             Timex(0, 2, "Le", "DATE", "2023", "year")]  # spurious
    report = TimemlReport()
    score_document(doc, preds, report)
    assert (report.gold, report.predicted, report.relaxed_matches, report.strict_matches) == (3, 3, 2, 1)
    assert report.date_matched == 1 and report.date_value_correct == 1
    assert round(report.relaxed[2], 3) == round(2 / 3, 3)
    assert report.per_type["DURATION"].matched == 1
    assert "extent (relaxed)" in report.format()


def test_evaluate_directory_runs_the_tagger(tmp_path):
    (tmp_path / "d1.tml").write_text(TML, encoding="utf-8")
    report = evaluate_timeml(tmp_path)
    assert report.documents == 1 and report.gold == 3
    assert report.date_value_correct >= 1  # "mardi" against the DCT
