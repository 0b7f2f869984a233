"""Score quotes against gold (coding guide, section 9): a predicted quote matches a
gold quote when their contents overlap by at least half of the shorter one (one-to-one,
largest overlaps first); precision, recall and F1 of contents, then the accuracy of
the speaker key, name and kind on matched quotes."""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from typing import Any

from ..records import Quote
from .gold import GoldDoc
from .metrics import Counts


@dataclass
class QuoteScore(Counts):
    docs: int = 0
    key_ok: int = 0       # matched quotes whose speaker key is the gold one
    name_ok: int = 0      # matched quotes with a gold speaker name, predicted the same
    name_n: int = 0
    kind_ok: int = 0
    errors: list[tuple[str, str, str]] = field(default_factory=list)  # (doc id, 'fp'/'fn'/'key', detail)

    @property
    def key_accuracy(self) -> float:
        return self.key_ok / self.tp if self.tp else 0.0

    @property
    def name_accuracy(self) -> float:
        return self.name_ok / self.name_n if self.name_n else 0.0

    @property
    def kind_accuracy(self) -> float:
        return self.kind_ok / self.tp if self.tp else 0.0

    def as_dict(self) -> dict[str, Any]:
        return {"docs": self.docs, "tp": self.tp, "fp": self.fp, "fn": self.fn,
                "precision": round(self.precision, 4), "recall": round(self.recall, 4), "f1": round(self.f1, 4),
                "speaker_key_accuracy": round(self.key_accuracy, 4), "speaker_key_ok": self.key_ok,
                "speaker_name_accuracy": round(self.name_accuracy, 4), "speaker_name_ok": self.name_ok,
                "speaker_name_n": self.name_n, "kind_accuracy": round(self.kind_accuracy, 4)}

    def format(self, errors: bool = False) -> str:
        ratio = lambda a, b: f"{a / b:.3f} ({a}/{b})" if b else "n/a"  # noqa: E731
        lines = [f"quotes: {self.docs} documents  P={self.precision:.3f} R={self.recall:.3f} F1={self.f1:.3f}  "
                 f"(tp={self.tp} fp={self.fp} fn={self.fn})",
                 f"speaker key accuracy: {ratio(self.key_ok, self.tp)}   speaker name accuracy: "
                 f"{ratio(self.name_ok, self.name_n)}   kind accuracy: {ratio(self.kind_ok, self.tp)}"]
        if errors:
            lines += [f"  {kind} {doc} {detail}" for doc, kind, detail in self.errors]
        return "\n".join(lines)


def _norm(text: str | None) -> str:
    text = unicodedata.normalize("NFKD", text or "")
    return " ".join("".join(c for c in text if not unicodedata.combining(c)).casefold().split())


def _locate(text: str, content: str) -> tuple[int, int] | None:
    i = text.find(content)
    return (i, i + len(content)) if i >= 0 else None


def overlap(text: str, gold: dict[str, Any], pred: Quote) -> int:
    """Characters shared by a gold and a predicted content: by offsets when the gold content
    is found in the text, else the longest common substring."""
    g = gold.get("content") or ""
    span = _locate(text, g)
    if span is not None:
        return max(0, min(span[1], pred.end) - max(span[0], pred.start))
    m = SequenceMatcher(None, g, pred.content, autojunk=False).find_longest_match(0, len(g), 0, len(pred.content))
    return m.size


def score_quotes(gold: GoldDoc, predicted: list[Quote], score: QuoteScore) -> QuoteScore:
    """Add one document's counts to `score` (and return it)."""
    text = gold.document.text
    score.docs += 1
    pairs = []
    for gi, g in enumerate(gold.quotes):
        glen = len(g.get("content") or "")
        for pi, p in enumerate(predicted):
            ov = overlap(text, g, p)
            shorter = min(glen, len(p.content))
            if shorter and ov >= 0.5 * shorter:
                pairs.append((ov, gi, pi))
    pairs.sort(key=lambda x: (-x[0], x[1], x[2]))
    used_g: set[int] = set()
    used_p: set[int] = set()
    doc_id = gold.document.id
    for _, gi, pi in pairs:
        if gi in used_g or pi in used_p:
            continue
        used_g.add(gi)
        used_p.add(pi)
        g, p = gold.quotes[gi], predicted[pi]
        score.tp += 1
        if p.speaker.key == g.get("speaker_key"):
            score.key_ok += 1
        else:
            score.errors.append((doc_id, "key", f"{g.get('speaker_key')} != {p.speaker.key} "
                                                f"({p.speaker.text!r}) {p.content[:50]!r}"))
        if g.get("speaker_name"):
            score.name_n += 1
            if _norm(p.speaker.name) == _norm(g["speaker_name"]):
                score.name_ok += 1
        if p.kind == g.get("kind"):
            score.kind_ok += 1
    for pi, p in enumerate(predicted):
        if pi not in used_p:
            score.fp += 1
            score.errors.append((doc_id, "fp", f"{p.kind} {p.speaker.key} {p.content[:70]!r}"))
    for gi, g in enumerate(gold.quotes):
        if gi not in used_g:
            score.fn += 1
            score.errors.append((doc_id, "fn", f"{g.get('kind')} {g.get('speaker_key')} {(g.get('content') or '')[:70]!r}"))
    return score
