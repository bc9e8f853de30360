from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TenantsConfig(AppConfig):
    name = "omzien.tenants"
    verbose_name = _("Municipalities and regions")

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save

        from omzien.tenants import reference
        from omzien.tenants.models import Locality, Municipality, Postcode, Region

        # The cached reference data (public searches, a postcode's village) follows every change.
        for model in (Region, Municipality, Locality, Postcode):
            for signal in (post_save, post_delete):
                signal.connect(reference.forget, sender=model, dispatch_uid=f"reference-{model}")

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
