"""The volunteering rules on top of ``tenants.query.TenantQuerySet``.

An organisation sees a response only once the volunteer agreed to send it
(``VacancyResponse.sent_to_organisation``): a volunteer's own response is sent when it is made;
a broker's proposal only when the volunteer (or the broker for an assisted volunteer) agrees.
A proposal the volunteer said no to never reaches the organisation, nor does its status log.
Every page, count and export of an organisation reads responses through
:meth:`VacancyResponseQuerySet.for_organisation_member` or :meth:`~VacancyResponseQuerySet.sent`.
"""

from django.db.models import Q

from omzien.tenants.query import TenantQuerySet


class VacancyResponseQuerySet(TenantQuerySet):
    def sent(self) -> "VacancyResponseQuerySet":
        """Only the responses the volunteer agreed to send to the organisation."""
        return self.filter(sent_to_organisation=True)

    def for_organisation_member(self, user) -> "VacancyResponseQuerySet":
        """The sent responses to vacancies of the organisations ``user`` is a member of."""
        if user is None or not user.is_authenticated or not user.is_active:
            return self.none()
        members = self.model._default_manager.filter(
            vacancy__organisation__members__user=user
        ).values("pk")
        return self.sent().filter(pk__in=members)


class ResponseTransitionQuerySet(TenantQuerySet):
    def visible_to(self, user) -> "ResponseTransitionQuerySet":
        """Brokers of the municipality (``visible_roles``), and the organisation's members for
        the responses sent to them only: never the log of a proposal the volunteer said no to."""
        visible = super().visible_to(user)
        if user is None or not user.is_authenticated or not user.is_active or user.is_superuser:
            return visible
        from omzien.volunteering.models import VacancyResponse

        sent = VacancyResponse.objects.for_organisation_member(user).values("pk")
        return self.filter(Q(pk__in=visible.values("pk")) | Q(response__in=sent))
