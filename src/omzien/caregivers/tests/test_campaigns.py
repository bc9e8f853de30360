"""Campaign pages: written by the administrator and the consultants of a municipality,
audited, one address per municipality, two editors never overwrite each other."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from omzien.accounts.constants import Role
from omzien.caregivers import constants
from omzien.caregivers.models import CampaignPage
from omzien.caregivers.selectors.campaigns import current_campaigns
from omzien.caregivers.services.campaigns import campaign_create, campaign_update
from omzien.caregivers.tests.factories import CampaignPageFactory
from omzien.common.services import Actor, EditConflict
from omzien.privacy.constants import AuditAction
from omzien.privacy.models import AuditEvent

pytestmark = pytest.mark.django_db

NOVEMBER = {
    "kind": constants.CampaignKind.CARERS_WEEK,
    "title": "Week van de mantelzorg",
    "slug": "",
    "intro": "Van 3 tot en met 10 november zetten we mantelzorgers in het zonnetje.",
    "body": "Doet u de boodschappen voor uw moeder?\n\nDan bent u misschien mantelzorger.",
    "call_to_action": constants.CallToAction.CHECK,
    "visible_from": datetime.date(2026, 11, 1),
    "visible_until": datetime.date(2026, 11, 30),
}


@pytest.fixture
def editor(make_member, heerde):
    return make_member(Role.CONSULTANT, heerde)


def test_a_consultant_creates_a_page_its_address_made_from_the_title_and_audited(heerde, editor):
    page = campaign_create(municipality=heerde, data=NOVEMBER, actor=Actor(user=editor))
    assert page.slug == "week-van-de-mantelzorg"
    assert page.version == 1
    assert AuditEvent.objects.filter(
        action=AuditAction.CREATE,
        actor=editor,
        object_type="caregivers.campaignpage",
        object_id=str(page.pk),
        municipality=heerde,
    ).exists()


def test_the_functional_administrator_may_write_pages_too(heerde, make_member):
    admin = make_member(Role.MUNICIPALITY_ADMIN, heerde)
    assert campaign_create(municipality=heerde, data=NOVEMBER, actor=Actor(user=admin)).pk


@pytest.mark.parametrize("role", [Role.BROKER, Role.POLICY_ADVISOR, Role.RESIDENT])
def test_other_roles_may_not(heerde, make_member, role):
    with pytest.raises(PermissionDenied):
        campaign_create(
            municipality=heerde, data=NOVEMBER, actor=Actor(user=make_member(role, heerde))
        )


def test_a_consultant_of_another_municipality_may_not(heerde, dalfsen, make_member):
    other = make_member(Role.CONSULTANT, dalfsen)
    with pytest.raises(PermissionDenied):
        campaign_create(municipality=heerde, data=NOVEMBER, actor=Actor(user=other))


def test_the_address_is_unique_per_municipality_with_a_dutch_error(
    heerde, dalfsen, editor, make_member
):
    campaign_create(municipality=heerde, data=NOVEMBER, actor=Actor(user=editor))
    with pytest.raises(ValidationError) as error:
        campaign_create(municipality=heerde, data=NOVEMBER, actor=Actor(user=editor))
    assert error.value.message_dict["slug"] == [
        "Uw gemeente heeft al een campagnepagina met dit webadres. Kies een ander adres, "
        "bijvoorbeeld met het jaartal erin."
    ]
    # Another municipality may use the same address.
    dalfsen_editor = make_member(Role.CONSULTANT, dalfsen)
    page = campaign_create(municipality=dalfsen, data=NOVEMBER, actor=Actor(user=dalfsen_editor))
    assert page.slug == "week-van-de-mantelzorg"


def test_two_editors_taking_one_address_at_once_get_the_same_refusal(
    heerde, editor, concurrent_save
):
    concurrent_save(
        CampaignPage,
        lambda: CampaignPageFactory(municipality=heerde, slug="week-van-de-mantelzorg"),
    )
    with pytest.raises(ValidationError) as error:
        campaign_create(municipality=heerde, data=NOVEMBER, actor=Actor(user=editor))
    assert "slug" in error.value.message_dict


def test_the_period_must_not_end_before_it_starts(heerde, editor):
    data = {**NOVEMBER, "visible_until": datetime.date(2026, 10, 1)}
    with pytest.raises(ValidationError) as error:
        campaign_create(municipality=heerde, data=data, actor=Actor(user=editor))
    assert error.value.message_dict["visible_until"] == [
        "De pagina zou eerder verdwijnen dan hij zichtbaar wordt: controleer de datums."
    ]


def test_a_bad_address_and_a_missing_title_are_refused_in_dutch(heerde, editor):
    data = {**NOVEMBER, "title": "", "slug": "Week van!"}
    with pytest.raises(ValidationError) as error:
        campaign_create(municipality=heerde, data=data, actor=Actor(user=editor))
    messages = error.value.message_dict
    assert messages["title"] == ["Dit veld kan niet leeg zijn"]
    assert "slug" in messages


def test_an_update_is_audited_with_the_changed_fields_and_a_stale_edit_is_refused(heerde, editor):
    page = campaign_create(municipality=heerde, data=NOVEMBER, actor=Actor(user=editor))
    changed = campaign_update(
        campaign=page,
        data={**NOVEMBER, "slug": page.slug, "title": "Week van de mantelzorg 2026"},
        actor=Actor(user=editor),
        version=1,
    )
    assert changed.version == 2
    event = AuditEvent.objects.get(action=AuditAction.UPDATE, object_id=str(page.pk))
    assert event.reason == "title"
    with pytest.raises(EditConflict):
        campaign_update(
            campaign=page, data={**NOVEMBER, "title": "Oud"}, actor=Actor(user=editor), version=1
        )
    assert CampaignPage.objects.get(pk=page.pk).title == "Week van de mantelzorg 2026"


def test_the_demo_has_heerdes_week_in_november_and_the_day_on_10_november(heerde, editor):
    from omzien.caregivers.demo import load_campaigns

    assert load_campaigns() == {"campaign_pages": 3}
    assert load_campaigns() == {"campaign_pages": 0}  # idempotent
    week = CampaignPage.objects.get(municipality=heerde, kind=constants.CampaignKind.CARERS_WEEK)
    day = CampaignPage.objects.get(municipality=heerde, kind=constants.CampaignKind.CARERS_DAY)
    assert (week.visible_from.month, week.visible_from.day) == (11, 1)
    assert (week.visible_until.month, week.visible_until.day) == (11, 30)
    assert (day.visible_until.month, day.visible_until.day) == (11, 10)
    # The coming November: this year's while it lasts, else next year's.
    assert week.visible_until >= timezone.localdate()
    # One campaign runs whenever the demo is loaded, so a visitor always finds one.
    today = timezone.localdate()
    current = current_campaigns(today=today, municipality=heerde)
    assert "even-op-adem-komen" in [page.slug for page in current]
