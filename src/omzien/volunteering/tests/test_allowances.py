"""Expense allowances: recorded per placement, a warning across organisations at the tax-free
maxima that never shows another organisation's amounts, and the municipality's settings."""

import datetime
import uuid
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from omzien.accounts.constants import Role
from omzien.common.services import Actor
from omzien.testing.login import login_verified
from omzien.volunteering import constants
from omzien.volunteering.constants import AllowanceKind
from omzien.volunteering.models import Allowance, VolunteeringSettings
from omzien.volunteering.selectors.allowances import maxima_passed, organisation_allowances
from omzien.volunteering.services import allowances as services
from omzien.volunteering.tests.factories import (
    AllowanceFactory,
    OrganisationFactory,
    OrganisationMemberFactory,
    ResponseFactory,
    RunningPlacementFactory,
    VacancyFactory,
    VolunteerProfileFactory,
)

TODAY = datetime.date(2026, 6, 10)


@pytest.fixture
def volunteer(make_member, heerde):
    return make_member(Role.RESIDENT, heerde, full_name="Vera Vrijwilliger")


def _placement(organisation, profile):
    return RunningPlacementFactory(
        response=ResponseFactory(
            vacancy=VacancyFactory(organisation=organisation),
            profile=profile,
            status=constants.ResponseStatus.ACCEPTED,
        )
    )


@pytest.fixture
def placements(heerde, epe, organisation, volunteer):
    """The volunteer works for our organisation in Heerde and for another one in Epe."""
    here = _placement(organisation, VolunteerProfileFactory(municipality=heerde, user=volunteer))
    there = _placement(
        OrganisationFactory(municipality=epe, name="Zorg Epe"),
        VolunteerProfileFactory(municipality=epe, user=volunteer),
    )
    return here, there


def _record(
    placement,
    member,
    amount,
    *,
    kind=AllowanceKind.ALLOWANCE,
    day=TODAY,
    confirmed=False,
    token=None,
):
    return services.allowance_record(
        placement=placement,
        date=day,
        amount=Decimal(amount),
        kind=kind,
        token=token or uuid.uuid4(),
        confirmed=confirmed,
        actor=Actor(user=member),
        today=TODAY,
    )


def test_the_defaults_are_the_2026_maxima(heerde):
    settings_row = VolunteeringSettings.for_municipality(heerde)
    assert (settings_row.allowance_max_year, settings_row.allowance_max_month) == (2100, 210)


def test_the_warning_counts_across_organisations(placements, org_admin):
    here, there = placements
    AllowanceFactory(placement=there, date=TODAY, amount=Decimal("180"))
    assert maxima_passed(profile=here.profile, day=TODAY, amount=Decimal("30")) == []
    assert maxima_passed(profile=here.profile, day=TODAY, amount=Decimal("30.01")) == ["month"]
    with pytest.raises(ValidationError) as caught:
        _record(here, org_admin, "40")
    assert caught.value.code == "over_maximum"
    message = " ".join(caught.value.messages)
    assert "180" not in message and "Zorg Epe" not in message  # nothing of the other one
    assert "210,00" in message
    assert not Allowance.objects.filter(placement=here).exists()
    # After the warning the member may record it anyway.
    _record(here, org_admin, "40", confirmed=True)
    assert Allowance.objects.filter(placement=here).count() == 1


def test_the_yearly_maximum(placements, org_admin):
    here, there = placements
    for month in (1, 2, 3, 4, 5, 7, 8, 9, 10, 11):
        AllowanceFactory(placement=there, date=datetime.date(2026, month, 1), amount=Decimal(205))
    assert maxima_passed(profile=here.profile, day=TODAY, amount=Decimal(60)) == ["year"]
    with pytest.raises(ValidationError) as caught:
        _record(here, org_admin, "60")
    assert "2.100,00" in " ".join(caught.value.messages)


