from workbook.schema import SCHEMA_PATH, schema_text


def test_shipped_schema_is_current():
    """The shipped JSON Schema matches the model (regenerate with `python -m workbook schema -o ...`)."""
    assert SCHEMA_PATH.read_text(encoding="utf-8") == schema_text()
