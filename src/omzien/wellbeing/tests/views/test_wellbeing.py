"""The wellbeing views: the resident's one-time link, the referrer's list, the worker's pages."""

import pytest
from django.urls import reverse

from omzien.accounts.constants import Role
from omzien.accounts.tests.factories import MembershipFactory
from omzien.common.services import Actor
from omzien.testing.login import login_verified
from omzien.wellbeing import constants, services
from omzien.wellbeing.models import Measurement
from omzien.wellbeing.tests.conftest import REFERRAL
from omzien.wellbeing.tests.factories import TrajectoryFactory, answers_for

pytestmark = pytest.mark.django_db


def _link(worker, heerde) -> str:
    trajectory = TrajectoryFactory(participant__municipality=heerde)
    _invitation, link = services.measurement_invite(
        trajectory=trajectory, version=6, moment=constants.Moment.MONTH_3, actor=Actor(worker)
    )
    return "/" + link.split("/", 3)[3]


def test_the_link_takes_the_answers_once(client, worker, heerde):
    path = _link(worker, heerde)
    page = client.get(path)
    assert page.status_code == 200
    assert "Ik ervaar een leegte om me heen" in page.content.decode()
    answers = {f"item_{n}": a for n, a in answers_for(6, 2).items()}
    assert client.post(path, answers).url == reverse("wellbeing:questionnaire_thanks")
    assert Measurement.objects.get().total == 2
    again = client.post(path, answers)
    assert again.status_code == 410
    assert "al ingevuld" in again.content.decode()
    assert Measurement.objects.count() == 1
    assert client.get("/welzijn/vragenlijst/onzin/").status_code == 404


def test_the_resident_must_answer_every_question(client, worker, heerde):
    path = _link(worker, heerde)
    answers = {f"item_{n}": a for n, a in answers_for(6, 2).items()}
    del answers["item_3"]
    page = client.post(path, answers)
    assert page.status_code == 200
    assert 'aria-invalid="true"' in page.content.decode()
    assert not Measurement.objects.exists()


def test_the_referrer_sees_status_and_outcome_only(client, referrer, heerde):
    services.referral_submit(municipality=heerde, submitted_by=referrer, data=dict(REFERRAL))
    login_verified(client, referrer)
    page = client.get(reverse("wellbeing:referral_mine")).content.decode()
    assert "Intake" in page and "Huisartsenpraktijk Veluwezoom" in page
    assert "Gerda" not in page and "weinig buiten" not in page


def test_a_stale_intake_is_refused_on_the_form(client, worker, heerde):
    trajectory = TrajectoryFactory(participant__municipality=heerde)
    login_verified(client, worker)
    data = {"seen": "intake", "intake_on": "2026-01-05", "goals": "Wandelen"}
    services.trajectory_close(
        trajectory=trajectory, outcome=constants.Outcome.DECLINED, actor=Actor(worker)
    )
    page = client.post(reverse("wellbeing:trajectory_intake", args=[trajectory.pk]), data)
    assert page.status_code == 200
    assert "Iemand anders heeft dit al veranderd" in page.content.decode()
    trajectory.refresh_from_db()
    assert trajectory.status == constants.Status.CLOSED


def test_the_list_of_a_worker_of_two_municipalities_says_whose_each_resident_is(
    client, worker, heerde, dalfsen
):
    TrajectoryFactory(participant__municipality=dalfsen, participant__name="Dalfsenaar")
    login_verified(client, worker)
    assert ">Gemeente</th>" not in client.get(reverse("wellbeing:trajectory_list")).text
    MembershipFactory(user=worker, municipality=dalfsen, role=Role.WELFARE_WORKER)
    html = client.get(reverse("wellbeing:trajectory_list")).text
    assert ">Gemeente</th>" in html
    row = html.split("Dalfsenaar", 1)[1].split("</tr>", 1)[0]
    assert '<td class="utrecht-table__cell">Dalfsen</td>' in row
