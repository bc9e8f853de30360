"""Every ValidationError a service or selector raises carries a code.

Tests and views tell refusals apart by ``error.code`` rather than by the
(translated) sentence, so a message without a code is a refusal nobody can
recognise. This test reads the source of the service and selector modules and
names each ``ValidationError(...)`` built from a message without ``code=``.

A first argument that is a variable, an attribute or a subscript is accepted
(an error collected elsewhere, e.g. ``ValidationError(errors)``); a dict or list
is accepted when each message in it is itself a ``ValidationError`` with a code.
"""

import ast
from pathlib import Path

import omzien

PACKAGE = Path(omzien.__file__).parent

# The apps whose services and selectors are checked. A capability joins by
# adding its name here.
APPS = [
    "accounts",
    "privacy",
    "common",
    "volunteering",
    "buddies",
    "caregivers",
    "appreciation",
    "newsletters",
    "monitor",
    "concerns",
    "wellbeing",
    "surveys",
    "marketplace",
    "homevisits",
    "academy",
    "recognition",
    "api",
    "trajectories",
]

# Layers checked in every app: ``<layer>.py`` or any module in ``<layer>/``.
LAYERS = ["services", "selectors"]

# Platform modules outside those layers that raise errors services pass on.
EXTRA_MODULES = ["common/workflow.py", "common/dates.py", "common/phone.py"]


def checked_modules(package=PACKAGE, apps=APPS, extra=EXTRA_MODULES):
    modules = []
    for app in apps:
        for layer in LAYERS:
            single = package / app / f"{layer}.py"
            if single.exists():
                modules.append(single)
            folder = package / app / layer
            if folder.is_dir():
                modules.extend(sorted(folder.rglob("*.py")))
    modules.extend(package / path for path in extra if path.startswith(tuple(apps)))
    return modules


def _is_validation_error(node):
    func = node.func
    name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)
    return name == "ValidationError"


def _has_code(call):
    return any(keyword.arg == "code" for keyword in call.keywords)


def _collected(node):
    """An error gathered elsewhere: a variable, attribute or subscript."""
    return isinstance(node, ast.Name | ast.Attribute | ast.Subscript | ast.Starred)


def _uncoded_messages(node):
    """The nodes inside a ValidationError argument that are bare messages."""
    if _collected(node):
        return []
    if isinstance(node, ast.Call) and _is_validation_error(node):
        return [] if _has_code(node) or not node.args else _uncoded_messages(node.args[0])
    if isinstance(node, ast.Dict):
        return [bad for value in node.values for bad in _uncoded_messages(value)]
    if isinstance(node, ast.List | ast.Tuple):
        return [bad for element in node.elts for bad in _uncoded_messages(element)]
    if isinstance(node, ast.ListComp | ast.GeneratorExp):
        return _uncoded_messages(node.elt)
    # A literal, an f-string, a ``_()`` call, ``%`` formatting, a helper
    # returning a sentence: a message without a code.
    return [node]


def _collected_into(function, name):
    """What a function puts into the error collection ``name``:
    ``name[field] = value`` and ``name.setdefault(field, []).append(value)``."""
    values = []
    for node in ast.walk(function):
        if isinstance(node, ast.Assign):
            for target in node.targets:
                if isinstance(target, ast.Subscript) and getattr(target.value, "id", None) == name:
                    values.append(node.value)
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in ("append", "extend")
            and isinstance(node.func.value, ast.Call)
            and isinstance(node.func.value.func, ast.Attribute)
            and node.func.value.func.attr == "setdefault"
            and getattr(node.func.value.func.value, "id", None) == name
        ):
            values.extend(node.args)
    return values


def uncoded_errors(path, root=PACKAGE.parent):
    """``file:line`` of each message in ``path`` raised without a code, directly or
    gathered first into the collection the function raises."""
    tree = ast.parse(path.read_text(), filename=str(path))
    found = []
    for function in ast.walk(tree):
        if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        for node in ast.walk(function):
            if not (isinstance(node, ast.Call) and _is_validation_error(node)):
                continue
            if _has_code(node) or not node.args:
                continue
            bad = _uncoded_messages(node.args[0])
            if isinstance(node.args[0], ast.Name):
                for value in _collected_into(function, node.args[0].id):
                    bad.extend(_uncoded_messages(value))
            found.extend(f"{path.relative_to(root)}:{place.lineno}" for place in bad)
    return sorted(set(found), key=lambda place: (place.split(":")[0], int(place.split(":")[1])))


def test_every_service_validation_error_has_a_code():
    missing = [place for path in checked_modules() for place in uncoded_errors(path)]
    assert not missing, "ValidationError without code=:\n" + "\n".join(missing)


def test_the_walk_covers_every_listed_app():
    modules = checked_modules()
    for app in APPS:
        assert any(path.relative_to(PACKAGE).parts[0] == app for path in modules), app


def test_the_checker_names_a_message_without_code(tmp_path):
    app = tmp_path / "sample"
    app.mkdir()
    (app / "services.py").write_text(
        "from django.core.exceptions import ValidationError\n"
        "from django.utils.translation import gettext as _\n"
        "def ok(errors):\n"
        "    raise ValidationError(errors)\n"
        "def coded():\n"
        '    raise ValidationError(_("Fine."), code="fine")\n'
        "def literal():\n"
        '    raise ValidationError("Plain sentence.")\n'
        "def translated():\n"
        '    raise ValidationError(_("No code."))\n'
        "def field_dict():\n"
        '    ok = ValidationError(_("Ok."), code="ok")\n'
        '    raise ValidationError({"a": [_("Bare.")], "b": ok})\n'
        "def gathered():\n"
        "    errors = {}\n"
        '    errors["a"] = [_("Bare.")]\n'
        '    errors.setdefault("b", []).append(_("Bare too."))\n'
        '    errors.setdefault("c", []).append(ValidationError(_("Ok."), code="ok"))\n'
        "    raise ValidationError(errors)\n"
    )
    modules = checked_modules(package=tmp_path, apps=["sample"], extra=[])
    assert modules == [app / "services.py"]
    lines = [place.rsplit(":", 1)[1] for place in uncoded_errors(modules[0], root=tmp_path)]
    assert lines == ["8", "10", "13", "16", "17"]
