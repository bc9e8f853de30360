from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditAction(models.TextChoices):
    LOGIN = "login", _("Logged in")
    LOGOUT = "logout", _("Logged out")
    LOGIN_FAILED = "login_failed", _("Failed login")
    LOCKED_OUT = "locked_out", _("Locked out after repeated failures")
    SESSION_EXPIRED = "session_expired", _("Session ended after inactivity")
    SIGNED_UP = "signed_up", _("Signed up")
    EMAIL_VERIFIED = "email_verified", _("E-mail address confirmed")
    PASSWORD_RESET = "password_reset", _("Password reset")
    PASSWORD_CHANGED = "password_changed", _("Password changed")
    TWO_FACTOR_ENABLED = "two_factor_enabled", _("Two-factor authentication enabled")
    TWO_FACTOR_DISABLED = "two_factor_disabled", _("Two-factor authentication disabled")
    ACCOUNT_CHANGED = "account_changed", _("Account details changed")
    VIEW = "view", _("Viewed a record")
    CREATE = "create", _("Created a record")
    UPDATE = "update", _("Changed a record")
    DELETE = "delete", _("Deleted a record")
    EXPORT = "export", _("Exported records")


# What an anonymised person is called from then on.
ANONYMOUS_NAME = "Geanonimiseerd"

# The version of the privacy statement (ui/privacy.html and its translations): the day its
# text last changed. A sign-up records it with the moment of consent, so the municipality can
# show which text a person agreed to (AVG art. 7(1)). A test pins the text to this version:
# change the statement, and give it a new date here.
PRIVACY_STATEMENT_VERSION = "2026-12-04"


class RequestKind(models.TextChoices):
    ACCESS = "access", _("Access (art. 15)")
    RECTIFICATION = "rectification", _("Rectification (art. 16)")
    ERASURE = "erasure", _("Erasure (art. 17)")


# A request is answered within a month of receipt (AVG art. 12(3)); the list warns this many
# days before the deadline.
REQUEST_DEADLINE_MONTHS = 1
REQUEST_WARNING_DAYS = 7
# A closed request is kept this long for accountability, then deleted (docs/privacy.md).
REQUEST_RETENTION_DAYS = 730
