"""Readers: turn paths into `Document`s, or into `DocumentRejected` errors that name
the path/line and the reason. A bad document never stops the others.

- `.txt`: one document; a short first line without final punctuation is the title;
  the id is the file name without extension.
- `.jsonl`: one document per line with `id`, `text`, optional `date`, `title`, `lang`, `url`.
- `.jsonl.gz`: the same, gzip-compressed.
- `.html`/`.htm`: one document; main text, title, date and URL extracted by trafilatura;
  the id is the file name without extension. A page with no main text is rejected (E207).
- `.rss`/`.atom`/`.xml`: a feed; each item is a document (id: the item's id or link).
- a directory: every supported file below it, recursively, in sorted order.
- `-`: standard input, as `.jsonl` if every non-empty line is a JSON object, else as text;
  read with the same bound (see `read_stdin`): a text too large is refused unread (E210).

Size guard (`max_chars`, the setting limits.max_doc_chars): an input too large to hold a
document of `max_chars` characters is rejected unread (E801): a text file over 4 bytes per
character, a JSONL line over 6 (JSON escapes), an HTML page over 8, a feed over 16. Lines are
read with a bound, so one 50 MB line never sits in memory nor reaches the JSON parser.
Text with a NUL character or a lone surrogate (invalid Unicode) is rejected (E202).
"""
from __future__ import annotations

import datetime as dt
import gzip
import json
import sys
from pathlib import Path
from typing import Iterable, Iterator

from ..errors import DocumentRejected, E, VeilleError
from ..records import Document

SUPPORTED_SUFFIXES = (".txt", ".jsonl", ".jsonl.gz", ".html", ".htm", ".rss", ".atom", ".xml")
TITLE_MAX_CHARS = 200
DEFAULT_MAX_CHARS = 1_000_000  # settings.Limits.max_doc_chars; callers pass the configured value
BYTES_PER_CHAR = {"text file": 4, "JSONL line": 6, "HTML page": 8, "feed": 16}
_JSONL_SLACK = 1 << 16  # room for the other fields of a line
_DRAIN = 1 << 20

ReadResult = Document | DocumentRejected


def _valid_date(value: object, where: str) -> str | None:
    if value in (None, ""):
        return None
    if not isinstance(value, str):
        raise DocumentRejected(E.E204, where=where, field="date", reason=f"must be a string, got {type(value).__name__}")
    try:
        return dt.date.fromisoformat(value[:10]).isoformat()
    except ValueError:
        raise DocumentRejected(E.E208, where=where, value=value) from None


def split_title(text: str) -> tuple[str | None, str]:
    """A short first line without final punctuation, followed by a blank line or more text, is a title.
    The text is kept whole so that offsets refer to what was read."""
    first, sep, _rest = text.lstrip("\ufeff").partition("\n")
    first = first.strip()
    if sep and first and len(first) <= TITLE_MAX_CHARS and first[-1] not in ".!?…:;»\"”":
        return first, text
    return None, text


def text_document(text: str, doc_id: str, where: str, date: str | None, lang: str | None) -> Document:
    if not text.strip():
        raise DocumentRejected(E.E201, where=where)
    title, body = split_title(text)
    return Document(id=doc_id, text=body, date=date, title=title, lang=lang, source=where)


def _byte_limit(kind: str, max_chars: int | None) -> int | None:
    if max_chars is None:
        return None
    return max_chars * BYTES_PER_CHAR[kind] + (_JSONL_SLACK if kind == "JSONL line" else 0)


def _too_big(where: str, size: int, kind: str, max_chars: int | None) -> DocumentRejected | None:
    limit = _byte_limit(kind, max_chars)
    if limit is not None and size > limit:
        return DocumentRejected(E.E801, where=where, size=size, limit=limit, kind=kind, chars=max_chars)
    return None


def _check_chars(doc: Document) -> Document:
    """Reject text that cannot be stored or parsed safely: NUL characters, lone surrogates."""
    where = doc.source or doc.id
    for name in ("id", "text", "title", "url", "lang", "date"):
        value = getattr(doc, name, None)
        if not isinstance(value, str):
            continue
        if "\x00" in value:
            raise DocumentRejected(E.E202, where=where,
                                   reason=f"binary content (NUL character in {name} at position {value.index(chr(0))})")
        try:
            value.encode("utf-8")
        except UnicodeEncodeError as exc:
            raise DocumentRejected(E.E202, where=where, reason=f"invalid Unicode in {name}: lone surrogate "
                                   f"{value[exc.start]!r} at position {exc.start}") from None
    return doc


