"""The engine never crashes on text: property tests (hypothesis) over random text and over
French and English news articles mutated at random (cut, spliced, repeated, case-flipped,
sprinkled with invisible, right-to-left, quote and control characters).

For every input: no exception (a document may be rejected, with a catalogue error); every
offset is inside the document and points at the text it claims; every event is valid
against event.schema.json; the same input gives the same output."""
from __future__ import annotations

import gzip
import json
import signal
from contextlib import contextmanager
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reliability_helpers import schema_validator
from veille.errors import DocumentRejected
from veille.pipeline import Extractor
from veille.records import Document
from veille.settings import load_settings

pytestmark = [pytest.mark.model, pytest.mark.slow]

CORPUS = Path(__file__).resolve().parents[2] / "src" / "veille" / "data" / "corpus"
EN = [
    "The United States accused Russia on Tuesday of violating the ceasefire in eastern Ukraine. "
    "Washington threatened new sanctions, while Moscow rejected the claims as baseless.",
    "China and India agreed on Friday to resume border talks after months of tension. The foreign "
    "ministers met in Beijing and signed a joint statement.",
    "Police arrested dozens of protesters outside parliament in Kiev on Sunday, the interior ministry said.",
    "\"We will not accept this,\" the French president told reporters in Paris, condemning the attack on the embassy.",
    "Iran released two British nationals on Saturday. London welcomed the decision and thanked Oman for its mediation.",
]
SPICE = ["\u200b", "\u200d", "\u202e", "\u202c", "\u2066", "\ufeff", "«", "»", "\"", "“", "”", "'", "\n", "\n\n",
         "\t", "...", "—", "\u00a0", "؟", "שלום", "مرحبا", "🙂", "\r\n", " ", "M.", "Dr.", "2017", "1er"]
CHARS = st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00")
HANG_BOUND_S = 120  # a bound on one document (they take well under a second), so a loop fails, not hangs CI


class EngineHang(AssertionError):
    pass


@contextmanager
def bounded(text: str):
    def stop(signum, frame):
        raise EngineHang(f"the engine did not finish within {HANG_BOUND_S} s on {text!r}")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.alarm(HANG_BOUND_S)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def _french() -> list[str]:
    texts = []
    with gzip.open(CORPUS / "wikinews-fr-2016-2018.jsonl.gz", "rt", encoding="utf-8") as fh:
        for line in fh:
            texts.append(json.loads(line)["text"][:1500])
            if len(texts) == 12:
                break
    for line in (CORPUS / "model-article.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            texts.append(json.loads(line)["text"][:2000])
    return texts


FR = _french()


@st.composite
def mutated(draw, base: list[str]) -> str:
    text = draw(st.sampled_from(base))
    for _ in range(draw(st.integers(0, 6))):
        n = len(text)
        i = draw(st.integers(0, n))
        j = draw(st.integers(i, min(n, i + 200)))
        op = draw(st.sampled_from(["insert", "delete", "repeat", "case", "spice", "splice", "truncate"]))
        if op == "insert":
            text = text[:i] + draw(st.text(CHARS, max_size=40)) + text[i:]
        elif op == "delete":
            text = text[:i] + text[j:]
        elif op == "repeat":
            text = text[:j] + text[i:j] * draw(st.integers(1, 4)) + text[j:]
        elif op == "case":
            text = text[:i] + text[i:j].swapcase() + text[j:]
        elif op == "spice":
            text = text[:i] + draw(st.sampled_from(SPICE)) + text[i:]
        elif op == "splice":
            other = draw(st.sampled_from(base))
            text = text[:i] + other[: j - i + 50] + text[j:]
        else:
            text = text[:i]
    return text


def check_result(doc: Document, extractor: Extractor, validator) -> list[dict]:
    try:
        with bounded(doc.text):
            result = extractor.process(doc)
    except DocumentRejected as err:  # a clean refusal is an answer; anything else is a crash
        assert err.code.name.startswith(("E2", "E8")), err
        return [{"rejected": err.code.name}]
    text = result.document.text
    assert len(text) == len(doc.text)
    out = []
    for ev in result.events:
        record = ev.to_dict()
        validator.validate(record)
        e = ev.evidence
        assert 0 <= e.start <= e.end <= len(text), record["evidence"]
        assert text[e.start:e.end] == e.text, record["evidence"]
        if e.trigger_start is not None and e.trigger_end is not None:
            assert e.start <= e.trigger_start < e.trigger_end <= e.end
            assert text[e.trigger_start:e.trigger_end] == e.trigger
        out.append(record)
    for q in result.quotes:
        assert 0 <= q.start <= q.end <= len(text), q
    for t in result.timexes:
        assert 0 <= t.start <= t.end <= len(text) and text[t.start:t.end] == t.text, t
    return out


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor(load_settings())


@pytest.fixture(scope="module")
def validator(shared):
    return schema_validator(shared)


PROPS = settings(max_examples=40, deadline=None, database=None, derandomize=True,
                 suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                        HealthCheck.function_scoped_fixture])


@PROPS
@given(text=mutated(FR))
def test_french_articles_mutated(extractor, validator, text):
    doc = Document(id="h", text=text, date="2017-03-01", lang="fr", source="hypothesis")
    first = check_result(doc, extractor, validator)
    assert check_result(doc, extractor, validator) == first  # deterministic


@PROPS
@given(text=mutated(EN))
def test_english_articles_mutated(extractor, validator, text):
    doc = Document(id="h", text=text, date="2017-03-01", lang="en", source="hypothesis")
    first = check_result(doc, extractor, validator)
    assert check_result(doc, extractor, validator) == first


@PROPS
@given(text=st.text(CHARS, max_size=400), lang=st.sampled_from(["fr", "en"]))
def test_random_text(extractor, validator, text, lang):
    doc = Document(id="h", text=text, date="2017-03-01", lang=lang, source="hypothesis")
    first = check_result(doc, extractor, validator)
    assert check_result(doc, extractor, validator) == first
