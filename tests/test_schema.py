from workbook.casefile.schema import SCHEMA_PATH, schema_text


def test_shipped_schema_is_current():
    """The shipped JSON Schema matches the model (`python -m workbook schema` regenerates it)."""
    assert SCHEMA_PATH.read_text(encoding="utf-8") == schema_text()
