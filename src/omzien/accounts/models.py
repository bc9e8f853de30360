from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from omzien.accounts.constants import STAFF_ROLES, Role
from omzien.tenants.models import Municipality, TenantScoped


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)

    def get_by_natural_key(self, username):
        return self.get(**{f"{self.model.USERNAME_FIELD}__iexact": username})


class User(AbstractBaseUser, PermissionsMixin):
    """A person who logs in with their e-mail address."""

    email = models.EmailField(_("e-mail address"), unique=True)
    full_name = models.CharField(_("full name"), max_length=150)
    is_active = models.BooleanField(
        _("active"),
        default=True,
        help_text=_("Inactive accounts cannot log in (e.g. e-mail address not yet confirmed)."),
    )
    is_staff = models.BooleanField(
        _("platform administrator"),
        default=False,
        help_text=_("May use the technical administration site."),
    )
    date_joined = models.DateTimeField(_("joined"), default=timezone.now)
    email_verified_at = models.DateTimeField(_("e-mail address confirmed"), null=True, blank=True)
    privacy_accepted_at = models.DateTimeField(
        _("privacy statement accepted"),
        null=True,
        blank=True,
        help_text=_("When the user agreed to the privacy statement at sign-up."),
    )
    privacy_version = models.CharField(
        _("privacy statement version accepted"),
        max_length=10,
        blank=True,
        help_text=_("The version (the date of its text) of the privacy statement agreed to."),
    )
    preferred_language = models.CharField(
        _("language"),
        max_length=5,
        choices=[("nl", _("Dutch")), ("en", _("English"))],
        default="nl",
    )

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["email"]

    def __str__(self) -> str:
        return self.full_name or self.email

    def get_full_name(self) -> str:
        return self.full_name

    def get_short_name(self) -> str:
        return self.full_name.split(" ")[0] if self.full_name else self.email

    # --- Roles, cached per request on the user object ------------------------------------
    #
    # A platform superuser (``is_superuser``, not a role) holds every staff role in every active
    # municipality and no resident's or organisation member's role: it passes every staff gate
    # and reaches every municipality's staff pages (choosing the municipality where a page
    # works in one), and owns nothing (docs/adr/0015-platform-superuser.md).
    @property
    def active_memberships(self) -> list["Membership"]:
        if not hasattr(self, "_membership_cache"):
            self._membership_cache = list(
                self.memberships.filter(is_active=True, municipality__is_active=True)
                .select_related("municipality")
                .order_by("municipality__name", "role")
            )
        return self._membership_cache

    @property
    def roles(self) -> set[str]:
        """The roles of the user's memberships (a superuser's are not listed: it has none)."""
        return {m.role for m in self.active_memberships}

    def _as_superuser(self, roles) -> bool:
        """Whether a question about ``roles`` is answered by the superuser's standing: it is
        one about staff roles, asked of a superuser."""
        return self.is_superuser and not STAFF_ROLES.isdisjoint(roles)

    @property
    def _every_municipality(self) -> list:
        if not hasattr(self, "_every_municipality_cache"):
            self._every_municipality_cache = list(
                Municipality.objects.filter(is_active=True).order_by("name")
            )
        return self._every_municipality_cache

    def has_role(self, *roles: str) -> bool:
        if self._as_superuser(roles):
            return True
        return bool(self.roles.intersection(roles))

    def has_role_in(self, municipality, *roles: str) -> bool:
        """Holds one of ``roles`` in ``municipality`` (a Municipality or its pk).

        The one role-in-municipality check; platform superusers pass it everywhere for staff
        roles, as they pass every staff gate (never for a resident's or member's role)."""
        if self._as_superuser(roles):
            return True
        municipality_id = getattr(municipality, "pk", municipality)
        return municipality_id in self.municipality_ids_for(roles)

    @property
    def is_staff_member(self) -> bool:
        """Holds a role that handles personal data of others: needs two-factor login."""
        return self.is_superuser or bool(self.roles & STAFF_ROLES)

    def municipality_ids_for(self, roles) -> set[int]:
        if self._as_superuser(roles):
            return {m.pk for m in self._every_municipality}
        return {m.municipality_id for m in self.active_memberships if m.role in roles}

    def municipalities(self, roles=None) -> list:
        """The municipalities where the user holds a role (one of ``roles``, if given), each
        once, by name; for staff roles, every active one to a superuser."""
        if roles is not None and self._as_superuser(roles):
            return list(self._every_municipality)
        seen = {}
        for m in self.active_memberships:
            if roles is None or m.role in roles:
                seen.setdefault(m.municipality_id, m.municipality)
        return list(seen.values())


class Membership(TenantScoped):
    """Gives a user a role in a municipality."""

    user = models.ForeignKey(
        User, verbose_name=_("user"), related_name="memberships", on_delete=models.CASCADE
    )
    role = models.CharField(_("role"), max_length=32, choices=Role.choices)
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    visible_roles = (Role.MUNICIPALITY_ADMIN,)
    owner_field = "user"

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["municipality__name", "role"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "municipality", "role"], name="accounts_membership_unique_role"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()} ({self.municipality})"


class StaffInvitation(TenantScoped):
    """An invitation by e-mail to take a staff role in a municipality; the link works once.

    Only the SHA-256 hash of the link's token is stored. Deleted 90 days after it expired
    (``accounts.services.staff.staff_invitations_apply_retention``, docs/privacy.md)."""

    email = models.EmailField(_("e-mail address"))
    role = models.CharField(_("role"), max_length=32, choices=Role.choices)
    token_hash = models.CharField(max_length=64, unique=True)
    invited_by = models.ForeignKey(
        User,
        verbose_name=_("invited by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("invited at"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires at"))
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)

    visible_roles = (Role.MUNICIPALITY_ADMIN,)

    class Meta:
        verbose_name = _("staff invitation")
        verbose_name_plural = _("staff invitations")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["municipality", "email"], name="accounts_inv_mun_email")]

    def __str__(self) -> str:
        return f"{self.email} – {self.get_role_display()} ({self.municipality_id})"

    @property
    def is_open(self) -> bool:
        """Neither accepted nor cancelled: the administrator may send it (again), expired or
        not."""
        return self.accepted_at is None and self.cancelled_at is None

    @property
    def is_expired(self) -> bool:
        return self.expires_at <= timezone.now()

    @property
    def is_pending(self) -> bool:
        return (
            self.accepted_at is None
            and self.cancelled_at is None
            and self.expires_at > timezone.now()
        )
