import pytest

from veille.errors import VeilleError
from veille.settings import load_settings


def test_packaged_defaults():
    s = load_settings()
    assert s.lang == "fr"
    assert s.models["fr"] == "fr_core_news_md"
    assert s.serve.host == "127.0.0.1"


def test_user_file_overrides_only_its_keys(tmp_path):
    cfg = tmp_path / "v.toml"
    cfg.write_text('[ingest]\nbatch_size = 8\n[models]\nen = "/models/my_en"\n')
    s = load_settings(cfg)
    assert s.ingest.batch_size == 8
    assert s.ingest.commit_every == load_settings().ingest.commit_every
    assert s.models == {"fr": "fr_core_news_md", "en": "/models/my_en"}


def test_environment_variable_names_the_file(tmp_path, monkeypatch):
    cfg = tmp_path / "v.toml"
    cfg.write_text('lang = "en"\n')
    monkeypatch.setenv("VEILLE_CONFIG", str(cfg))
    assert load_settings().lang == "en"


@pytest.mark.parametrize("body,needle", [
    ('colour = "blue"\n', "colour"),
    ('[ingest]\nbatch = 3\n', "ingest.batch"),
    ('[ingest]\nbatch_size = "big"\n', "ingest.batch_size"),
    ('lang = "de"\n', "'de'"),
    ('[limits\n', "could not be read"),
])
def test_bad_user_file_is_a_specific_error(tmp_path, body, needle):
    cfg = tmp_path / "v.toml"
    cfg.write_text(body)
    with pytest.raises(VeilleError) as err:
        load_settings(cfg)
    assert needle in str(err.value)


def test_overrides_win_and_settings_are_frozen():
    s = load_settings(lang="en")
    assert s.lang == "en"
    with pytest.raises(Exception):
        s.lang = "fr"  # type: ignore[misc]
