"""The pages: the team's plan and visit pages, the visitor's own list at 375 px, the figures.
Another volunteer's visit and another municipality's answer 404; lists cost the same number of
queries at 1x and 10x."""

import io

import pytest
from django.urls import reverse
from django.utils import timezone

from omzien.accounts.constants import Role
from omzien.homevisits.constants import FollowUp, Status
from omzien.homevisits.models import Visit
from omzien.homevisits.tests.conftest import CSV
from omzien.homevisits.tests.factories import VisitFactory, VisitPlanFactory
from omzien.privacy.models import AuditEvent
from omzien.testing.login import login_verified
from omzien.volunteering.tests.factories import VolunteerProfileFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def volunteer_client(client, volunteer):
    client.force_login(volunteer)
    return client


def test_the_worker_imports_a_list_trial_first(
    worker_client, plan, django_capture_on_commit_callbacks
):
    url = reverse("homevisits:import", kwargs={"pk": plan.pk})
    for dry_run, visits in ((True, 0), (False, 2)):
        upload = io.BytesIO(CSV.encode())
        upload.name = "adressen.csv"
        data = {"file": upload, **({"dry_run": "on"} if dry_run else {})}
        with django_capture_on_commit_callbacks(execute=True):
            response = worker_client.post(url, data)
        assert response.status_code == 302
        response = worker_client.get(response["Location"])
        assert response.context["result"].created == 2
        assert response.context["result"].dry_run is dry_run
        assert Visit.objects.filter(plan=plan).count() == visits


def test_the_volunteer_sees_only_their_own_visits(volunteer_client, volunteer, plan, heerde):
    mine = VisitFactory(plan=plan, status=Status.ASSIGNED, assigned_to=volunteer)
    other = VisitFactory(plan=plan, status=Status.ASSIGNED, assigned_to=VolunteerProfileFactory(
        municipality=heerde).user)  # fmt: skip
    response = volunteer_client.get(reverse("homevisits:mine"))
    assert [v.pk for v in response.context["todo"]] == [mine.pk]
    assert (
        volunteer_client.get(reverse("homevisits:mine_record", kwargs={"pk": other.pk})).status_code
        == 404
    )
    assert AuditEvent.objects.filter(reason="my home visits").exists()


def test_another_municipalitys_visit_answers_404(volunteer_client, worker_client, dalfsen):
    elsewhere = VisitFactory(plan=VisitPlanFactory(municipality=dalfsen), status=Status.HELD)
    assert (
        worker_client.get(reverse("homevisits:visit", kwargs={"pk": elsewhere.pk})).status_code
        == 404
    )
    assert (
        worker_client.get(reverse("homevisits:plan", kwargs={"pk": elsewhere.plan_id})).status_code
        == 404
    )


def test_the_volunteer_records_the_visit_in_a_few_taps(volunteer_client, volunteer, plan):
    visit = VisitFactory(plan=plan, status=Status.ASSIGNED, assigned_to=volunteer)
    url = reverse("homevisits:mine_record", kwargs={"pk": visit.pk})
    today = timezone.localdate()
    response = volunteer_client.post(
        url,
        {
            "seen": "assigned",
            "result": "held",
            "visited_on": today.isoformat(),
            "topics": ["loneliness", "activities"],
            "follow_up": "concern",
            "follow_up_wishes": "Graag een maatje.",
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    visit.refresh_from_db()
    assert (visit.status, visit.follow_up) == (Status.HELD, FollowUp.CONCERN)
    # Recorded once: the page says so rather than showing the form again.
    assert volunteer_client.get(url).templates[0].name == "homevisits/mine_done.html"


def test_a_form_error_is_shown_on_the_volunteers_page(volunteer_client, volunteer, plan):
    visit = VisitFactory(plan=plan, status=Status.ASSIGNED, assigned_to=volunteer)
    url = reverse("homevisits:mine_record", kwargs={"pk": visit.pk})
    response = volunteer_client.post(url, {"seen": "assigned"})
    assert response.status_code == 200
    assert "result" in response.context["form"].errors


def test_assign_several_visits_at_once(worker_client, plan, volunteer):
    visits = VisitFactory.create_batch(3, plan=plan)
    response = worker_client.post(
        reverse("homevisits:assign_many", kwargs={"pk": plan.pk}),
        {"visits": [visits[0].pk, visits[2].pk], "assignee": volunteer.pk},
    )
    assert response.status_code == 302
    assert set(Visit.objects.filter(assigned_to=volunteer).values_list("pk", flat=True)) == {
        visits[0].pk,
        visits[2].pk,
    }


def _queries(client, url, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context)


@pytest.mark.parametrize("page", ["plan", "mine", "plans"])
def test_lists_cost_the_same_at_1x_and_10x(
    page, worker, volunteer, heerde, client, django_assert_max_num_queries
):
    plan = VisitPlanFactory(municipality=heerde)
    urls = {
        "plan": reverse("homevisits:plan", kwargs={"pk": plan.pk}),
        "mine": reverse("homevisits:mine"),
        "plans": reverse("homevisits:plans"),
    }
    if page == "mine":
        client.force_login(volunteer)
    else:
        login_verified(client, worker)

    def grow(n):
        for _ in range(n):
            VisitFactory(plan=plan)
            VisitFactory(plan=plan, status=Status.ASSIGNED, assigned_to=volunteer)
            VisitFactory(plan=plan, status=Status.HELD, assigned_to=volunteer,
                         visited_on=timezone.localdate())  # fmt: skip
            VisitPlanFactory(municipality=heerde)

    grow(1)
    once = _queries(client, urls[page], django_assert_max_num_queries)
    grow(9)
    assert _queries(client, urls[page], django_assert_max_num_queries) == once


def test_the_figures_page_for_a_policy_advisor(client, make_member, heerde):
    advisor = make_member(Role.POLICY_ADVISOR, heerde, totp=True)
    login_verified(client, advisor)
    response = client.get(reverse("homevisits:figures"))
    assert response.status_code == 200
    assert len(response.context["measures"]) == 5


def test_the_worker_refers_the_resident_from_the_visit_page(worker_client, plan):
    visit = VisitFactory(
        plan=plan,
        status=Status.HELD,
        name="mevrouw G. Jansen",
        postcode="8181 AA",
        phone="0578123456",
        visited_on=timezone.localdate(),
        follow_up=FollowUp.CARER_CONSULTANT,
        follow_up_wishes="Wil praten over de zorg voor haar man.",
    )
    page = reverse("homevisits:visit", kwargs={"pk": visit.pk})
    url = reverse("homevisits:follow_up_referral", kwargs={"pk": visit.pk})
    assert url in worker_client.get(page).content.decode()
    form = worker_client.get(url).context["form"]
    assert (form.initial["first_name"], form.initial["last_name"]) == ("G.", "Jansen")
    assert form.initial["reason"].startswith("Wil")
    data = {**{k: v for k, v in form.initial.items() if v is not None}, "consent_confirmed": ""}
    assert worker_client.post(url, data).status_code == 200  # consent missing: the form again
    response = worker_client.post(url, {**data, "consent_confirmed": "on"})
    assert response["Location"] == page
    body = worker_client.get(page).content.decode()
    assert "Doorverwijzing naar de mantelzorgconsulenten" in body and url not in body