def _decode(raw: bytes, where: str) -> str:
    if b"\x00" in raw[:8192]:
        raise DocumentRejected(E.E202, where=where, reason="binary content (NUL bytes)")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DocumentRejected(E.E202, where=where, reason=f"not UTF-8 at byte {exc.start}; convert it with iconv -f latin1 -t utf-8") from None


def read_txt(path: Path, date: str | None, lang: str | None, max_chars: int | None = None) -> Iterator[ReadResult]:
    where = str(path)
    try:
        big = _too_big(where, path.stat().st_size, "text file", max_chars)
        if big:
            raise big
        yield text_document(_decode(path.read_bytes(), where), path.stem, where, date, lang)
    except DocumentRejected as err:
        yield err
    except OSError as exc:
        yield DocumentRejected(E.E202, where=where, reason=exc.strerror or str(exc))


def jsonl_document(line: str, where: str, date: str | None, lang: str | None, fallback_id: str) -> Document:
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        raise DocumentRejected(E.E203, where=where, reason=f"{exc.msg}: column {exc.colno}") from None
    except ValueError as exc:  # e.g. an integer of more than 4300 digits
        raise DocumentRejected(E.E203, where=where, reason=str(exc).split(";")[0]) from None
    except RecursionError:
        raise DocumentRejected(E.E203, where=where, reason="nested too deeply") from None
    if not isinstance(obj, dict):
        raise DocumentRejected(E.E203, where=where, reason=f"expected an object, got {type(obj).__name__}")
    text = obj.get("text")
    if not isinstance(text, str):
        reason = "is missing" if text is None else f"must be a string, got {type(text).__name__}"
        raise DocumentRejected(E.E204, where=where, field="text", reason=reason)
    if not text.strip():
        raise DocumentRejected(E.E201, where=where)
    doc_id = obj.get("id", fallback_id)
    if not isinstance(doc_id, (str, int)) or isinstance(doc_id, bool) or str(doc_id) == "":
        raise DocumentRejected(E.E204, where=where, field="id", reason="must be a non-empty string")
    for name in ("title", "lang", "url"):
        if obj.get(name) is not None and not isinstance(obj[name], str):
            raise DocumentRejected(E.E204, where=where, field=name, reason=f"must be a string, got {type(obj[name]).__name__}")
    return Document(id=str(doc_id), text=text, date=_valid_date(obj.get("date"), where) or date,
                    title=obj.get("title"), lang=obj.get("lang") or lang, url=obj.get("url"), source=where)


def read_jsonl_lines(lines: Iterable[str], name: str, stem: str, date: str | None, lang: str | None) -> Iterator[ReadResult]:
    for lineno, line in enumerate(lines, 1):
        if not line.strip():
            continue
        where = f"{name}:{lineno}"
        try:
            yield jsonl_document(line, where, date, lang, f"{stem}-{lineno}")
        except DocumentRejected as err:
            yield err


def _bounded_lines(fh, limit: int | None) -> Iterator[bytes | int]:
    """Lines of a binary file; a line longer than `limit` bytes is skipped unread and
    given as its size (an int) instead."""
    while True:
        raw = fh.readline(-1 if limit is None else limit + 1)
        if not raw:
            return
        if limit is None or len(raw) <= limit or raw.endswith(b"\n"):
            yield raw
            continue
        size = len(raw)
        while not raw.endswith(b"\n"):
            raw = fh.readline(_DRAIN)
            if not raw:
                break
            size += len(raw)
        yield size


