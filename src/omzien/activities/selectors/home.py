"""Where the calendar shows outside its own pages: the home page block (the next dates near
the visitor's village) and "Mijn Omzien" (a resident's coming sign-ups). Both run a fixed
number of queries."""

from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from omzien.accounts.constants import Role
from omzien.activities import constants
from omzien.activities.models import SignUp
from omzien.activities.selectors.calendar import public_occurrences
from omzien.tenants.models import Locality
from omzien.ui.homepage import Block
from omzien.ui.startpage import Section, Todo
from omzien.volunteering.constants import OrganisationStatus
from omzien.volunteering.models import Organisation

# The village a visitor picked on the home page (kept in the session).
VILLAGE_SESSION_KEY = "activities_village"
VILLAGE_PARAM = "kern"


def chosen_village(request) -> Locality | None:
    """The village from ``?kern=`` (remembered in the session) or from the session; '' or an
    unknown value clears the choice (the whole region)."""
    session = getattr(request, "session", None)
    raw = request.GET.get(VILLAGE_PARAM)
    if raw is not None:
        pk = int(raw) if raw.isdigit() and len(raw) < 10 else None
        if session is not None:
            if pk:
                session[VILLAGE_SESSION_KEY] = pk
            else:
                session.pop(VILLAGE_SESSION_KEY, None)
    else:
        pk = session.get(VILLAGE_SESSION_KEY) if session is not None else None
    if not pk:
        return None
    return Locality.objects.select_related("municipality").filter(pk=pk).first()


def home_block(request) -> Block | None:
    """The next dates (at most five) in the chosen village's municipality, that village's
    first; all municipalities when none is chosen. Three queries (villages, dates, groups)."""
    village = chosen_village(request)
    qs = public_occurrences(with_taken=False).filter(
        starts_at__gte=timezone.now(), cancelled_at__isnull=True
    )
    if village is not None:
        qs = qs.filter(activity__municipality_id=village.municipality_id)
    dates = list(qs[: constants.HOME_LIMIT * 4])
    if village is not None:
        # Nearby first: the village itself, then the rest of its municipality, each by date.
        dates.sort(key=lambda o: (o.activity.locality_id != village.pk, o.starts_at))
    villages = list(
        Locality.objects.select_related("municipality")
        .filter(municipality__is_active=True)
        .order_by("municipality__name", "name")
    )
    return Block(
        template="activities/home/block.html",
        context={"dates": dates[: constants.HOME_LIMIT], "village": village, "villages": villages},
        order=50,
    )


def _when(occurrence) -> str:
    start = timezone.localtime(occurrence.starts_at)
    return f"{formats.date_format(start, 'l j F')} {start:%H:%M}"


def my_signups_section(user) -> list[Section]:
    """A resident's coming sign-ups, each linking to the page where they can cancel (one
    query); for an organisation member, the activity pages of their approved organisations
    (one query). Nothing, and no query, for other roles."""
    if not user.is_authenticated:
        return []
    sections = []
    if user.has_role(Role.ORGANISATION_MEMBER):
        organisations = list(
            Organisation.objects.owned_by(user)
            .filter(status=OrganisationStatus.APPROVED)
            .order_by("name", "pk")
        )
        if organisations:
            todos = [
                Todo(
                    label=_("Activities of %(name)s") % {"name": o.name},
                    url=reverse("activities:org_list", args=[o.pk]),
                )
                for o in organisations
            ]
            sections.append(Section(title=gettext_lazy("Activity calendar"), todos=todos, order=61))
    if not user.has_role(Role.RESIDENT):
        return sections
    signups = list(
        SignUp.objects.owned_by(user)
        .filter(status__in=constants.ACTIVE, occurrence__starts_at__gte=timezone.now())
        .select_related("occurrence__activity")
        .order_by("occurrence__starts_at", "pk")[:10]
    )
    if not signups:
        return sections
    mine = reverse("activities_public:mine")
    todos = [
        Todo(
            label=f"{s.occurrence.activity.title}, {_when(s.occurrence)}",
            url=mine,
            hint=_("On the waiting list") if s.status == constants.SignUpStatus.WAITING else "",
        )
        for s in signups
    ]
    return [Section(title=gettext_lazy("My activities"), todos=todos, order=60), *sections]
