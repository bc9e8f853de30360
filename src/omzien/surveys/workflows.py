"""The status workflow of a needs survey, on the shared workflow abstraction.

A survey is built as a draft (only then may its questions change), opened (its link takes
responses) and closed (the link stops; the results stay). A survey opened by mistake before
anyone answered may go back to draft; once closed it stays closed. The staff who run surveys
in the survey's municipality take the steps.
"""

from django.utils.translation import gettext_lazy as _

from omzien.common.workflow import Step, Workflow
from omzien.surveys.constants import Status
from omzien.surveys.models import RUNNERS, Survey, SurveyTransition

RUNNER = "runner"

__all__ = ["RUNNER", "SURVEY", "may_run"]


def may_run(survey: Survey, user) -> bool:
    return user.has_role_in(survey.municipality_id, *RUNNERS)


SURVEY = Workflow(
    model=Survey,
    log=SurveyTransition,
    log_parent="survey",
    parties={RUNNER: may_run},
    steps=[
        Step(Status.DRAFT, Status.OPEN, RUNNER, _("Open the survey")),
        Step(Status.OPEN, Status.DRAFT, RUNNER, _("Back to draft")),
        Step(Status.OPEN, Status.CLOSED, RUNNER, _("Close the survey")),
    ],
    refused=_("A survey that is “%(from)s” cannot become “%(to)s”."),
)
