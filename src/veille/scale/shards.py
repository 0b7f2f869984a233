"""Shards: the input cut up front into large partitions, one JSONL file of documents each.

A shard is named by a hash of its documents (ids and content hashes, in order) and of
what would change their extraction (veille version, settings), so the same documents
under the same settings always make the same shard id: its output, once complete, can be
reused by a later run with the same work directory, and a shard is never loaded twice.
Workers get only the shard's path; they read the documents back with `read_shard`.
"""
from __future__ import annotations

import dataclasses
import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Iterator

from ..records import Document
from ..settings import Settings

SHARDS_DIR = "shards"
OUTPUT_DIR = "out"


@dataclass(frozen=True)
class Shard:
    shard_id: str
    path: str  # the JSONL file of documents
    documents: int


def fingerprint(settings: Settings, extractor: str = "") -> str:
    """What, besides the documents, decides a shard's output: veille version, settings and
    the extractor (its qualified name)."""
    from .. import __version__
    return hashlib.sha1(f"{__version__}|{settings!r}|{extractor}".encode("utf-8")).hexdigest()[:12]


def shard_id(docs: list[Document], settings_fingerprint: str) -> str:
    h = hashlib.sha1(settings_fingerprint.encode("utf-8"))
    for doc in docs:
        h.update(f"\n{doc.id}\t{doc.content_hash}".encode("utf-8"))
    return h.hexdigest()[:20]


def write_shard(docs: list[Document], work_dir: str | os.PathLike[str], settings_fingerprint: str) -> Shard:
    """Write `docs` as one shard file (written to a temporary name, then renamed)."""
    sid = shard_id(docs, settings_fingerprint)
    folder = Path(work_dir) / SHARDS_DIR
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{sid}.jsonl"
    if not path.exists():
        tmp = folder / f".{sid}.{os.getpid()}.tmp"
        with open(tmp, "w", encoding="utf-8") as fh:
            for doc in docs:
                fh.write(json.dumps(dataclasses.asdict(doc), ensure_ascii=False))
                fh.write("\n")
        os.replace(tmp, path)
    return Shard(sid, str(path), len(docs))


def read_shard(path: str | os.PathLike[str]) -> list[Document]:
    with open(path, encoding="utf-8") as fh:
        return [Document(**json.loads(line)) for line in fh if line.strip()]


def make_shards(docs: Iterable[Document], size: int | Callable[[int], int], work_dir: str | os.PathLike[str],
                settings_fingerprint: str) -> Iterator[Shard]:
    """Cut `docs` into shards, yielding each as soon as it is written so that it can be sent
    to a worker while the rest is cut. `size` is documents per shard (the last may be
    smaller), or a function of the number of documents already cut that gives the size of
    the next shard (shrinking shards: see `veille.scale.run.shard_sizes`)."""
    size_of = size if callable(size) else (lambda _cut: size)
    cut = 0
    target = max(1, size_of(cut))
    buf: list[Document] = []
    for doc in docs:
        buf.append(doc)
        if len(buf) >= target:
            yield write_shard(buf, work_dir, settings_fingerprint)
            cut += len(buf)
            buf = []
            target = max(1, size_of(cut))
    if buf:
        yield write_shard(buf, work_dir, settings_fingerprint)


def output_dir(work_dir: str | os.PathLike[str], sid: str) -> Path:
    return Path(work_dir) / OUTPUT_DIR / sid
