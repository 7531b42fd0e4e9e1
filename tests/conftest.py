import pytest

import workbook


@pytest.fixture(autouse=True)
def _doctest_names(doctest_namespace):
    doctest_namespace["CASES"] = workbook.CASES
