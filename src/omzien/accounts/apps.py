from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "omzien.accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from omzien.accounts.middleware import record_login_time

        user_logged_in.connect(record_login_time, dispatch_uid="omzien_record_login_time")

        # Retention (privacy.retention).
        from omzien.accounts.services import unconfirmed_signups_apply_retention
        from omzien.privacy.retention import register_rule

        register_rule("unconfirmed_signups_apply_retention", unconfirmed_signups_apply_retention)

        from omzien.accounts.services.staff import staff_invitations_apply_retention

        register_rule("staff_invitations_apply_retention", staff_invitations_apply_retention)

        # The audit trail links events about people to the staff administration.
        from omzien.privacy.links import register_link

        register_link(
            "accounts.user",
            "accounts:staff_person",
            kwargs=lambda event: {
                "municipality_id": event.municipality_id,
                "pk": int(event.object_id),
            },
            visible=_people_of_administered,
        )

        # Access, rectification and erasure requests (privacy.rights).
        from omzien.accounts.rights import NAME, AccountsProvider
        from omzien.privacy.rights import register_provider

        register_provider(NAME, AccountsProvider())

        # What the functional administrator finds on their start page (ui.startpage).
        from omzien.accounts.todos import todos_for
        from omzien.ui import navigation, startpage

        startpage.register("accounts", todos_for)

        navigation.register(_("Account"), "accounts:settings", order=900, group=navigation.ACCOUNT)

        navigation.register(
            _("Staff"), "accounts:staff_list", order=175, group=navigation.MANAGEMENT
        )


def _administered_ids(viewer) -> set[int]:
    from omzien.accounts.selectors import admin_municipalities

    return {m.pk for m in admin_municipalities(viewer)}


def _people_of_administered(viewer, events) -> set[int]:
    """The events about a person with a membership of the event's municipality, where the
    viewer administers that municipality (the link goes to the person's page there)."""
    from omzien.accounts.models import Membership

    numeric = [int(e.object_id) for e in events if e.object_id.isdigit()]
    pairs = set(
        Membership.objects.filter(
            user_id__in=numeric, municipality_id__in=_administered_ids(viewer)
        )
        .order_by()
        .values_list("user_id", "municipality_id")
    )
    return {
        e.pk
        for e in events
        if e.object_id.isdigit() and (int(e.object_id), e.municipality_id) in pairs
    }
