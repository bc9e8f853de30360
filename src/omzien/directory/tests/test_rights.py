"""Access and erasure requests reach the contact details on social map entries."""

import pytest

from omzien.common.services import Actor
from omzien.directory.models import Entry
from omzien.directory.rights import DirectoryProvider
from omzien.directory.tests.factories import EntryFactory
from omzien.privacy.rights import PersonQuery, providers

pytestmark = pytest.mark.django_db


def test_found_by_email_or_phone_exported_and_erased(heerde, dalfsen):
    assert "directory" in providers()
    mine = EntryFactory(
        municipality=heerde,
        contact_name="Anja de Vries",
        email="anja@example.org",
        phone="06 12345678",
        pending={"email": "anja2@example.org", "title": "Nieuw"},
    )
    EntryFactory(municipality=heerde, email="iemand@example.org", phone="0578 123 456")
    EntryFactory(municipality=dalfsen, email="anja@example.org")
    provider = DirectoryProvider()
    by_email = provider.find(heerde, PersonQuery(email="ANJA@example.org"))
    assert [m.obj.pk for m in by_email] == [mine.pk]
    assert by_email[0].name == "Anja de Vries"
    by_phone = provider.find(heerde, PersonQuery(phone="06-12345678"))
    assert [m.obj.pk for m in by_phone] == [mine.pk]
    records = provider.export(by_email[0])
    assert records
    provider.erase(by_email[0], Actor())
    mine = Entry.objects.get(pk=mine.pk)
    assert (mine.contact_name, mine.email, mine.phone) == ("", "", "")
    assert mine.pending == {"title": "Nieuw"}
    assert provider.find(heerde, PersonQuery(email="anja@example.org")) == []
