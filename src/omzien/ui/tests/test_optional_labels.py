"""The form field template says "(niet verplicht)" after the label of every optional field, so a
label must not say it again ("Opmerking (niet verplicht) (niet verplicht)")."""

import re
from pathlib import Path

SRC = Path(__file__).resolve().parents[2]
SAYS_OPTIONAL = re.compile(r"""_\(\s*["'][^"']*\(optional\)["']\s*\)""")


def test_no_label_says_optional_itself():
    found = [
        f"{path.relative_to(SRC)}:{number}"
        for path in SRC.rglob("*.py")
        if "tests" not in path.parts and "migrations" not in path.parts
        for number, line in enumerate(path.read_text().splitlines(), 1)
        if SAYS_OPTIONAL.search(line)
    ]
    assert found == []
