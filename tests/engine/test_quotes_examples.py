"""Every example of lang/<lang>/quotes.json is a test: the quotes veille finds in its text
are exactly the expected ones (kind, content overlapping by at least half, speaker key,
name and keys where given)."""
from __future__ import annotations

import pytest

from veille.engine.quotes_cues import load_quote_cues
from veille.records import Document

EXAMPLES = [(lang, ex) for lang in ("fr", "en") for ex in load_quote_cues(lang).examples]


def _overlaps(a: str, text: str, start: int, end: int) -> bool:
    i = text.find(a)
    if i < 0:
        return False
    shared = max(0, min(end, i + len(a)) - max(start, i))
    return shared >= 0.5 * min(len(a), end - start)


@pytest.mark.model
@pytest.mark.parametrize("lang,example", EXAMPLES, ids=[ex.id for _, ex in EXAMPLES])
def test_quote_example(fr_extractor, lang, example):
    doc = Document(id=example.id, text=example.text, date=example.date, lang=lang)
    found = fr_extractor.process(doc).quotes
    summary = [(q.kind, q.content, q.speaker.key) for q in found]
    assert len(found) == len(example.quotes), summary
    for want in example.quotes:
        match = [q for q in found if _overlaps(want["content"], example.text, q.start, q.end)]
        assert match, (want, summary)
        q = match[0]
        assert q.kind == want["kind"], (want, summary)
        assert q.speaker.key == want.get("speaker_key"), (want, summary)
        if "speaker_name" in want:
            assert q.speaker.name == want["speaker_name"], (want, summary)
        if "speaker_keys" in want:
            assert q.speaker.keys == want["speaker_keys"], (want, summary)
        assert example.text[q.start:q.end] == q.content
