from hypothesis import given
from hypothesis import strategies as st

from omzien.common.text import fold


def test_invisible_differences_fold_to_one_form():
    assert fold("Jose\u0301 Sa\u0301nchez") == fold("José Sánchez") == "josé sánchez"
    assert fold("  Jan   de  Vries ") == "jan de vries"
    assert fold("ĲSSELMUIDEN") == fold("IJsselmuiden") == "ijsselmuiden"
    assert fold("ĳzerman") == "ijzerman"
    assert fold(None) == fold("") == ""


@given(st.text())
def test_folding_is_idempotent(value):
    assert fold(fold(value)) == fold(value)
