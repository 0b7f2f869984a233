from veille.ingest.langid import detect_language


def test_detects_french_and_english():
    assert detect_language("La France a condamné mardi la Russie pour son intervention en Syrie.", ("fr", "en"), "en") == "fr"
    assert detect_language("The president met his counterpart in Paris on Tuesday to discuss trade.", ("fr", "en"), "fr") == "en"


def test_short_text_gets_default():
    assert detect_language("Oui.", ("fr", "en"), "en") == "en"
    assert detect_language("", ("fr", "en"), "fr") == "fr"


def test_model_ships_in_the_wheel():
    import pathlib

    import py3langid.langid as L
    path = pathlib.Path(L.MODEL_FILE)
    path = path if path.is_absolute() else L.MODEL_DIR / path
    assert path.exists()