def test_costs_on_receipts_never_count(placements, org_admin):
    here, _there = placements
    _record(here, org_admin, "500", kind=AllowanceKind.EXPENSES)
    assert maxima_passed(profile=here.profile, day=TODAY, amount=Decimal(210)) == []


def test_the_maxima_are_the_municipalitys_settings(placements, org_admin, heerde):
    here, _there = placements
    VolunteeringSettings.objects.update_or_create(
        municipality=heerde, defaults={"allowance_max_month": Decimal(50)}
    )
    with pytest.raises(ValidationError):
        _record(here, org_admin, "60")


def test_a_retry_records_once_and_only_members_record(placements, org_admin, make_member, heerde):
    here, there = placements
    token = uuid.uuid4()
    _record(here, org_admin, "10", token=token)
    _record(here, org_admin, "10", token=token)
    assert Allowance.objects.count() == 1
    with pytest.raises(PermissionDenied):
        _record(there, org_admin, "10")  # not their organisation
    with pytest.raises(ValidationError) as caught:
        _record(here, org_admin, "10", day=TODAY + datetime.timedelta(days=1))
    assert "future" in str(caught.value.error_dict["date"][0].code)


def test_the_organisation_sees_its_own_totals_only(placements, org_admin, organisation):
    here, there = placements
    _record(here, org_admin, "25")
    _record(here, org_admin, "12.50", kind=AllowanceKind.EXPENSES)
    AllowanceFactory(placement=there, date=TODAY, amount=Decimal(100))
    assert organisation_allowances(organisation_id=organisation.pk, year=2026) == [
        {"name": "Vera Vrijwilliger", "allowance": Decimal(25), "expenses": Decimal("12.50")}
    ]


def test_the_page_warns_and_then_records(org_client, placements):
    here, there = placements
    AllowanceFactory(placement=there, date=timezone.localdate(), amount=Decimal(200))
    url = reverse("volunteering:allowance_placement", args=[here.pk])
    form = org_client.get(url).context["form"]
    data = {
        "date": form["date"].value().isoformat(),
        "amount": "20",
        "kind": AllowanceKind.ALLOWANCE,
        "token": str(form["token"].value()),
    }
    page = org_client.post(url, data)
    assert page.status_code == 200
    assert "boven het belastingvrije maximum van €\u00a0210,00 per maand" in page.context["warning"]
    assert "Toch vastleggen" in page.content.decode()
    assert "200" not in page.context["warning"]
    again = page.context["form"]
    assert again["confirmed"].value() is True
    answer = org_client.post(url, {**data, "confirmed": "True"})
    assert answer.status_code == 302
    assert Allowance.objects.filter(placement=here).count() == 1


def test_another_organisations_placement_is_not_found(client, make_member, heerde, placements):
    outsider = make_member(Role.ORGANISATION_MEMBER, heerde)
    OrganisationMemberFactory(organisation=OrganisationFactory(municipality=heerde), user=outsider)
    client.force_login(outsider)
    url = reverse("volunteering:allowance_placement", args=[placements[0].pk])
    assert client.get(url).status_code == 404


def test_the_functional_administrator_sets_the_maxima(client, admin_heerde, heerde):
    login_verified(client, admin_heerde)
    url = reverse("volunteering:volunteering_settings")
    page = client.get(url)
    assert page.status_code == 200
    version = page.context["form"]["version"].value()
    answer = client.post(
        url,
        {
            "allowance_max_year": "2200",
            "allowance_max_month": "220",
            "vog_max_age_years": "3",
            "version": version,
        },
    )
    assert answer.status_code == 302
    settings_row = VolunteeringSettings.for_municipality(heerde)
    assert (settings_row.allowance_max_year, settings_row.allowance_max_month) == (2200, 220)
    # The old version again: someone else saved in between.
    answer = client.post(
        url,
        {
            "allowance_max_year": "1",
            "allowance_max_month": "1",
            "vog_max_age_years": "3",
            "version": version,
        },
    )
    settings_row.refresh_from_db()
    assert settings_row.allowance_max_year == 2200
