from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    RESIDENT = "resident", _("Resident")
    ORGANISATION_MEMBER = "organisation_member", _("Organisation member")
    BROKER = "broker", _("Volunteer broker")
    CONSULTANT = "consultant", _("Carer consultant")
    REFERRER = "referrer", _("Referrer")
    POLICY_ADVISOR = "policy_advisor", _("Policy advisor")
    MUNICIPALITY_ADMIN = "municipality_admin", _("Municipality administrator")
    PRIVACY_OFFICER = "privacy_officer", _("Privacy officer")
    APPRECIATION_OFFICER = "appreciation_officer", _("Appreciation officer")
    WELFARE_WORKER = "welfare_worker", _("Welfare worker")


# Roles that must enrol in and use two-factor authentication, with the short idle timeout.
STAFF_ROLES = frozenset(
    {
        Role.BROKER,
        Role.CONSULTANT,
        Role.REFERRER,
        Role.POLICY_ADVISOR,
        Role.MUNICIPALITY_ADMIN,
        Role.PRIVACY_OFFICER,
        Role.APPRECIATION_OFFICER,
        Role.WELFARE_WORKER,
    }
)


class ContactChannel(models.TextChoices):
    EMAIL = "email", _("E-mail")
    POST = "post", _("Post")
    PHONE = "phone", _("Phone")
