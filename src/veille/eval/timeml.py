"""Scoring the temporal tagger on TimeML files (`.tml`, e.g. the French TimeBank).

Each file's `<DCT>` TIMEX3 gives the reference date; the text is the content of
`<TEXT>` with the tags removed; gold expressions are its TIMEX3 elements. We run
`tag_dates` on that text and report:

- extent precision/recall/F1, relaxed (a prediction matches a gold expression it
  overlaps, one to one) and strict (same start and end);
- on relaxed matches: type accuracy, and value accuracy of gold DATE expressions
  (the headline figure) and of all expressions;
- per-type counts.
"""
from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from ..engine.timex import tag_dates
from ..errors import E, VeilleError
from ..records import Timex


@dataclass(frozen=True)
class GoldTimex:
    start: int
    end: int
    text: str
    type: str
    value: str | None


@dataclass(frozen=True)
class TimemlDocument:
    id: str
    text: str
    dct: str | None
    timexes: tuple[GoldTimex, ...]


@dataclass
class TypeCounts:
    gold: int = 0
    predicted: int = 0
    matched: int = 0
    value_correct: int = 0


@dataclass(frozen=True)
class Mismatch:
    doc_id: str
    gold: str | None  # "text|TYPE|value"
    predicted: str | None


def _prf(tp_p: int, n_pred: int, tp_g: int, n_gold: int) -> tuple[float, float, float]:
    p = tp_p / n_pred if n_pred else 0.0
    r = tp_g / n_gold if n_gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


@dataclass
class TimemlReport:
    documents: int = 0
    gold: int = 0
    predicted: int = 0
    relaxed_matches: int = 0
    strict_matches: int = 0
    type_correct: int = 0
    value_correct: int = 0
    date_matched: int = 0
    date_value_correct: int = 0
    per_type: dict[str, TypeCounts] = field(default_factory=dict)
    mismatches: list[Mismatch] = field(default_factory=list)

    @property
    def relaxed(self) -> tuple[float, float, float]:
        return _prf(self.relaxed_matches, self.predicted, self.relaxed_matches, self.gold)

    @property
    def strict(self) -> tuple[float, float, float]:
        return _prf(self.strict_matches, self.predicted, self.strict_matches, self.gold)

    @property
    def date_value_accuracy(self) -> float:
        return self.date_value_correct / self.date_matched if self.date_matched else 0.0

    @property
    def value_accuracy(self) -> float:
        return self.value_correct / self.relaxed_matches if self.relaxed_matches else 0.0

    @property
    def type_accuracy(self) -> float:
        return self.type_correct / self.relaxed_matches if self.relaxed_matches else 0.0

    def as_dict(self) -> dict:
        """The scores as plain JSON-able numbers (mismatches left out)."""
        rp, rr, rf = self.relaxed
        sp, sr, sf = self.strict
        return {
            "documents": self.documents, "gold": self.gold, "predicted": self.predicted,
            "relaxed": {"precision": rp, "recall": rr, "f1": rf},
            "strict": {"precision": sp, "recall": sr, "f1": sf},
            "type_accuracy": self.type_accuracy, "date_value_accuracy": self.date_value_accuracy,
            "value_accuracy": self.value_accuracy,
            "per_type": {k: vars(v) for k, v in sorted(self.per_type.items())},
        }

    def format(self) -> str:
        rp, rr, rf = self.relaxed
        sp, sr, sf = self.strict
        lines = [
            f"TimeML: {self.documents} documents, {self.gold} gold expressions, {self.predicted} predicted",
            f"{'':24}{'P':>7}{'R':>7}{'F1':>7}",
            f"{'extent (relaxed)':24}{rp:7.3f}{rr:7.3f}{rf:7.3f}",
            f"{'extent (strict)':24}{sp:7.3f}{sr:7.3f}{sf:7.3f}",
            f"type accuracy (matched):   {self.type_accuracy:.3f} ({self.type_correct}/{self.relaxed_matches})",
            f"value accuracy, DATE:      {self.date_value_accuracy:.3f} ({self.date_value_correct}/{self.date_matched})",
            f"value accuracy, all:       {self.value_accuracy:.3f} ({self.value_correct}/{self.relaxed_matches})",
            f"{'type':10}{'gold':>6}{'pred':>6}{'match':>7}{'value ok':>10}",
        ]
        for name in sorted(self.per_type):
            c = self.per_type[name]
            lines.append(f"{name:10}{c.gold:6d}{c.predicted:6d}{c.matched:7d}{c.value_correct:10d}")
        return "\n".join(lines)


