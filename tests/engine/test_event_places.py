"""Every event takes the place its clause names, geocoded offline."""
import pytest

from veille.records import Document


def _events(extractor, text):
    return extractor.process(Document(id="p", text=text, date="2016-11-23", lang="fr")).events


@pytest.mark.model
@pytest.mark.parametrize("text,country,has_coords", [
    ("L'armée irakienne a attaqué les positions de Daech à Mossoul.", "IRQ", True),
    ("L'armée turque a bombardé les positions kurdes dans le nord de la Syrie.", "SYR", False),
    ("Le ministre russe des Affaires étrangères s'est rendu à Pyongyang.", "PRK", True),
])
def test_event_location(fr_extractor, text, country, has_coords):
    events = _events(fr_extractor, text)
    assert events, text
    loc = events[0].location
    assert loc is not None and loc.country == country
    assert (loc.lat is not None) == has_coords
    assert loc.text in text


@pytest.mark.model
def test_no_place_no_location(fr_extractor):
    events = _events(fr_extractor, "La France condamne la Russie.")
    assert events and events[0].location is None
