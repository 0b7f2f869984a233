"""Quotation-mark spans in raw text: top-level pairs only (a quote inside a quote is
part of the outer one), straight quotes toggled, an unclosed straight quote dropped
at the next paragraph break. Language-free: the marks come from quotes.json."""
from __future__ import annotations

from dataclasses import dataclass

MAX_QUOTE_CHARS = 4000


@dataclass(frozen=True)
class Marked:
    open: int    # char offset of the opening mark
    close: int   # char offset of the closing mark
    inner_start: int  # content, whitespace and final . , ; : stripped
    inner_end: int

    def words(self, text: str) -> int:
        return len(text[self.inner_start:self.inner_end].split())


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ".,;:"):
        end -= 1
    return start, end


def find_marked(text: str, marks: tuple[tuple[str, str], ...]) -> list[Marked]:
    """Top-level quoted spans of `text`, in order."""
    openers = {o: c for o, c in marks}
    stack: list[tuple[str, int]] = []  # (expected closer, open offset)
    out: list[Marked] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if stack and any(ch == c for c, _ in stack) and not (ch in openers and openers[ch] != ch and ch != stack[-1][0]):
            while stack[-1][0] != ch:  # an unclosed inner mark (an apostrophe taken for a quote) is dropped
                stack.pop()
            closer, start = stack.pop()
            if not stack and i - start <= MAX_QUOTE_CHARS:
                s, e = _trim(text, start + 1, i)
                if e > s:
                    out.append(Marked(start, i, s, e))
        elif ch in openers and not _apostrophe_like(text, i):
            stack.append((openers[ch], i))
        elif ch == "\n" and i + 1 < n and text[i + 1] == "\n" and stack:
            # a paragraph break: straight quotes never cross it; curly/guillemet quotes may reopen
            stack = [(c, s) for c, s in stack if c != text[s]]
        i += 1
    return out


def _apostrophe_like(text: str, i: int) -> bool:
    """A straight double quote between two letters or digits (5"3) is not a quotation mark."""
    return text[i] == '"' and 0 < i < len(text) - 1 and text[i - 1].isalnum() and text[i + 1].isalnum()
