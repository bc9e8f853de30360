"""The scopes of a partner key, and the role a key must stand for to hold each.

A key acts as an account of its own with exactly one role in one municipality (and, for an
organisation's system, membership of the chosen organisations): the selectors and services the
pages use narrow what it reaches, the scopes narrow which endpoints it may call.
"""

from django.utils.translation import gettext_lazy as _

from omzien.accounts.constants import Role

CARERS_WRITE = "carers:write"
REFERRALS_READ = "referrals:read"
VACANCIES_READ = "vacancies:read"
VACANCIES_WRITE = "vacancies:write"
RESPONSES_READ = "responses:read"
RESPONSES_WRITE = "responses:write"

SCOPES = {
    CARERS_WRITE: _("Register carers (as a carer consultant)"),
    REFERRALS_READ: _("Read the status of referrals (as a carer consultant)"),
    VACANCIES_READ: _("Read the organisations' vacancies"),
    VACANCIES_WRITE: _("Write the organisations' vacancies"),
    RESPONSES_READ: _("Read the responses to the organisations' vacancies"),
    RESPONSES_WRITE: _("Answer the responses to the organisations' vacancies"),
}
SCOPE_CHOICES = list(SCOPES.items())

# The role a key stands for, and the scopes that role may be given.
ROLE_SCOPES = {
    Role.CONSULTANT: {CARERS_WRITE, REFERRALS_READ},
    Role.ORGANISATION_MEMBER: {
        VACANCIES_READ,
        VACANCIES_WRITE,
        RESPONSES_READ,
        RESPONSES_WRITE,
    },
}
ROLE_CHOICES = [(role.value, role.label) for role in ROLE_SCOPES]
