"""Document text as HTML with each event's evidence sentence and trigger highlighted.

Built from character offsets, server-side; every piece of article text goes through
`html.escape`, so markup in a document (`<script>`, `onerror=`) is shown, never run."""
from __future__ import annotations

from html import escape
from typing import Any, Iterable


def _spans(events: Iterable[dict[str, Any]], size: int) -> list[dict[str, Any]]:
    out = []
    for ev in events:
        evid = ev.get("evidence") or {}
        start, end = evid.get("start"), evid.get("end")
        if start is None or end is None or not (0 <= start < end <= size):
            continue
        t_start, t_end = evid.get("trigger_start"), evid.get("trigger_end")
        if t_start is None or t_end is None or not (start <= t_start < t_end <= end):
            t_start = t_end = None
        out.append({"id": ev["event_id"], "start": start, "end": end, "t_start": t_start, "t_end": t_end})
    return out


def highlight(text: str, events: Iterable[dict[str, Any]], selected: str | None = None) -> str:
    """HTML for `text`: evidence sentences in <mark class="sentence">, triggers in
    <mark class="trigger">, the `selected` event's marks also classed "selected";
    an empty <span id="ev-ID"> anchor where each event's sentence starts."""
    spans = _spans(events, len(text))
    cuts = sorted({0, len(text), *(s["start"] for s in spans), *(s["end"] for s in spans),
                   *(s["t_start"] for s in spans if s["t_start"] is not None),
                   *(s["t_end"] for s in spans if s["t_end"] is not None)})
    parts: list[str] = []
    for x, y in zip(cuts, cuts[1:]):
        for s in spans:
            if s["start"] == x:
                parts.append(f'<span class="anchor" id="ev-{escape(s["id"])}"></span>')
        piece = escape(text[x:y])
        sentences = [s for s in spans if s["start"] <= x and y <= s["end"]]
        triggers = [s for s in sentences if s["t_start"] is not None and s["t_start"] <= x and y <= s["t_end"]]
        if triggers:
            sel = " selected" if any(s["id"] == selected for s in triggers) else ""
            ids = " ".join(escape(s["id"]) for s in triggers)
            piece = f'<mark class="trigger{sel}" data-events="{ids}">{piece}</mark>'
        if sentences:
            sel = " selected" if any(s["id"] == selected for s in sentences) else ""
            ids = " ".join(escape(s["id"]) for s in sentences)
            piece = f'<mark class="sentence{sel}" data-events="{ids}">{piece}</mark>'
        parts.append(piece)
    return "".join(parts)
