"""The volunteering rules on top of ``tenants.query.TenantQuerySet``.

An organisation sees a response only once the volunteer agreed to send it
(``VacancyResponse.sent_to_organisation``): a volunteer's own response is sent when it is made;
a broker's proposal only when the volunteer (or the broker for an assisted volunteer) agrees.
A proposal the volunteer said no to never reaches the organisation, nor does its status log.
Every page, count and export of an organisation reads responses through
:meth:`VacancyResponseQuerySet.for_organisation_member` or :meth:`~VacancyResponseQuerySet.sent`.
"""

from omzien.tenants.query import TenantQuerySet

NAME_WORDS_MAX = 4


class VolunteerProfileQuerySet(TenantQuerySet):
    def name_search(self, q: str) -> "VolunteerProfileQuerySet":
        """Profiles whose name holds every word of ``q`` (at most four words): "jan berg"
        finds "Jan van den Berg"."""
        qs = self
        for word in (q or "").split()[:NAME_WORDS_MAX]:
            qs = qs.filter(full_name__icontains=word)
        return qs


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

    def owned_by(self, user) -> "VacancyResponseQuerySet":
        """The owner rule for a response is the organisation's: the sent responses only."""
        return self.for_organisation_member(user)


class ResponseTransitionQuerySet(TenantQuerySet):
    """``visible_to`` (inherited) is the brokers' rule: the logs of their municipality."""

    def owned_by(self, user) -> "ResponseTransitionQuerySet":
        """The organisation's members, for the responses sent to them only: never the log of
        a proposal the volunteer said no to."""
        responses = self.model._meta.get_field("response").related_model._default_manager
        return self.filter(response__in=responses.owned_by(user).values("pk"))
