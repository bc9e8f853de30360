"""The one mechanism that narrows querysets to what a user may see, by two separate rules.

Every model that holds personal data of a municipality uses :class:`TenantQuerySet` and says
which roles may see its rows (``visible_roles``) and, where a resident owns a row, which field
points at that user (``owner_field``). The two never combine:

- the **staff rule**, :meth:`TenantQuerySet.visible_to`: the rows of the municipalities where
  the user holds one of ``visible_roles``. Every staff page (consultant, broker, ...) reads
  through it and through :func:`get_visible_or_404`. Owning a row gives no access here: a
  consultant of Heerde who registered as a carer in Dalfsen reaches that registration through
  the carer's own pages, never through the consultant's pages.
- the **owner rule**, :meth:`TenantQuerySet.owned_by`: the rows the user owns through
  ``owner_field``. The pages of one's own records (a carer's registration, a volunteer's
  profile, a referrer's referrals) read through it and through :func:`get_owned_or_404`. A
  staff role gives no access here.

Views never filter by municipality by hand.
"""

from django.db import models
from django.shortcuts import get_object_or_404


def _active(user) -> bool:
    return user is not None and user.is_authenticated and user.is_active


class TenantQuerySet(models.QuerySet):
    def visible_to(self, user) -> "TenantQuerySet":
        """The staff rule: rows of the municipalities where ``user`` holds one of the model's
        ``visible_roles`` (everything for a superuser). Never the rows the user owns."""
        if not _active(user):
            return self.none()
        if user.is_superuser:
            return self
        model = self.model
        roles = getattr(model, "visible_roles", ())
        municipality_ids = user.municipality_ids_for(roles) if roles else set()
        if not municipality_ids:
            return self.none()
        return self.filter(**{f"{model.tenant_field}__in": sorted(municipality_ids)})

    def owned_by(self, user) -> "TenantQuerySet":
        """The owner rule: rows ``user`` owns through the model's ``owner_field``, whatever
        roles the user holds (a superuser owns no more than anyone else)."""
        owner_field = getattr(self.model, "owner_field", None)
        if not owner_field or not _active(user):
            return self.none()
        if "__" in owner_field:
            # Across a relation (e.g. an organisation's members) a join would repeat a row
            # once per matching member; a subquery keeps each row once.
            owned = self.model._default_manager.filter(**{owner_field: user}).values("pk")
            return self.filter(pk__in=owned)
        return self.filter(**{owner_field: user})

    def in_municipality(self, municipality) -> "TenantQuerySet":
        return self.filter(**{self.model.tenant_field: municipality})


def _queryset(queryset_or_model):
    if isinstance(queryset_or_model, type):
        return queryset_or_model._default_manager.all()
    return queryset_or_model


def get_visible_or_404(queryset_or_model, user, **lookup):
    """For staff pages: the one row ``lookup`` finds among those ``user`` may see by the staff
    rule (:meth:`TenantQuerySet.visible_to`), else 404.

    Missing and forbidden answer the same, so a page never tells that a record exists in
    another municipality or organisation.
    """
    return get_object_or_404(_queryset(queryset_or_model).visible_to(user), **lookup)


def get_owned_or_404(queryset_or_model, user, **lookup):
    """For the pages of one's own records: the one row ``lookup`` finds among those ``user``
    owns (:meth:`TenantQuerySet.owned_by`), else 404, also for a row another user owns."""
    return get_object_or_404(_queryset(queryset_or_model).owned_by(user), **lookup)
