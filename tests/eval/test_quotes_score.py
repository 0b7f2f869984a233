"""The quote scorer: matching by content overlap (half of the shorter one), one-to-one,
precision/recall/F1, speaker key, name and kind accuracy on matched quotes."""
from __future__ import annotations

import pytest

from veille.eval.gold import GoldDoc
from veille.eval.quotes import QuoteScore, score_quotes
from veille.records import Document, Quote, Speaker

TEXT = ("« Nos liens sont solides », a indiqué M. Kozlov. Séoul affirme que le Nord aurait reçu des conseils. "
        "Selon lui, la visite a été un succès.")


def _pred(content: str, key: str | None, name: str | None = None, kind: str = "direct") -> Quote:
    start = TEXT.find(content)
    return Quote(doc_id="d", kind=kind, content=content, start=start, end=start + len(content), cue=None,
                 speaker=Speaker(text="x", key=key, name=name))


def _gold(*quotes: dict) -> GoldDoc:
    return GoldDoc(Document(id="d", text=TEXT), [], list(quotes))


G1 = {"kind": "direct", "content": "Nos liens sont solides", "speaker_key": "RUS", "speaker_name": "Alexandre Kozlov"}
G2 = {"kind": "indirect", "content": "le Nord aurait reçu des conseils", "speaker_key": "KOR", "speaker_name": None}
G3 = {"kind": "indirect", "content": "la visite a été un succès", "speaker_key": "RUS", "speaker_name": "Alexandre Kozlov"}

CASES = [
    # (gold, predicted, tp, fp, fn, key_ok, name_ok, name_n, kind_ok)
    ([G1, G2], [_pred("Nos liens sont solides", "RUS", "Alexandre Kozlov"), _pred("le Nord aurait reçu des conseils", "KOR", kind="indirect")],
     2, 0, 0, 2, 1, 1, 2),
    ([G1], [_pred("Nos liens", "RUS", "alexandre KOZLOV")], 1, 0, 0, 1, 1, 1, 1),          # half of the shorter one
    ([G1], [_pred("liens", "RUS")], 1, 0, 0, 1, 0, 1, 1),
    ([G2], [_pred("des conseils. Selon lui, la visite a été un succès", "KOR")], 0, 1, 1, 0, 0, 0, 0),  # 12/32 < half
    ([G1], [_pred("Nos liens sont solides", "USA")], 1, 0, 0, 0, 0, 1, 1),
    ([G1], [_pred("Nos liens sont solides", "RUS"), _pred("liens sont", "RUS")], 1, 1, 0, 1, 0, 1, 1),  # one-to-one
    ([G1, G2, G3], [], 0, 0, 3, 0, 0, 0, 0),
    ([], [_pred("la visite a été un succès", None, kind="indirect")], 0, 1, 0, 0, 0, 0, 0),
    ([G3], [_pred("la visite a été un succès", "RUS", "Alexandre Kozlov", kind="mixed")], 1, 0, 0, 1, 1, 1, 0),
]


@pytest.mark.parametrize("gold,pred,tp,fp,fn,key_ok,name_ok,name_n,kind_ok", CASES)
def test_score_quotes(gold, pred, tp, fp, fn, key_ok, name_ok, name_n, kind_ok):
    s = score_quotes(_gold(*gold), pred, QuoteScore())
    assert (s.tp, s.fp, s.fn, s.key_ok, s.name_ok, s.name_n, s.kind_ok) == (tp, fp, fn, key_ok, name_ok, name_n, kind_ok)


def test_gold_content_not_in_text_falls_back_to_common_substring():
    gold = {"kind": "direct", "content": "Nos liens sont très solides", "speaker_key": "RUS"}
    s = score_quotes(_gold(gold), [_pred("Nos liens sont solides", "RUS")], QuoteScore())
    assert s.tp == 1


def test_accumulates_and_reports():
    s = QuoteScore()
    score_quotes(_gold(G1, G2), [_pred("Nos liens sont solides", "RUS", "Alexandre Kozlov")], s)
    score_quotes(_gold(G3), [_pred("la visite a été un succès", None, kind="indirect")], s)
    assert (s.docs, s.tp, s.fp, s.fn) == (2, 2, 0, 1)
    assert s.precision == 1.0 and s.recall == pytest.approx(2 / 3) and s.f1 == pytest.approx(0.8)
    assert s.key_accuracy == 0.5 and s.name_accuracy == 0.5
    d = s.as_dict()
    assert d["f1"] == 0.8 and d["speaker_key_accuracy"] == 0.5 and d["tp"] == 2
    text = s.format()
    assert "quotes: 2 documents" in text and "F1=0.800" in text and "speaker key accuracy: 0.500 (1/2)" in text
    assert "fn d" in s.format(errors=True)


def test_empty_score():
    s = QuoteScore()
    assert (s.precision, s.recall, s.f1, s.key_accuracy) == (0.0, 0.0, 0.0, 0.0)
    assert "n/a" in s.format()
