import json
import re
from pathlib import Path

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.db import models
from django_otp.plugins.otp_totp.models import TOTPDevice

from omzien.accounts.constants import STAFF_ROLES, Role
from omzien.accounts.models import Membership
from omzien.demo.accounts import DEMO_PASSWORD, demo_accounts, totp_secret_base32
from omzien.demo.synthetic import SYNTHETIC_DOMAIN
from omzien.testing.demo import demo_loaded_for_class

pytestmark = pytest.mark.django_db
README = Path(__file__).resolve().parents[4] / "README.md"
# Dutch postcodes never use F, I, O, Q, U or Y in the letters, nor the pairs SA, SD and SS.
POSTCODE = re.compile(r"^[1-9]\d{3} [A-EGHJ-NPRSTV-XZ]{2}$")
NEVER_ISSUED = {"SA", "SD", "SS"}


def snapshot():
    User = get_user_model()
    return (
        sorted(User.objects.values_list("email", "password")),
        sorted(Membership.objects.values_list("user__email", "municipality__slug", "role")),
        sorted(TOTPDevice.objects.values_list("user__email", "key")),
    )


def row_counts() -> dict[str, int]:
    """The number of rows of every model, many-to-many tables included."""
    return {
        model._meta.label: model._base_manager.count()
        for model in apps.get_models(include_auto_created=True)
        if model._meta.managed and not model._meta.proxy
    }


loaded_demo = demo_loaded_for_class()


@pytest.mark.usefixtures("loaded_demo")
class TestLoadedDemo:
    def test_load_demo_twice_changes_nothing(self, settings):
        """The second load creates no row in any table and changes no account."""
        counts, accounts = row_counts(), snapshot()
        assert counts[get_user_model()._meta.label] >= len(demo_accounts())
        settings.DEBUG = True
        call_command("load_demo", verbosity=0)
        after = row_counts()
        assert {label: (counts[label], n) for label, n in after.items() if n != counts[label]} == {}
        assert snapshot() == accounts

    def test_stip_reports_its_figures_every_quarter_the_last_one_awaits_the_advisor(self):
        """The monitor's partner reports need the volunteering demo's organisation: checked
        here, on the whole demo, rather than by loading both for the monitor's tests."""
        from datetime import timedelta

        from django.utils import timezone

        from omzien.monitor.models import ExternalValue, PartnerReport
        from omzien.privacy.statistics import QUARTER, Period

        today = timezone.localdate()
        last = Period.last_complete(today, QUARTER)
        reports = {
            r.period_end: r
            for r in PartnerReport.objects.filter(organisation__name="Stichting Stip Heerde")
        }
        before = Period.last_complete(last.start, QUARTER)
        # The last quarter's figures come nine days after it (till then: the partner's to-do).
        in_yet = last.end + timedelta(days=9) < today
        assert sorted(reports) == [before.end, last.end][: 2 if in_yet else 1]
        assert reports[before.end].status == "accepted"
        if in_yet:
            assert reports[last.end].status == "submitted"
        for report in reports.values():
            assert report.period_end < timezone.localdate(report.submitted_at) < today
            for step in report.transitions.all():
                assert timezone.localdate(step.created_at) < today
        accepted = ExternalValue.objects.filter(source="opgegeven door Stichting Stip Heerde")
        assert list(accepted.values_list("measured_on", flat=True)) == [before.end] * 2

    def test_postcodes_are_ones_that_are_issued(self):
        """Every postcode of every model in the demo (organisations, carers, referrals ...)."""
        seen = 0
        for model in apps.get_models():
            for field in model._meta.concrete_fields:
                if field.name != "postcode" or not isinstance(field, models.CharField):
                    continue
                for value in model._default_manager.exclude(postcode="").values_list(
                    "postcode", flat=True
                ):
                    seen += 1
                    if len(value) == 4:
                        continue  # only the digits
                    assert POSTCODE.match(value), (model.__name__, value)
                    assert value[-2:] not in NEVER_ISSUED, (model.__name__, value)
        assert seen > 50

    def test_demo_has_every_role_in_two_municipalities(self):
        for slug in ("heerde", "dalfsen"):
            roles = set(
                Membership.objects.filter(municipality__slug=slug).values_list("role", flat=True)
            )
            assert roles == set(Role.values)
        staff = Membership.objects.filter(role__in=STAFF_ROLES, municipality__slug="dalfsen")
        for membership in staff:
            assert TOTPDevice.objects.filter(user=membership.user, confirmed=True).exists()
        user = get_user_model().objects.get(email="inwoner.heerde@omzien.test")
        assert user.check_password(DEMO_PASSWORD)

    def test_heerdes_privacy_officer_has_an_open_access_request_to_answer(self):
        from omzien.common.services import Actor
        from omzien.privacy.models import SubjectRequest
        from omzien.privacy.selectors import person_find

        officer = get_user_model().objects.get(email="privacy.heerde@omzien.test")
        requests = SubjectRequest.objects.visible_to(officer)
        assert requests.filter(closed_at__isnull=False).exists()
        access = requests.get(closed_at__isnull=True)
        found = {
            section["name"]: len(section["matches"])
            for section in person_find(subject_request=access, actor=Actor(user=officer))
        }
        assert found["accounts"] == 1 and found["volunteering"] >= 1

    def test_the_demo_privacy_requests_were_recorded_on_arrival_and_closed_in_time(self):
        from django.utils import timezone

        from omzien.privacy.models import SubjectRequest

        requests = SubjectRequest.objects.filter(municipality__slug="heerde")
        assert requests.count() == 2
        for subject_request in requests:
            assert timezone.localdate(subject_request.created_at) == subject_request.received_on
            if subject_request.closed_at is not None:
                closed_on = timezone.localdate(subject_request.closed_at)
                assert subject_request.received_on < closed_on <= subject_request.deadline_on


