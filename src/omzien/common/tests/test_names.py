"""Names that explain themselves (issue 9, point 10): no module gives a single letter to a
module, a class or a constant (``constants as c``, ``S = c.ApplicationStatus``). A reader of
``S.GRANTED`` has to look up what ``S`` is; ``ApplicationStatus.GRANTED`` says it. The gettext
``_`` and a ``TypeVar`` keep their conventional one-letter names."""

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2]


def _single_letter_aliases(tree: ast.Module) -> list[str]:
    found = []
    for node in tree.body:
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            found += [
                f"{a.name} as {a.asname}"
                for a in node.names
                if a.asname and len(a.asname) == 1 and a.asname.isalpha()
            ]
        elif isinstance(node, ast.Assign):
            if isinstance(node.value, ast.Call) and getattr(node.value.func, "id", "") == "TypeVar":
                continue
            for target in node.targets:
                names = target.elts if isinstance(target, ast.Tuple) else [target]
                found += [
                    n.id
                    for n in names
                    if isinstance(n, ast.Name) and len(n.id) == 1 and n.id.isalpha()
                ]
    return found


def test_no_module_gives_a_single_letter_name():
    offenders = {
        str(path.relative_to(PACKAGE)): aliases
        for path in sorted(PACKAGE.rglob("*.py"))
        if "migrations" not in path.parts
        for aliases in [_single_letter_aliases(ast.parse(path.read_text(encoding="utf-8")))]
        if aliases
    }
    assert offenders == {}


def test_the_check_finds_an_alias():
    source = "from omzien.x import constants as c\nS = c.Status\nT = TypeVar('T')\n"
    assert _single_letter_aliases(ast.parse(source)) == ["constants as c", "S"]
