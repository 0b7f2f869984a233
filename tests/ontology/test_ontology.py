import pytest

from veille.errors import VeilleError
from veille.ontology import load_ontology
from veille.ontology.model import PLOVER_TYPES, _read_crosswalk


def test_all_plover_types_loaded_with_quad_classes():
    o = load_ontology()
    assert set(o.types) == set(PLOVER_TYPES)
    assert o.quad_class("CONSULT") == 1 and o.quad_class("AID") == 2
    assert o.quad_class("ACCUSE") == 3 and o.quad_class("ASSAULT") == 4


@pytest.mark.parametrize("code,plover,goldstein", [("042", "CONSULT", 1.9), ("112", "ACCUSE", -2.0),
                                                    ("0211", "REQUEST", 3.4), ("190", "ASSAULT", -10.0)])
def test_cameo_codes_carry_goldstein_and_plover(code, plover, goldstein):
    o = load_ontology()
    assert o.plover_for_cameo(code) == plover
    assert o.goldstein(code) == goldstein


def test_unknown_subcode_falls_back_to_parent():
    o = load_ontology()
    assert o.cameo_code("0429").code == "042"


def test_mode_scores_from_table():
    o = load_ontology()
    assert o.score("CONSULT", "visit") == 4.0
    assert o.score("CONSULT", None) == 2.5
    assert o.score("ASSAULT", "aerial") == -9.5


def test_unknown_type_is_a_clear_error():
    with pytest.raises(VeilleError) as err:
        load_ontology().plover_type("HUG")
    assert "HUG" in str(err.value) and "CONSULT" in str(err.value)


def test_crosswalk_parse_error_names_the_line():
    with pytest.raises(VeilleError) as err:
        _read_crosswalk("# comment\n042: CONSULT, visit\nnonsense line\n")
    assert "line 3" in str(err.value)


def test_context_refinement_table_points_at_known_codes():
    o = load_ontology()
    for generic, by_ctx in o.refinements.items():
        assert o.cameo_code(generic) is not None
        for ctx, code in by_ctx.items():
            assert ctx in o.contexts
            assert code in o.cameo, code


def test_coding_policy_is_read_per_type():
    o = load_ontology()
    assert o.plover_type("CONSULT").coding.stance == "friendly"
    assert o.plover_type("CONSULT").coding.needs_recipient
    assert o.plover_type("ASSAULT").coding.stance == "opposed"
    assert o.plover_type("ASSAULT").coding.recipient_optional
    assert o.plover_type("ACCUSE").coding.object_may_be_event
    assert o.plover_type("THREATEN").coding.complement_may_be_act
    assert o.plover_type("AID").coding.intent == ("AGREE", "033")
    assert o.plover_type("PROTEST").coding.stance is None


def test_coding_policy_intents_name_types_whose_quad_is_verbal():
    # an announced act is a verbal event: every intent is a verbal type (quad class 1 or 3)
    o = load_ontology()
    for t in o.types.values():
        if t.coding.intent:
            assert o.quad_class(t.coding.intent[0]) in (1, 3), t.name


def test_bad_coding_policy_is_a_clear_error():
    from veille.ontology.model import _coding_policy
    with pytest.raises(VeilleError) as err:
        _coding_policy("ASSAULT", {"stance": "hostile"})
    assert "hostile" in str(err.value) and "friendly" in str(err.value)
