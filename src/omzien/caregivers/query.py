from datetime import date

from django.db.models import Q
from django.utils import timezone

from omzien.caregivers.constants import AgeGroup, CaregiverStatus
from omzien.common.dates import years_before
from omzien.common.text import fold
from omzien.tenants.query import TenantQuerySet


def age_group_q(group: str, *, today: date | None = None, prefix: str = "") -> Q:
    """Carers whose age today falls in the group (by date of birth); ``prefix`` ("caregiver__")
    for a model that points to the carer."""
    today = today or timezone.localdate()
    born_18 = years_before(today, 18)
    born_25 = years_before(today, 25)
    field = f"{prefix}date_of_birth"
    if group == AgeGroup.YOUNG:
        return Q(**{f"{field}__gt": born_18})
    if group == AgeGroup.YOUNG_ADULT:
        return Q(**{f"{field}__gt": born_25, f"{field}__lte": born_18})
    if group == AgeGroup.ADULT:
        return Q(**{f"{field}__lte": born_25})
    raise ValueError(group)


class CaregiverQuerySet(TenantQuerySet):
    def registered(self):
        """Not anonymised and not merged away: the registry proper."""
        return self.filter(anonymised_at__isnull=True, merged_into__isnull=True)

    def search(self, q: str, *, words: int = 4):
        """Carers matching every word (at most ``words``) in their name, postcode or e-mail.

        Names are compared on the folded search column with the folded word, so "Sánchez"
        typed on a keyboard finds a name stored with a decomposed accent, on SQLite and
        PostgreSQL alike.
        """
        qs = self
        for word in fold(q).split()[:words]:
            qs = qs.filter(
                Q(search_name__contains=word)
                | Q(postcode__icontains=word)
                | Q(email__icontains=word)
            )
        return qs

    def same_name(self, first_name: str, last_name: str):
        """Carers with this first and last name, as people mean it (see ``fold``)."""
        return self.filter(search_name=fold(f"{first_name} {last_name}"))

    def active(self):
        return self.registered().filter(status=CaregiverStatus.ACTIVE)

    def in_age_group(self, group: str, *, today: date | None = None):
        return self.filter(age_group_q(group, today=today))

    def due_for_retention(self, *, today: date | None = None):
        today = today or timezone.localdate()
        return self.registered().filter(status=CaregiverStatus.AFTERCARE, aftercare_until__lt=today)