def read_jsonl(path: Path, date: str | None, lang: str | None, max_chars: int | None = None) -> Iterator[ReadResult]:
    gz = path.name.lower().endswith(".gz")
    stem = path.name[:-len(".jsonl.gz")] if path.name.lower().endswith(".jsonl.gz") else path.stem
    try:
        fh = gzip.open(path, "rb") if gz else open(path, "rb")
    except OSError as exc:
        yield DocumentRejected(E.E202, where=str(path), reason=exc.strerror or str(exc))
        return
    with fh:
        limit = _byte_limit("JSONL line", max_chars)
        try:
            for lineno, raw in enumerate(_bounded_lines(fh, limit), 1):
                where = f"{path}:{lineno}"
                if isinstance(raw, int):
                    yield DocumentRejected(E.E801, where=where, size=raw, limit=limit, kind="JSONL line", chars=max_chars)
                    continue
                try:
                    line = raw.decode("utf-8-sig" if lineno == 1 else "utf-8")
                except UnicodeDecodeError as exc:
                    yield DocumentRejected(E.E202, where=where, reason=f"not UTF-8 at byte {exc.start} of the line")
                    continue
                if not line.strip():
                    continue
                try:
                    yield jsonl_document(line, where, date, lang, f"{stem}-{lineno}")
                except DocumentRejected as err:
                    yield err
        except (OSError, EOFError) as exc:  # truncated or corrupt gzip: what was read stands
            yield DocumentRejected(E.E202, where=str(path), reason=f"could not decompress: {exc}")


class _TextAsBytes:
    """A text stream (no `.buffer`, e.g. a test's StringIO) read as UTF-8 bytes; sizes count characters."""

    def __init__(self, stream) -> None:
        self.stream = stream

    def read(self, n: int = -1) -> bytes:
        return self.stream.read(n).encode("utf-8", "surrogatepass")

    def readline(self, n: int = -1) -> bytes:
        return self.stream.readline(n).encode("utf-8", "surrogatepass")


class _Prefixed:
    """`head` (bytes already read) followed by the rest of `stream`, read line by line."""

    def __init__(self, head: bytes, stream) -> None:
        self.head, self.pos, self.stream = head, 0, stream

    def readline(self, n: int = -1) -> bytes:
        if self.pos < len(self.head):
            end = self.head.find(b"\n", self.pos)
            end = len(self.head) if end < 0 else end + 1
            if n >= 0:
                end = min(end, self.pos + n)
            line, self.pos = self.head[self.pos:end], end
            if line.endswith(b"\n") or (n >= 0 and len(line) >= n):
                return line
            return line + self.stream.readline(-1 if n < 0 else n - len(line))  # the line goes on after the head
        return self.stream.readline(n)


def _stdin_jsonl(stream, date: str | None, lang: str | None, max_chars: int | None) -> Iterator[ReadResult]:
    limit = _byte_limit("JSONL line", max_chars)
    for lineno, raw in enumerate(_bounded_lines(stream, limit), 1):
        where = f"<stdin>:{lineno}"
        if isinstance(raw, int):
            yield DocumentRejected(E.E801, where=where, size=raw, limit=limit, kind="JSONL line", chars=max_chars)
            continue
        try:
            line = raw.decode("utf-8-sig" if lineno == 1 else "utf-8")
        except UnicodeDecodeError as exc:
            yield DocumentRejected(E.E202, where=where, reason=f"not UTF-8 at byte {exc.start} of the line")
            continue
        if line.strip():
            try:
                yield jsonl_document(line, where, date, lang, f"stdin-{lineno}")
            except DocumentRejected as err:
                yield err


def _all_json_lines(data: bytes) -> bool:
    lines = [ln for ln in data.splitlines() if ln.strip()]
    return bool(lines) and all(ln.lstrip().startswith((b"{", b"\xef\xbb\xbf{")) for ln in lines)


def read_stdin(date: str | None, lang: str | None, max_chars: int | None = DEFAULT_MAX_CHARS,
               stream=None) -> Iterator[ReadResult]:
    """Standard input (or `stream`, binary or text): JSONL if every non-empty line is a
    JSON object, else one text document. Read with a bound: at most what a text document
    of `max_chars` may take (E801's text-file bound) is held; beyond it, input whose lines
    so far are all JSON objects goes on as a stream of bounded JSONL lines, anything else
    is refused (E210) without reading the rest."""
    if stream is None:
        stream = getattr(sys.stdin, "buffer", None) or _TextAsBytes(sys.stdin)
    elif not hasattr(stream, "readline") or isinstance(stream.read(0), str):
        stream = _TextAsBytes(stream)
    limit = _byte_limit("text file", max_chars)
    head = stream.read() if limit is None else stream.read(limit + 1)
    if limit is not None and len(head) > limit:
        complete = head[:head.rfind(b"\n") + 1]
        if _all_json_lines(complete):
            yield from _stdin_jsonl(_Prefixed(head, stream), date, lang, max_chars)
        else:
            yield DocumentRejected(E.E210, where="<stdin>", limit=limit, chars=max_chars)
        return
    if _all_json_lines(head):
        yield from _stdin_jsonl(_Prefixed(head, stream), date, lang, max_chars)
        return
    try:
        yield text_document(_decode(head, "<stdin>"), "stdin", "<stdin>", date, lang)
    except DocumentRejected as err:
        yield err


