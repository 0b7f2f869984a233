from veille.eval.gold import _event, GoldDoc
from veille.eval.scoring import EventScore, date_matches, score_document
from veille.records import Document, Entity, Event, Evidence


def ev(actor, typ, recipient, modality="asserted", date="2023-11-17"):
    return Event(doc_id="d", type=typ, cameo="040", actor=Entity(actor, actor),
                 recipient=Entity(recipient, recipient) if recipient else None, date=date,
                 date_precision="day", modality=modality, evidence=Evidence(0, 0, 1, "x", "x"), lang="fr")


def gold(*events):
    return GoldDoc(Document(id="d", text="x"), [_event(e, "g:1") for e in events], [])


def test_exact_match_and_false_positive():
    g = gold({"actor": "RUS", "recipient": "PRK", "type": "CONSULT"})
    s = EventScore()
    score_document(g, [ev("RUS", "CONSULT", "PRK"), ev("USA", "ACCUSE", "PRK")], s)
    assert (s.overall.tp, s.overall.fp, s.overall.fn) == (1, 1, 0)


def test_symmetric_matches_either_direction_only_when_symmetric():
    s = EventScore()
    score_document(gold({"actor": "RUS", "recipient": "PRK", "type": "CONSULT", "symmetric": True}),
                   [ev("PRK", "CONSULT", "RUS")], s)
    assert s.overall.tp == 1
    s = EventScore()
    score_document(gold({"actor": "RUS", "recipient": "PRK", "type": "CONSULT"}), [ev("PRK", "CONSULT", "RUS")], s)
    assert (s.overall.tp, s.overall.fp, s.overall.fn) == (0, 1, 1)


def test_alternatives_and_optional_events():
    g = gold({"actor": "RUS", "recipient": "PRK", "type": "AGREE", "alt_types": ["REQUEST"]},
             {"actor": "UN", "alt_actor": ["USA"], "recipient": "PRK", "type": "SANCTION", "required": False})
    s = EventScore()
    score_document(g, [ev("RUS", "REQUEST", "PRK"), ev("USA", "SANCTION", "PRK")], s)
    assert (s.overall.tp, s.overall.fp, s.overall.fn) == (1, 0, 0)


def test_duplicates_count_once_on_both_sides():
    g = gold({"actor": "RUS", "recipient": "PRK", "type": "CONSULT"},
             {"actor": "RUS", "recipient": "PRK", "type": "CONSULT", "date": "2023-10-15"})
    s = EventScore()
    score_document(g, [ev("RUS", "CONSULT", "PRK"), ev("RUS", "CONSULT", "PRK")], s)
    assert (s.overall.tp, s.overall.fp, s.overall.fn) == (1, 0, 0)


def test_negated_predictions_are_not_positives():
    s = EventScore()
    score_document(gold({"actor": "RUS", "recipient": "PRK", "type": "CONSULT"}),
                   [ev("RUS", "CONSULT", "PRK", modality="negated")], s)
    assert (s.overall.tp, s.overall.fn) == (0, 1)


def test_date_and_modality_accuracy_on_matches():
    g = gold({"actor": "KOR", "recipient": "PRK", "type": "ACCUSE", "date": "2023-11", "date_precision": "approximate",
              "modality": "asserted"})
    s = EventScore()
    score_document(g, [ev("KOR", "ACCUSE", "PRK", date="2023-11-14")], s)
    assert (s.date_ok, s.date_n, s.modality_ok, s.modality_n) == (1, 1, 1, 1)


def test_date_matches_at_gold_precision():
    assert date_matches("2023-09-13", "2023-09", "month")
    assert not date_matches("2023-10-13", "2023-09", "month")
    assert date_matches("2023-10-12", "2023-10-15", "approximate")
    assert not date_matches("2023-11-16", "2023-11-14", "day")


def test_matching_does_not_spend_a_prediction_on_a_group_another_one_needs():
    # COOPERATE fits both gold events; AID fits only the second: both must count
    g = gold({"actor": "RUS", "recipient": "PRK", "type": "AGREE", "alt_types": ["COOPERATE"], "date": "2023-11-14"},
             {"actor": "RUS", "recipient": "PRK", "type": "AID", "alt_types": ["COOPERATE"], "date": "2023-11-17"})
    s = EventScore()
    score_document(g, [ev("RUS", "COOPERATE", "PRK", date="2023-11-17"), ev("RUS", "AID", "PRK")], s)
    assert (s.overall.tp, s.overall.fp, s.overall.fn) == (2, 0, 0)


def test_errors_name_wrong_dates_and_wrong_keys_with_what_was_predicted():
    g = gold({"actor": "RUS", "recipient": "PRK", "type": "CONSULT", "date": "2023-11-15"},
             {"actor": "USA", "recipient": "RUS", "type": "ACCUSE"})
    s = EventScore()
    score_document(g, [ev("RUS", "CONSULT", "PRK", date="2023-11-17"), ev("RUS", "ACCUSE", "USA")], s)
    kinds = {(e[1], e[2]): e[3] for e in s.errors}
    assert "2023-11-17" in kinds[("DATE", ("RUS", "PRK", "CONSULT"))]
    assert "2023-11-15" in kinds[("DATE", ("RUS", "PRK", "CONSULT"))]
    assert "('RUS', 'USA', 'ACCUSE')" in kinds[("KEYS", ("USA", "RUS", "ACCUSE"))]
    assert ("FN", ("USA", "RUS", "ACCUSE")) in kinds
