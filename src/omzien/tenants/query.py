"""The one mechanism that narrows querysets to what a user may see.

Every model that holds personal data of a municipality uses :class:`TenantQuerySet` and says
which roles may see its rows (``visible_roles``) and, where a resident owns a row, which field
points at that user (``owner_field``). Views call ``Model.objects.visible_to(request.user)``
and never filter by municipality by hand.
"""

from django.db import models
from django.db.models import Q
from django.shortcuts import get_object_or_404


class TenantQuerySet(models.QuerySet):
    def visible_to(self, user) -> "TenantQuerySet":
        if user is None or not user.is_authenticated or not user.is_active:
            return self.none()
        if user.is_superuser:
            return self
        model = self.model
        condition = Q(pk__in=[])
        roles = getattr(model, "visible_roles", ())
        municipality_ids = user.municipality_ids_for(roles) if roles else set()
        if municipality_ids:
            condition |= Q(**{f"{model.tenant_field}__in": sorted(municipality_ids)})
        owner_field = getattr(model, "owner_field", None)
        if owner_field and "__" in owner_field:
            # Across a relation (e.g. an organisation's members) a join would repeat a row
            # once per matching member; a subquery keeps each row once.
            owned = model._default_manager.filter(**{owner_field: user}).values("pk")
            condition |= Q(pk__in=owned)
        elif owner_field:
            condition |= Q(**{owner_field: user})
        return self.filter(condition)

    def in_municipality(self, municipality) -> "TenantQuerySet":
        return self.filter(**{self.model.tenant_field: municipality})


def get_visible_or_404(queryset_or_model, user, **lookup):
    """The one row ``lookup`` finds among those ``user`` may see, else 404.

    Missing and forbidden answer the same, so a page never tells that a record exists in
    another municipality or organisation.
    """
    queryset = queryset_or_model
    if isinstance(queryset_or_model, type):
        queryset = queryset_or_model._default_manager.all()
    return get_object_or_404(queryset.visible_to(user), **lookup)