def test_load_demo_refuses_without_debug(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError):
        call_command("load_demo", verbosity=0)


def test_readme_lists_every_demo_account_and_totp_secret():
    readme = README.read_text(encoding="utf-8")
    assert DEMO_PASSWORD in readme
    for row in demo_accounts():
        assert row["email"] in readme
        if row["totp"]:
            assert totp_secret_base32(row["email"]) in readme, row["email"]


def test_synthetic_data_is_deterministic(capsys):
    call_command("generate_synthetic", "--scale", "2", "--seed", "7")
    counts = json.loads(capsys.readouterr().out)
    assert counts["users"] == 200
    User = get_user_model()
    first = list(
        User.objects.filter(email__endswith=SYNTHETIC_DOMAIN)
        .order_by("email")
        .values_list("email", "full_name", "memberships__municipality")
    )
    call_command("generate_synthetic", "--scale", "2", "--seed", "7")
    second = list(
        User.objects.filter(email__endswith=SYNTHETIC_DOMAIN)
        .order_by("email")
        .values_list("email", "full_name", "memberships__municipality")
    )
    assert first == second
    assert len(second) == 200
    assert counts["caregivers"] == 2 * 40 * 8  # per municipality
    assert counts["vacancies"] == 2 * 5 * 5 * 8
    assert counts["volunteer_profiles"] == 2 * 125 * 8


def test_every_demo_account_logs_in(client):
    """Password for everyone; the README's TOTP secret for staff (as oathtool would)."""
    from base64 import b32decode

    from django_otp.oath import totp

    from omzien.demo import accounts as demo_accounts_module
    from omzien.tenants.services import reference_data_load

    reference_data_load()
    demo_accounts_module.load()
    for row in demo_accounts():
        client.logout()
        response = client.post(
            "/account/login/",
            {
                "login_view-current_step": "auth",
                "auth-username": row["email"],
                "auth-password": DEMO_PASSWORD,
            },
        )
        if row["totp"]:
            assert response.status_code == 200, row["email"]  # asks for the code
            code = f"{totp(b32decode(totp_secret_base32(row['email']))):06d}"
            response = client.post(
                "/account/login/",
                {"login_view-current_step": "token", "token-otp_token": code},
            )
        assert response.status_code == 302, row["email"]
        assert client.get("/my/").status_code in (200, 302), row["email"]
        if row["totp"]:
            assert client.get("/my/").status_code == 200, row["email"]
