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

        # Access, rectification and erasure requests (privacy.rights).
        from omzien.accounts.rights import NAME, AccountsProvider
        from omzien.privacy.rights import register_provider

        register_provider(NAME, AccountsProvider())

        from omzien.ui import navigation

        navigation.register(_("Account"), "accounts:settings", order=900)
