"""How the authorization walk (ui/tests/access.py) requests the home-visit URLs.

Each side has a plan with one planned visit and one visit assigned to the side's resident (a
volunteer there), held with a follow-up; the visitor's own pages answer 404 for another
volunteer's visit and another municipality's."""

from omzien.accounts.constants import Role
from omzien.accounts.models import Membership
from omzien.common.models import ImportJob
from omzien.homevisits.constants import FollowUp, Status
from omzien.homevisits.tests.factories import VisitFactory, VisitPlanFactory
from omzien.ui.tests.access import Page, action


def build(side) -> None:
    worker = (
        Membership.objects.filter(municipality=side.municipality, role=Role.WELFARE_WORKER)
        .order_by("pk")
        .first()
        .user
    )
    side.visit_plan = VisitPlanFactory(municipality=side.municipality, created_by=worker)
    side.planned_visit = VisitFactory(plan=side.visit_plan)
    side.held_visit = VisitFactory(
        plan=side.visit_plan,
        status=Status.HELD,
        assigned_to=side.resident,
        follow_up=FollowUp.CONCERN,
        follow_up_wishes="Wil graag iemand spreken over eenzaamheid.",
    )
    side.assigned_visit = VisitFactory(
        plan=side.visit_plan, status=Status.ASSIGNED, assigned_to=side.resident
    )
    side.visit_import_job = ImportJob.objects.create(
        kind="homevisits",
        municipality=side.municipality,
        created_by=worker,
        status=ImportJob.Status.DONE,
        summary={"created": 1, "duplicates": 0, "invalid": 0},
        options={"plan": side.visit_plan.pk},
    )


def _plan(side) -> dict:
    return {"pk": side.visit_plan.pk}


def _visit(side) -> dict:
    return {"pk": side.held_visit.pk}


PAGES = {
    "homevisits:plans": Page(),
    "homevisits:plan_new": Page(),
    "homevisits:plan": Page(_plan),
    "homevisits:assign_many": action(_plan),
    "homevisits:import": Page(_plan),
    # An import's report: the worker who started it (not the platform superuser).
    "homevisits:import_job": Page(
        lambda s: {"pk": s.visit_plan.pk, "job": s.visit_import_job.pk}, superuser=404
    ),
    "homevisits:import_template": Page(_plan),  # a download
    "homevisits:figures": Page(),
    "homevisits:visit": Page(_visit),
    "homevisits:visit_assign": Page(lambda s: {"pk": s.planned_visit.pk}),
    "homevisits:visit_record": Page(lambda s: {"pk": s.assigned_visit.pk}),
    "homevisits:visit_plan_again": action(_visit),
    "homevisits:follow_up_concern": Page(_visit),
    "homevisits:follow_up_carer": Page(_visit),
    "homevisits:follow_up_referral": Page(_visit),
    # The visitor's own visits: a resident with visits assigned to them.
    "homevisits:mine": Page(),
    "homevisits:mine_record": Page(lambda s: {"pk": s.assigned_visit.pk}),
}
