"""`veille eval`: run the pipeline on gold files and score events (and quotes,
when the gold file carries them)."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..pipeline import Extractor
from ..settings import Settings
from .gold import read_gold
from .scoring import EventScore, score_document


@dataclass
class EvalReport:
    files: list[str]
    events: EventScore = field(default_factory=EventScore)
    quotes: object | None = None
    timeml: object | None = None
    petrarch: object | None = None  # eval.petrarch.PetrarchReport, for PETRARCH validation .xml files

    def as_dict(self) -> dict:
        out = {"files": self.files, "events": self.events.as_dict() if self.events.docs else None}
        if self.quotes is not None:
            out["quotes"] = self.quotes.as_dict()
        if self.timeml is not None:
            out["timeml"] = self.timeml.as_dict() if hasattr(self.timeml, "as_dict") else vars(self.timeml)
        if self.petrarch is not None:
            out["petrarch"] = self.petrarch.as_dict()
        return out

    def format(self, by_type: bool = False, errors: bool = False) -> str:
        lines = []
        s = self.events
        if s.docs:
            o = s.overall
            lines.append(f"events: {s.docs} documents  P={o.precision:.3f} R={o.recall:.3f} F1={o.f1:.3f}  "
                         f"(tp={o.tp} fp={o.fp} fn={o.fn})")
            ratio = lambda a, b: f"{a / b:.3f} ({a}/{b})" if b else "n/a"  # noqa: E731
            lines.append(f"date accuracy: {ratio(s.date_ok, s.date_n)}   modality accuracy: {ratio(s.modality_ok, s.modality_n)}")
            lines.append(f"actor/recipient key accuracy on type-matched gold events: {ratio(s.actor_ok, s.actor_n)}")
            lines.append(f"location country accuracy: {ratio(s.location_ok, s.location_n)}")
            if by_type:
                lines.append(f"{'type':10s} {'P':>6s} {'R':>6s} {'F1':>6s} {'tp':>4s} {'fp':>4s} {'fn':>4s}")
                for t, c in sorted(s.by_type.items()):
                    lines.append(f"{t:10s} {c.precision:6.3f} {c.recall:6.3f} {c.f1:6.3f} {c.tp:4d} {c.fp:4d} {c.fn:4d}")
                if s.confusion:
                    lines.append("confusions (gold type -> predicted type on the same dyad):")
                    for (g, p), n in s.confusion.most_common(15):
                        lines.append(f"  {g} -> {p}: {n}")
            if errors:
                for doc, kind, triple, detail in s.errors:
                    lines.append(f"  {kind} {doc} {triple}" + (f": {detail}" if detail else ""))
        if self.quotes is not None:
            lines.append(self.quotes.format())
        if self.timeml is not None:
            lines.append(self.timeml.format())
        if self.petrarch is not None:
            lines.append(self.petrarch.format(errors=errors))
        return "\n".join(lines)


def evaluate(paths: list[str], settings: Settings, extractor: Extractor | None = None) -> EvalReport:
    extractor = extractor or Extractor(settings)
    report = EvalReport(files=[str(p) for p in paths])
    xml = [p for p in paths if str(p).lower().endswith(".xml")]
    if xml:  # PETRARCH validation files (English sentences with CAMEO codings)
        from .petrarch import evaluate_petrarch
        report.petrarch = evaluate_petrarch(xml, extractor)
    for path in (p for p in paths if p not in xml):
        golds = read_gold(path)
        has_quotes = any(g.quotes for g in golds)
        has_events = any(g.events for g in golds) or not has_quotes
        for gold in golds:
            result = extractor.process(gold.document)
            if has_events:
                score_document(gold, result.events, report.events)
            if has_quotes:
                from .quotes import QuoteScore, score_quotes
                if report.quotes is None:
                    report.quotes = QuoteScore()
                score_quotes(gold, result.quotes, report.quotes)
    return report
