"""E-mail addresses as the newsletters compare them: normalised, and kept after an unsubscribe
only as a keyed hash."""

from django.utils.crypto import salted_hmac

SUPPRESSION_SALT = "omzien.newsletters.suppression"


def normalise_email(email: str) -> str:
    return (email or "").strip().lower()


def email_hash(email: str) -> str:
    """HMAC-SHA256 of the normalised address with the site's secret: the same address gives
    the same hash, and the hash cannot be reversed by trying a list of addresses without the
    secret."""
    return salted_hmac(SUPPRESSION_SALT, normalise_email(email), algorithm="sha256").hexdigest()
