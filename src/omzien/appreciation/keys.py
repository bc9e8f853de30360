"""The keys the duplicate checks compare, so that name variants, accents and spacing do not
slip through: "José  Jansen-de Vries", "jose jansen de vries" and "JOSÉ JANSEN DE VRIES" are one
carer; "1234 ab" and "1234AB" one postcode; "12 a" and "12A" one house number."""

import re
import unicodedata

from omzien.common.text import fold

_NOT_WORD = re.compile(r"[^\w]+")


def plain(value: str | None) -> str:
    """``fold`` without accents and punctuation: letters and digits separated by one space."""
    text = unicodedata.normalize("NFD", fold(value))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return _NOT_WORD.sub(" ", text).replace("_", " ").strip()


def compact(value: str | None) -> str:
    """Letters and digits only, upper case: postcodes and house numbers."""
    return plain(value).replace(" ", "").upper()


def name_key(first_name: str, last_name: str) -> str:
    return plain(f"{first_name} {last_name}")


def household_key(postcode: str, house_number: str) -> str:
    if not postcode and not house_number:
        return ""
    return f"{compact(postcode)}|{compact(house_number)}"[:24]


def recipient_key(initials: str, date_of_birth, postcode: str, house_number: str) -> str:
    """Initials without dots or spaces, the date of birth and the address. A missing part
    leaves the key empty: nothing is compared on half a key."""
    parts = [
        compact(initials),
        date_of_birth.isoformat() if date_of_birth else "",
        compact(postcode),
        compact(house_number),
    ]
    if not all(parts):
        return ""
    return "|".join(parts)[:64]
