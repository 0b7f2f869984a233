import gzip
import io
import json

import pytest

from veille.errors import DocumentRejected, VeilleError
from veille.ingest.readers import count_documents, read_paths, read_stdin
from veille.records import Document


def split(results):
    docs = [r for r in results if isinstance(r, Document)]
    rejects = [r for r in results if isinstance(r, DocumentRejected)]
    return docs, rejects


def test_txt_title_rule(tmp_path):
    (tmp_path / "a.txt").write_text("Un titre court\n\nLa France condamne la Russie.", encoding="utf-8")
    (tmp_path / "b.txt").write_text("La France condamne la Russie.\nSuite du texte.", encoding="utf-8")
    docs, rejects = split(list(read_paths([str(tmp_path)], date="2017-03-14", lang="fr")))
    assert not rejects
    a, b = docs
    assert (a.id, a.title, a.date, a.lang) == ("a", "Un titre court", "2017-03-14", "fr")
    assert a.text.startswith("Un titre court")  # kept whole: offsets refer to what was read
    assert b.title is None


BAD_JSONL = "\n".join([
    json.dumps({"id": "ok1", "text": "La France condamne la Russie.", "date": "2017-03-14"}),
    "{not json",
    json.dumps({"id": "nofield"}),
    json.dumps({"id": "wrongtype", "text": 42}),
    json.dumps({"id": "baddate", "text": "Texte.", "date": "2017-02-30"}),
    "",
    json.dumps(["a list"]),
    json.dumps({"id": "ok2", "text": "Paris accuse Moscou.", "url": "https://ex.fr/2"}),
]) + "\n"


@pytest.mark.parametrize("gz", [False, True])
def test_jsonl_bad_lines_reported_with_line_numbers_good_lines_land(tmp_path, gz):
    path = tmp_path / ("c.jsonl.gz" if gz else "c.jsonl")
    if gz:
        with gzip.open(path, "wt", encoding="utf-8") as fh:
            fh.write(BAD_JSONL)
    else:
        path.write_text(BAD_JSONL, encoding="utf-8")
    docs, rejects = split(list(read_paths([str(path)])))
    assert [d.id for d in docs] == ["ok1", "ok2"]
    assert docs[1].url == "https://ex.fr/2" and docs[0].date == "2017-03-14"
    got = {(r.fields["where"].rsplit(":", 1)[1], r.code.name) for r in rejects}
    assert got == {("2", "E203"), ("3", "E204"), ("4", "E204"), ("5", "E208"), ("7", "E203")}
    assert all(r.fields["where"].startswith(str(path)) for r in rejects)
    assert count_documents([str(path)]) == 7


