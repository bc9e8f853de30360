"""The consent the audiences are built from: a volunteer's newsletter choice is off until they
tick it on their profile form; the carer page says which channel applies."""

from django.urls import reverse

from omzien.accounts.constants import Role
from omzien.caregivers.constants import Newsletter as CarerChannel
from omzien.caregivers.tests.factories import CaregiverFactory
from omzien.testing.login import login_verified
from omzien.volunteering.models import VolunteerProfile


def test_a_volunteer_wants_no_newsletter_until_they_say_so(client, make_member, heerde):
    assert VolunteerProfile._meta.get_field("wants_newsletter").default is False
    resident = make_member(Role.RESIDENT, heerde)
    client.force_login(resident)
    page = client.get(reverse("volunteering:profile_create", args=[heerde.pk]))
    assert "Stuur mij de nieuwsbrief van de gemeente per e-mail" in page.text
    box = page.text[page.text.index('name="wants_newsletter"') - 200 :]
    assert "checked" not in box[: box.index(">", 200)]


def test_the_carer_page_shows_the_newsletter_channel(client, make_member, heerde):
    consultant = make_member(Role.CONSULTANT, heerde, totp=True)
    login_verified(client, consultant)
    carer = CaregiverFactory(municipality=heerde, newsletter=CarerChannel.EMAIL, email="")
    page = client.get(reverse("caregivers:detail", args=[carer.pk]))
    assert "Nieuwsbrief" in page.text
    assert "geen e-mailadres: er wordt niets verstuurd" in page.text
