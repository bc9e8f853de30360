"""Text as people mean it, for comparing and searching names and addresses.

Two spellings of one name must compare equal: a decomposed accent (macOS writes "José" as
"Jose" + a combining accent), a double space, a capital, the Dutch ĳ ligature against "ij".
:func:`fold` gives the one form to compare and to search on; what is shown stays as typed.
"""

import re
import unicodedata

_SPACES = re.compile(r"\s+")
_LIGATURES = str.maketrans({"ĳ": "ij", "Ĳ": "IJ"})


def fold(value: str | None) -> str:
    """The comparison form of a name: NFC, ĳ → ij, case-folded, runs of white space as one
    space, no leading or trailing space. ``fold("  José  ĲSSEL ") == fold("jose\u0301 ijssel")``.
    """
    if not value:
        return ""
    text = unicodedata.normalize("NFC", value).translate(_LIGATURES).casefold()
    # Case-folding can decompose ("ǰ" becomes j + a combining caron): compose again.
    text = unicodedata.normalize("NFC", text.casefold())
    return _SPACES.sub(" ", text).strip()


def without_control_characters(value: str) -> str:
    """The text without control characters other than white space (a NUL, a bell, an escape):
    they mean nothing to a reader, and PostgreSQL refuses a NUL in text and in JSON."""
    if value.isprintable():
        return value
    return "".join(c for c in value if c.isspace() or unicodedata.category(c) != "Cc")