def test_truncated_gzip_keeps_what_was_read(tmp_path):
    path = tmp_path / "t.jsonl.gz"
    data = gzip.compress(("\n".join(json.dumps({"id": f"d{i}", "text": f"Texte {i} " * 50}) for i in range(200)) + "\n").encode())
    path.write_bytes(data[: len(data) // 2])
    docs, rejects = split(list(read_paths([str(path)])))
    assert docs and len(docs) < 200
    assert rejects and rejects[-1].code.name == "E202"


ARTICLE = """<html lang="fr"><head><title>La France condamne - Le Journal</title>
<meta property="og:title" content="La France condamne la Russie">
<meta property="og:url" content="https://journal.example/2017/03/14/france-russie">
<meta property="article:published_time" content="2017-03-14T10:00:00+01:00"></head>
<body><nav><a href="/">Accueil</a> <a href="/monde">Monde</a></nav>
<article><h1>La France condamne la Russie</h1>
<p>La France a condamné mardi la Russie pour son intervention militaire. Le ministre des Affaires étrangères a déclaré que la situation était grave.</p>
<p>Moscou a rejeté ces accusations dans un communiqué publié dans la soirée, selon l'agence officielle.</p>
</article><footer>Mentions légales</footer></body></html>"""


def test_html_main_text_and_metadata(tmp_path):
    (tmp_path / "page.html").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "empty.htm").write_text("<html><head><title>x</title></head><body></body></html>", encoding="utf-8")
    docs, rejects = split(list(read_paths([str(tmp_path)], date="2020-01-01")))
    (doc,) = docs
    assert doc.id == "page" and "condamné mardi la Russie" in doc.text
    assert "Mentions légales" not in doc.text and "Accueil" not in doc.text
    assert doc.title == "La France condamne la Russie"
    assert doc.date == "2017-03-14"  # the page's own date wins
    assert doc.url == "https://journal.example/2017/03/14/france-russie"
    (rej,) = rejects
    assert rej.code.name == "E207" and "empty.htm" in str(rej) and "no main text" in str(rej)


RSS = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Actu</title><language>fr-FR</language>
<item><title>La France condamne</title><link>https://ex.fr/1</link><guid>https://ex.fr/1</guid>
<pubDate>Tue, 14 Mar 2017 10:00:00 +0100</pubDate>
<description>&lt;p&gt;La France a condamné la Russie.&lt;/p&gt;&lt;p&gt;Moscou dément.&lt;/p&gt;</description></item>
<item><title>Vide</title><link>https://ex.fr/2</link><description></description></item>
<item><title>Paris accuse</title><link>https://ex.fr/3</link><description>Paris accuse Moscou.</description></item>
</channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>News</title><id>urn:feed</id><updated>2018-01-02T00:00:00Z</updated>
<entry><title>Talks</title><id>urn:e1</id><link href="https://ex.com/e1"/><updated>2018-01-02T09:00:00Z</updated>
<content type="html">&lt;p&gt;France and Germany held talks in Berlin.&lt;/p&gt;</content></entry></feed>"""


def test_rss_and_atom_items(tmp_path):
    (tmp_path / "feed.rss").write_text(RSS, encoding="utf-8")
    (tmp_path / "feed.atom").write_text(ATOM, encoding="utf-8")
    (tmp_path / "notafeed.xml").write_text("plain text", encoding="utf-8")
    docs, rejects = split(list(read_paths([str(tmp_path)])))
    by_id = {d.id: d for d in docs}
    assert set(by_id) == {"https://ex.fr/1", "https://ex.fr/3", "urn:e1"}
    first = by_id["https://ex.fr/1"]
    assert first.text == "La France a condamné la Russie.\n\nMoscou dément."
    assert (first.title, first.date, first.url, first.lang) == ("La France condamne", "2017-03-14", "https://ex.fr/1", "fr")
    assert by_id["urn:e1"].date == "2018-01-02" and by_id["urn:e1"].url == "https://ex.com/e1"
    codes = sorted((r.code.name, r.fields["where"].rsplit("/", 1)[1]) for r in rejects)
    assert codes == [("E201", "feed.rss:2"), ("E207", "notafeed.xml")]


def test_directory_recursive_sorted_and_unsupported_file(tmp_path):
    (tmp_path / "sub" / "deeper").mkdir(parents=True)
    (tmp_path / "sub" / "deeper" / "z.txt").write_text("Texte z.", encoding="utf-8")
    (tmp_path / "a.txt").write_text("Texte a.", encoding="utf-8")
    (tmp_path / "notes.docx").write_bytes(b"PK")
    docs, rejects = split(list(read_paths([str(tmp_path)])))
    assert [d.id for d in docs] == ["a", "z"]
    assert not rejects  # directories skip unsupported files
    _, rejects = split(list(read_paths([str(tmp_path / "notes.docx")])))
    assert rejects[0].code.name == "E206"


def test_missing_path():
    with pytest.raises(VeilleError, match="E007"):
        list(read_paths(["/nonexistent/x.jsonl"]))


class CountingStream(io.BytesIO):
    """A binary stdin that records how many bytes were taken from it."""

    def __init__(self, data: bytes) -> None:
        super().__init__(data)
        self.taken = 0

    def read(self, n=-1):
        out = super().read(n)
        self.taken += len(out)
        return out

    def readline(self, n=-1):
        out = super().readline(n)
        self.taken += len(out)
        return out


def test_stdin_text_jsonl_and_bad_bytes():
    text = list(read_stdin("2017-01-02", "fr", 1000, CountingStream("Titre\n\nLa France proteste.".encode())))
    assert [(d.id, d.title, d.date, d.source) for d in text] == [("stdin", "Titre", "2017-01-02", "<stdin>")]
    lines = b'{"id": "a", "text": "Un."}\n\n{broken\n{"id": "b", "text": "Deux."}\n'
    got = list(read_stdin(None, None, 1000, CountingStream(lines)))
    assert [getattr(d, "id", None) for d in got] == ["a", None, "b"]
    assert got[1].code.name == "E203" and got[1].fields["where"] == "<stdin>:3"
    bad = list(read_stdin(None, None, 1000, CountingStream(b"caf\xe9 au lait")))
    assert bad[0].code.name == "E202"
    assert [d.text for d in read_stdin(None, None, 1000, io.StringIO("Texte sur une entrée texte."))] == \
        ["Texte sur une entrée texte."]


def test_huge_stdin_text_is_refused_with_the_size_limit_without_reading_it_all():
    max_chars = 1000  # a text document may take 4 bytes per character: 4000 bytes
    stream = CountingStream(b"mot " * 1_000_000)  # 4 MB
    got = list(read_stdin(None, None, max_chars, stream))
    assert len(got) == 1 and got[0].code.name == "E210"
    assert "4000 bytes" in str(got[0]) and "max_doc_chars = 1000" in str(got[0])
    assert stream.taken == 4001  # the bound and one byte more, never the rest


def test_long_jsonl_on_stdin_streams_past_the_text_bound_with_bounded_lines():
    max_chars = 100  # text bound 400 bytes; a JSONL line may take 600 + 64 KiB
    lines = [json.dumps({"id": f"d{i}", "text": f"Texte numéro {i}."}) for i in range(200)]
    lines.insert(150, json.dumps({"id": "big", "text": "x" * 300_000}))
    stream = CountingStream(("\n".join(lines) + "\n").encode())
    got = list(read_stdin(None, None, max_chars, stream))
    assert [getattr(d, "id", None) for d in got if not hasattr(d, "code")] == [f"d{i}" for i in range(200)]
    rejected = [d for d in got if hasattr(d, "code")]
    assert [(r.code.name, r.fields["where"]) for r in rejected] == [("E801", "<stdin>:151")]


def test_read_paths_passes_the_limit_to_stdin(monkeypatch):
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(CountingStream(b"y" * 50_000), encoding="utf-8"))
    got = list(read_paths(["-"], max_chars=1000))
    assert [d.code.name for d in got] == ["E210"]
