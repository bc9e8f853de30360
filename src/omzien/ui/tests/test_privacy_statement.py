"""The privacy statement has a version, and a sign-up records the version agreed to."""

import hashlib
import re

import pytest
from django.urls import reverse
from django.utils.html import strip_tags

from omzien.privacy.constants import PRIVACY_STATEMENT_VERSION

pytestmark = pytest.mark.django_db

# The text of each version of the statement, as shown in Dutch and in English (its SHA-256).
# The statement changed: give it a new PRIVACY_STATEMENT_VERSION (the day of the change) and
# record the new text's hashes here, so every sign-up says which text it agreed to.
TEXTS = {
    "2026-12-04": {
        "nl": "ba539fe737dd519d2cee6162749317408750b5da26d9de0fbb8a251be341573d",
        "en": "05663ee6cf7a3702639242f34263dd262df0fd667f20993acb20cb1536d56b8f",
    },
}


def shown_text(client, language: str) -> str:
    client.cookies["django_language"] = language
    page = client.get(reverse("ui:privacy")).content.decode()
    main = page[page.index('<h1 class="utrecht-heading-1">') : page.index("</main>")]
    return " ".join(strip_tags(main).split())


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_statement_shown_is_the_text_of_its_version(client, language):
    text = shown_text(client, language)
    assert re.search(r"(Versie van|Version of) 4 (december|December) 2026\.$", text)
    digest = hashlib.sha256(text.encode()).hexdigest()
    assert TEXTS[PRIVACY_STATEMENT_VERSION][language] == digest, (
        "The privacy statement changed: give it a new PRIVACY_STATEMENT_VERSION in "
        f"omzien/privacy/constants.py and record {digest} for {language!r} in TEXTS."
    )


def test_the_text_is_the_statement_alone(client):
    """What is hashed: the statement's own words, not the page around it."""
    text = shown_text(client, "nl")
    assert text.startswith("Privacyverklaring Omzien bewaart de gegevens")
    assert "Inloggen" not in text
