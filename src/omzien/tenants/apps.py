from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TenantsConfig(AppConfig):
    name = "omzien.tenants"
    verbose_name = _("Municipalities and regions")

    def ready(self) -> None:
        # The audit trail links changes of a municipality's texts to their page.
        from omzien.privacy.links import register_link

        register_link(
            "tenants.municipality",
            "tenants:settings",
            kwargs=lambda event: {"municipality_id": int(event.object_id)},
            visible=_administered,
        )


def _administered(viewer, events) -> set[int]:
    from omzien.accounts.selectors import admin_municipalities

    administered = {str(m.pk) for m in admin_municipalities(viewer)}
    return {event.pk for event in events if event.object_id in administered}
