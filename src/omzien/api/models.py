"""Partner keys (docs/api.md): a functional administrator issues one per organisation or
integration. Only the SHA-256 hash of the secret is stored; the key is shown once."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from omzien.accounts.constants import Role
from omzien.api.scopes import ROLE_CHOICES
from omzien.tenants.models import TenantScoped


class ApiKey(TenantScoped):
    """A key for a partner system. It acts as its own ``account`` (no password, no login),
    which holds exactly the key's ``role`` in the municipality (and is a member of the chosen
    ``organisations``): the pages' selectors and services decide what it reaches, the
    ``scopes`` which endpoints it may call. Revoking it takes the role away too."""

    name = models.CharField(_("name"), max_length=100)
    role = models.CharField(_("stands for the role"), max_length=32, choices=ROLE_CHOICES)
    scopes = models.JSONField(_("scopes"), default=list)
    organisations = models.ManyToManyField(
        "volunteering.Organisation",
        verbose_name=_("organisations"),
        blank=True,
        related_name="+",
    )
    account = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="api_key"
    )
    prefix = models.CharField(max_length=16, unique=True)
    secret_hash = models.CharField(max_length=64)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("issued by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("issued at"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires at"))
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)

    visible_roles = (Role.MUNICIPALITY_ADMIN,)

    class Meta:
        verbose_name = _("API key")
        verbose_name_plural = _("API keys")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.name} (omz_{self.prefix})"

    @property
    def is_usable(self) -> bool:
        return self.revoked_at is None and self.expires_at > timezone.now()
