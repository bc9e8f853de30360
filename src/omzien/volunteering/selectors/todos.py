"""What the volunteer platform asks of a user on their start page (``ui.startpage``): counts
only, a fixed number of queries per role."""

from datetime import timedelta

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from omzien.accounts.constants import Role
from omzien.ui.startpage import Section, Todo
from omzien.volunteering import constants
from omzien.volunteering.models import (
    CheckIn,
    HoursEntry,
    Organisation,
    Placement,
    Vacancy,
    VacancyResponse,
    VolunteerProfile,
)
from omzien.volunteering.permissions import BROKER_ROLES
from omzien.volunteering.selectors.queue import NEW_VOLUNTEER_DAYS, UNANSWERED_DAYS

STARTING_DAYS = 14  # a placement starting within two weeks is on the organisation's page
EXPIRING_DAYS = 14  # a vacancy whose publication ends within two weeks


def _broker(user) -> list[Section]:
    now = timezone.now()
    today = timezone.localdate(now)
    queue = reverse("volunteering:work_queue")
    organisations = (
        Organisation.objects.visible_to(user)
        .filter(status=constants.OrganisationStatus.PENDING)
        .count()
    )
    vacancies = (
        Vacancy.objects.visible_to(user)
        .filter(status=constants.VacancyStatus.AWAITING_REVIEW)
        .count()
    )
    unanswered = (
        VacancyResponse.objects.visible_to(user)
        .filter(
            status=constants.ResponseStatus.OPEN,
            created_at__lt=now - timedelta(days=UNANSWERED_DAYS),
        )
        .count()
    )
    check_ins = CheckIn.objects.filter(
        placement__in=Placement.objects.visible_to(user).values("pk"),
        due_on__lte=today,
        done_on__isnull=True,
    ).count()
    new_volunteers = (
        VolunteerProfile.objects.visible_to(user)
        .filter(created_at__gte=now - timedelta(days=NEW_VOLUNTEER_DAYS), welcomed_at__isnull=True)
        .count()
    )
    return [
        Section(
            title=_("Volunteer work"),
            order=20,
            todos=[
                Todo(_("Organisations to review"), f"{queue}#q-org", organisations),
                Todo(
                    _("Vacancies to review"),
                    reverse("volunteering:vacancy_review_list"),
                    vacancies,
                ),
                Todo(
                    _("Responses unanswered for more than 7 days"),
                    f"{queue}#q-unanswered",
                    unanswered,
                ),
                Todo(_("Placements that need a check-in"), f"{queue}#q-checkins", check_ins),
                Todo(_("New volunteers to welcome"), f"{queue}#q-new", new_volunteers),
            ],
        )
    ]


def _member(user) -> list[Section]:
    today = timezone.localdate()
    waiting = (
        VacancyResponse.objects.for_organisation_member(user)
        .filter(status=constants.ResponseStatus.OPEN)
        .count()
    )
    starting = (
        Placement.objects.filter(
            vacancy__organisation__in=Organisation.objects.owned_by(user).values("pk"),
            status=constants.PlacementStatus.PLANNED,
        )
        .filter(Q(start_date__isnull=True) | Q(start_date__lte=today + timedelta(STARTING_DAYS)))
        .count()
    )
    expiring = Vacancy.objects.filter(
        organisation__in=Organisation.objects.owned_by(user).values("pk"),
        status=constants.VacancyStatus.PUBLISHED,
        publish_until__isnull=False,
        publish_until__lte=today + timedelta(EXPIRING_DAYS),
    ).count()
    hours = HoursEntry.objects.filter(
        placement__vacancy__organisation__in=Organisation.objects.owned_by(user).values("pk"),
        status=constants.HoursStatus.SUBMITTED,
    ).count()
    mine = reverse("volunteering:vacancy_mine")
    return [
        Section(
            title=_("Your organisation"),
            order=40,
            todos=[
                Todo(
                    _("Responses waiting for your answer"),
                    reverse("volunteering:response_waiting"),
                    waiting,
                ),
                Todo(
                    _("Placements starting soon or without a start date"),
                    mine,
                    starting,
                    _("Agree the start with the volunteer and confirm it."),
                ),
                Todo(
                    _("Hours to approve"),
                    reverse("volunteering:hours_inbox"),
                    hours,
                    _("Hours your volunteers logged."),
                ),
                Todo(
                    _("Vacancies whose publication ends within two weeks"),
                    mine,
                    expiring,
                    _("Extend them, or close them when they are filled."),
                ),
            ],
        )
    ]


def _resident(user) -> list[Section]:
    profile = VolunteerProfile.objects.owned_by(user).values("pk").first()
    if profile is None:
        return [
            Section(
                title=_("Volunteer work"),
                order=50,
                todos=[
                    Todo(
                        _("Find volunteer work near you"),
                        reverse("volunteering:vacancy_search"),
                        hint=_("Or make a volunteer profile, and we suggest work that suits you."),
                    ),
                    Todo(_("Make your volunteer profile"), reverse("volunteering:profile_mine")),
                ],
            )
        ]
    # The volunteer's own responses (owned_by is the organisation's rule for responses).
    counts = VacancyResponse.objects.filter(profile__user=user).aggregate(
        open=Count(
            "pk",
            filter=Q(
                status__in=[
                    constants.ResponseStatus.PROPOSED,
                    constants.ResponseStatus.OPEN,
                    constants.ResponseStatus.INTRODUCTION,
                ]
            ),
        ),
        proposed=Count("pk", filter=Q(status=constants.ResponseStatus.PROPOSED)),
        placed=Count(
            "placement",
            filter=Q(
                placement__status__in=[
                    constants.PlacementStatus.PLANNED,
                    constants.PlacementStatus.RUNNING,
                ]
            ),
        ),
    )
    responses = reverse("volunteering:response_mine")
    todos = [
        Todo(
            _("Proposals from the volunteer centre to answer"),
            responses,
            counts["proposed"],
        ),
        Todo(_("Your responses in progress"), responses, counts["open"]),
        Todo(_("Your volunteer work"), responses, counts["placed"]),
    ]
    if counts["placed"]:
        todos.append(
            Todo(
                _("Log your hours"),
                reverse("volunteering:hours_mine"),
                hint=_("The organisation approves them."),
            )
        )
    if not counts["open"] and not counts["placed"]:
        todos.append(
            Todo(
                _("Find volunteer work near you"),
                reverse("volunteering:vacancy_search"),
                hint=_("Your suggestions are on your volunteer profile."),
            )
        )
    return [Section(title=_("Volunteer work"), order=50, todos=todos)]


def todos_for(user) -> list[Section]:
    sections = []
    if user.has_role(*BROKER_ROLES):
        sections += _broker(user)
    if user.has_role(Role.ORGANISATION_MEMBER):
        sections += _member(user)
    if user.has_role(Role.RESIDENT):
        sections += _resident(user)
    return sections