def read_html(path: Path, date: str | None, lang: str | None, max_chars: int | None = None) -> Iterator[ReadResult]:
    from .web import html_document
    where = str(path)
    try:
        big = _too_big(where, path.stat().st_size, "HTML page", max_chars)
        if big:
            raise big
        yield html_document(path.read_bytes(), path.stem, where, date, lang)
    except DocumentRejected as err:
        yield err
    except OSError as exc:
        yield DocumentRejected(E.E202, where=where, reason=exc.strerror or str(exc))


def read_feed(path: Path, date: str | None, lang: str | None, max_chars: int | None = None) -> Iterator[ReadResult]:
    from .web import feed_documents
    try:
        big = _too_big(str(path), path.stat().st_size, "feed", max_chars)
        if big:
            yield big
            return
        raw = path.read_bytes()
    except OSError as exc:
        yield DocumentRejected(E.E202, where=str(path), reason=exc.strerror or str(exc))
        return
    yield from feed_documents(raw, path.stem, str(path), date, lang)


_READERS = {".txt": read_txt, ".jsonl": read_jsonl, ".jsonl.gz": read_jsonl, ".html": read_html,
            ".htm": read_html, ".rss": read_feed, ".atom": read_feed, ".xml": read_feed}


def reader_suffix(path: Path) -> str:
    """The suffix that picks the reader: '.jsonl.gz' for 'a.jsonl.gz', else the last suffix."""
    name = path.name.lower()
    for suffix in _READERS:
        if suffix.count(".") > 1 and name.endswith(suffix):
            return suffix
    return path.suffix.lower()


def input_files(paths: Iterable[str]) -> Iterator[Path | str]:
    """Files named by `paths`, directories expanded recursively (sorted); '-' passes through."""
    for raw in paths:
        if raw == "-":
            yield raw
            continue
        path = Path(raw)
        if not path.exists():
            raise VeilleError(E.E007, path=raw)
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*") if p.is_file() and reader_suffix(p) in _READERS)
        else:
            yield path


def count_documents(paths: Iterable[str]) -> int:
    """A cheap estimate of how many documents `paths` hold (for progress bars and ETAs):
    non-empty lines of JSONL files, items of feeds, one per other file."""
    total = 0
    for file in input_files(paths):
        if isinstance(file, str):
            continue
        suffix = reader_suffix(file)
        try:
            if suffix in (".jsonl", ".jsonl.gz"):
                opener = gzip.open if suffix == ".jsonl.gz" else open
                with opener(file, "rb") as fh:  # counted by blocks: one huge line never sits in memory
                    lines, content = 0, False
                    while block := fh.read(_DRAIN):
                        for i, part in enumerate(block.split(b"\n")):
                            if i:  # a line ended before this part
                                lines, content = lines + content, False
                            content = content or bool(part.strip())
                    total += lines + content
            elif _READERS.get(suffix) is read_feed:
                raw = file.read_bytes()
                total += max(1, raw.count(b"<item") + raw.count(b"<entry"))
            else:
                total += 1
        except (OSError, EOFError):
            total += 1
    return total


def read_paths(paths: Iterable[str], date: str | None = None, lang: str | None = None,
               max_chars: int | None = DEFAULT_MAX_CHARS) -> Iterator[ReadResult]:
    """Documents from files, directories (recursively) and '-' (stdin), in a stable order.
    `max_chars` (limits.max_doc_chars) bounds what is read; None reads everything."""
    for file in input_files(paths):
        if isinstance(file, str):
            items = read_stdin(date, lang, max_chars)
        else:
            reader = _READERS.get(reader_suffix(file))
            if reader is None:
                yield DocumentRejected(E.E206, where=str(file), suffix=file.suffix, allowed=", ".join(SUPPORTED_SUFFIXES))
                continue
            items = reader(file, date, lang, max_chars)
        for item in items:
            if isinstance(item, Document):
                try:
                    item = _check_chars(item)
                except DocumentRejected as err:
                    item = err
            yield item
