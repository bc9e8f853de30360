"""Unguessable codes people type from paper: invitation codes and voucher codes.

Drawn with ``secrets`` from 31 characters without the ones that are misread (0/O, 1/I/L), shown
in groups of four; what someone types is normalised (case, spaces, dashes) before it is compared.
Invitation codes are stored only as a hash.
"""

import hashlib
import secrets

ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"


def new_code(length: int = 12) -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(length))


def normalise_code(typed: str | None) -> str:
    return "".join(ch for ch in (typed or "").upper() if ch.isalnum())


def show_code(code: str) -> str:
    """``ABCD2345WXYZ`` as ``ABCD-2345-WXYZ``."""
    return "-".join(code[i : i + 4] for i in range(0, len(code), 4))


def hash_code(code: str) -> str:
    return hashlib.sha256(normalise_code(code).encode()).hexdigest()
