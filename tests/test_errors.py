from veille.errors import DOCUMENT_CODES, E, VeilleError


def test_message_carries_code_and_fields():
    err = VeilleError(E.E002, value="2023-13-01")
    assert str(err).startswith("[E002]")
    assert "2023-13-01" in str(err) and "YYYY-MM-DD" in str(err)


def test_document_errors_are_flagged():
    assert VeilleError(E.E201, where="a.txt").is_document_error
    assert not VeilleError(E.E002, value="x").is_document_error
    assert all(c.name.startswith("E2") for c in DOCUMENT_CODES)


def test_missing_field_does_not_hide_the_error():
    err = VeilleError(E.E013, path="g.jsonl")
    assert "[E013]" in str(err)


def test_codes_are_unique_and_messages_actionable():
    values = [c.value for c in E]
    assert len(set(c.name for c in E)) == len(values)
    assert all(len(v) > 20 for v in values)
