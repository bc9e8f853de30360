"""What the functional administrator finds on their start page (``ui.startpage``): the staff
invitations not yet accepted (pending, and expired ones to send again) and the settings of
each municipality they administer. One count query, whatever the number of invitations."""

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from omzien.accounts.constants import Role
from omzien.accounts.models import StaffInvitation
from omzien.ui.startpage import Section, Todo


def todos_for(user) -> list[Section]:
    municipalities = user.municipalities([Role.MUNICIPALITY_ADMIN])
    if not municipalities:
        return []
    now = timezone.now()
    counts = StaffInvitation.objects.filter(
        municipality__in=[m.pk for m in municipalities],
        accepted_at__isnull=True,
        cancelled_at__isnull=True,
    ).aggregate(
        pending=Count("pk", filter=Q(expires_at__gt=now)),
        expired=Count("pk", filter=Q(expires_at__lte=now)),
    )
    staff = reverse("accounts:staff_list")
    if len(municipalities) == 1:
        staff = f"{staff}?municipality={municipalities[0].pk}"
    todos = [
        Todo(
            _("Staff invitations not yet accepted"),
            f"{staff}#invitations",
            counts["pending"],
            _("Send one again when the person lost the e-mail, or cancel it."),
        ),
        Todo(
            _("Expired staff invitations to send again"),
            f"{staff}#invitations",
            counts["expired"],
            _("Or cancel them when the person no longer needs the role."),
        ),
    ]
    for municipality in municipalities:
        todos.append(
            Todo(
                _("Settings of %(municipality)s") % {"municipality": municipality.name}
                if len(municipalities) > 1
                else _("Settings of the municipality"),
                reverse("tenants:settings", args=[municipality.pk]),
                hint=_("Texts, contact details, logo and colour of your municipality."),
            )
        )
    return [Section(title=_("Administration"), order=75, todos=todos)]
