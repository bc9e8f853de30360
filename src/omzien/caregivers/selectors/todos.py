"""What the carer registry asks of a user on their start page (``ui.startpage``): counts only,
a fixed number of queries per role."""

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from omzien.accounts.constants import Role
from omzien.caregivers import constants
from omzien.caregivers.models import BurdenWarning, Caregiver, IncomingReferral
from omzien.caregivers.permissions import consultant_municipalities
from omzien.ui.startpage import Section, Todo


def _consultant(user) -> list[Section]:
    today = timezone.localdate()
    carers = (
        Caregiver.objects.visible_to(user)
        .registered()
        .filter(status=constants.CaregiverStatus.ACTIVE)
        .aggregate(
            unassigned=Count("pk", filter=Q(consultant__isnull=True)),
            overdue=Count("pk", filter=Q(consultant=user, next_contact_on__lt=today)),
        )
    )
    incoming = (
        IncomingReferral.objects.visible_to(user)
        .filter(status=constants.IncomingStatus.NEW)
        .count()
    )
    warnings = (
        BurdenWarning.objects.visible_to(user)
        .filter(resolved_at__isnull=True, caregiver__anonymised_at__isnull=True)
        .filter(
            Q(assigned_to=user)
            | Q(caregiver__consultant=user)
            | Q(assigned_to__isnull=True, caregiver__consultant__isnull=True)
        )
        .count()
    )
    return [
        Section(
            title=_("Carer support"),
            order=10,
            todos=[
                Todo(
                    _("New carers without a consultant"),
                    reverse("caregivers:unassigned"),
                    carers["unassigned"],
                    _(
                        "Registered themselves, imported or referred: get in touch and take "
                        "them on."
                    ),
                ),
                Todo(
                    _("Incoming referrals to handle"),
                    reverse("caregivers:incoming_list"),
                    incoming,
                ),
                Todo(
                    _("Open early warnings of your carers"),
                    reverse("caregivers:alerts"),
                    warnings,
                    _("A screening showed a heavy burden: contact the carer."),
                ),
                Todo(_("Contacts overdue"), reverse("caregivers:caseload"), carers["overdue"]),
            ],
        )
    ]


def _referrer(user) -> list[Section]:
    counts = IncomingReferral.objects.owned_by(user).aggregate(
        waiting=Count("pk", filter=Q(status=constants.IncomingStatus.NEW)),
        handled=Count("pk", filter=~Q(status=constants.IncomingStatus.NEW)),
    )
    return [
        Section(
            title=_("Your referrals"),
            order=30,
            todos=[
                Todo(
                    _("Referrals not yet taken on"),
                    reverse("caregivers:my_referrals"),
                    counts["waiting"],
                    _("A consultant of the municipality gets in touch with the carer."),
                ),
                Todo(
                    _("Refer a carer"),
                    reverse("caregivers:refer"),
                    hint=_("Someone who cares for another and could use support?"),
                ),
            ],
        )
    ]


def _resident(user) -> list[Section]:
    registration = (
        Caregiver.objects.owned_by(user)
        .filter(anonymised_at__isnull=True, merged_into__isnull=True)
        .values("consultant_id")
        .first()
    )
    if registration is None:
        return []
    hint = (
        _("A carer consultant supports you.")
        if registration["consultant_id"]
        else _("Registered: a carer consultant of your municipality will contact you.")
    )
    return [
        Section(
            title=_("Informal care"),
            order=60,
            todos=[Todo(_("My carer registration"), reverse("carer:mine"), hint=hint)],
        )
    ]


def _figures_and_settings(user) -> list[Section]:
    todos = []
    if user.has_role(Role.POLICY_ADVISOR):
        todos.append(
            Todo(
                _("Carer figures"),
                reverse("caregivers:figures"),
                hint=_("Registered carers, burden and referrals per period, for your reports."),
            )
        )
    if user.has_role(Role.MUNICIPALITY_ADMIN):
        todos.append(
            Todo(
                _("Carer settings"),
                reverse("caregivers:settings"),
                hint=_("Contact intervals and the thresholds of the early warnings."),
            )
        )
    return [Section(title=_("Informal care"), order=70, todos=todos)] if todos else []


def todos_for(user) -> list[Section]:
    sections = []
    if consultant_municipalities(user):
        sections += _consultant(user)
    sections += _figures_and_settings(user)
    if user.has_role(Role.REFERRER):
        sections += _referrer(user)
    if user.has_role(Role.RESIDENT):
        sections += _resident(user)
    return sections