def _walk(elem: ET.Element, buf: list[str], found: list[GoldTimex], offset: list[int]) -> None:
    start = offset[0]
    if elem.text:
        buf.append(elem.text)
        offset[0] += len(elem.text)
    for child in elem:
        _walk(child, buf, found, offset)
        if child.tail:
            buf.append(child.tail)
            offset[0] += len(child.tail)
    if elem.tag == "TIMEX3":
        text = "".join(buf)[start:offset[0]]
        # gold spans sometimes include surrounding blanks or punctuation: trim them
        lead = len(text) - len(text.lstrip())
        trail = len(text.rstrip(" \n\t,;.")) if text.strip() else 0
        found.append(GoldTimex(start + lead, start + trail, text[lead:trail], elem.get("type", ""),
                               elem.get("value")))


def parse_tml(content: str, doc_id: str = "") -> TimemlDocument:
    """A TimeML document from its XML text."""
    try:
        root = ET.fromstring(content.encode("utf-8") if content.startswith("<?xml") else content)
    except ET.ParseError as exc:
        raise VeilleError(E.E013, path=doc_id or "<string>", line=exc.position[0], reason=f"invalid XML ({exc})")
    dct_elem = root.find("./DCT/TIMEX3")
    dct = dct_elem.get("value") if dct_elem is not None else None
    text_elem = root.find("./TEXT")
    if text_elem is None:
        raise VeilleError(E.E013, path=doc_id or "<string>", line=1, reason="no <TEXT> element")
    buf: list[str] = []
    found: list[GoldTimex] = []
    _walk(text_elem, buf, found, [0])
    docid = root.findtext("./DOCID") or doc_id
    return TimemlDocument(docid.strip(), "".join(buf), dct[:10] if dct else None,
                          tuple(t for t in found if t.end > t.start))


def read_timeml(directory: str | Path) -> list[TimemlDocument]:
    folder = Path(directory)
    if not folder.exists():
        raise VeilleError(E.E007, path=str(folder))
    files = [folder] if folder.is_file() else sorted(folder.rglob("*.tml"))
    return [parse_tml(f.read_text(encoding="utf-8"), f.stem) for f in files]


def _desc(t: GoldTimex | Timex) -> str:
    return f"{t.text}|{t.type}|{t.value}"


def score_document(doc: TimemlDocument, predicted: Iterable[Timex], report: TimemlReport) -> None:
    preds = list(predicted)
    report.documents += 1
    report.gold += len(doc.timexes)
    report.predicted += len(preds)
    for p in preds:
        report.per_type.setdefault(p.type, TypeCounts()).predicted += 1
    used: set[int] = set()
    for g in doc.timexes:
        counts = report.per_type.setdefault(g.type, TypeCounts())
        counts.gold += 1
        match = next((i for i, p in enumerate(preds) if i not in used and p.start < g.end and g.start < p.end), None)
        if match is None:
            report.mismatches.append(Mismatch(doc.id, _desc(g), None))
            continue
        used.add(match)
        p = preds[match]
        report.relaxed_matches += 1
        counts.matched += 1
        report.strict_matches += (p.start, p.end) == (g.start, g.end)
        report.type_correct += p.type == g.type
        ok = p.value == g.value
        report.value_correct += ok
        counts.value_correct += ok
        if g.type == "DATE":
            report.date_matched += 1
            report.date_value_correct += ok
        if not ok or p.type != g.type:
            report.mismatches.append(Mismatch(doc.id, _desc(g), _desc(p)))
    for i, p in enumerate(preds):
        if i not in used:
            report.mismatches.append(Mismatch(doc.id, None, _desc(p)))


def evaluate_timeml(directory: str | Path, lang: str = "fr") -> TimemlReport:
    """Score `tag_dates` on every `.tml` file below `directory` (or one file)."""
    report = TimemlReport()
    for doc in read_timeml(directory):
        score_document(doc, tag_dates(doc.text, doc.dct, lang), report)
    return report
