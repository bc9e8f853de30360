from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from omzien.common.phone import PhoneNumberField
from omzien.tenants.query import TenantQuerySet
from omzien.tenants.validators import validate_cbs_code, validate_pc4, validate_primary_colour


class Region(models.Model):
    """Municipalities that share volunteers (e.g. Heerde, Epe and Hattem)."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    slug = models.SlugField(_("slug"), unique=True)

    class Meta:
        verbose_name = _("region")
        verbose_name_plural = _("regions")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Municipality(models.Model):
    """A gemeente: the tenant. Every personal record belongs to exactly one."""

    cbs_code = models.CharField(
        _("CBS code"), max_length=6, unique=True, validators=[validate_cbs_code]
    )
    name = models.CharField(_("name"), max_length=100, unique=True)
    slug = models.SlugField(_("slug"), unique=True)
    region = models.ForeignKey(
        Region,
        verbose_name=_("region"),
        related_name="municipalities",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    welfare_partner = models.CharField(
        _("welfare partner"),
        max_length=100,
        blank=True,
        help_text=_("The organisation that carries out the policy, e.g. Stip."),
    )
    inhabitants = models.PositiveIntegerField(_("inhabitants"), null=True, blank=True)
    aftercare_months = models.PositiveSmallIntegerField(
        _("after-care period (months)"),
        default=24,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
        help_text=_("How long a former carer stays registered after the care has ended."),
    )
    is_active = models.BooleanField(_("active"), default=True)

    # Texts and look, edited by the municipality's functional administrator
    # (tenants.services.municipality_update_texts); docs/administration.md.
    welcome_text = models.TextField(
        _("welcome text"),
        blank=True,
        max_length=2000,
        help_text=_("Shown on the start page to the people of this municipality."),
    )
    volunteer_insurance_text = models.TextField(
        _("volunteer insurance"),
        blank=True,
        max_length=4000,
        help_text=_("How volunteers are insured by the municipality (collective insurance)."),
    )
    contact_name = models.CharField(
        _("contact (name or team)"),
        max_length=150,
        blank=True,
        help_text=_("Shown to users who lack access to a page, with the e-mail and phone."),
    )
    contact_email = models.EmailField(_("contact e-mail address"), blank=True)
    contact_phone = PhoneNumberField(_("contact phone number"), blank=True)
    logo = models.FileField(
        _("logo"),
        upload_to="municipality-logos/",
        blank=True,
        max_length=200,
        help_text=_("PNG or JPEG, at most 512 KB."),
    )
    primary_colour = models.CharField(
        _("primary colour"),
        max_length=7,
        blank=True,
        validators=[validate_primary_colour],
        help_text=_("A hex colour such as #1a5e8c; white text on it must be readable."),
    )
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def region_municipality_ids(self) -> list[int]:
        """This municipality and those it shares volunteers with."""
        if self.region_id is None:
            return [self.pk]
        return list(
            Municipality.objects.filter(region_id=self.region_id).values_list("pk", flat=True)
        )


class Locality(models.Model):
    """A kern or dorp within a municipality."""

    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("municipality"),
        related_name="localities",
        on_delete=models.CASCADE,
    )
    name = models.CharField(_("name"), max_length=100)
    # Approximate centre (WGS84), for distances between villages; see municipalities.json.
    latitude = models.FloatField(_("latitude"), null=True, blank=True)
    longitude = models.FloatField(_("longitude"), null=True, blank=True)

    objects = TenantQuerySet.as_manager()
    tenant_field = "municipality"

    class Meta:
        verbose_name = _("locality")
        verbose_name_plural = _("localities")
        ordering = ["municipality__name", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "name"], name="tenants_locality_unique_name"
            )
        ]

    def __str__(self) -> str:
        return self.name


class Postcode(models.Model):
    """A four-digit postcode area (PC4) and the locality it belongs to."""

    code = models.CharField(
        _("postcode (4 digits)"), max_length=4, unique=True, validators=[validate_pc4]
    )
    locality = models.ForeignKey(
        Locality, verbose_name=_("locality"), related_name="postcodes", on_delete=models.CASCADE
    )

    class Meta:
        verbose_name = _("postcode area")
        verbose_name_plural = _("postcode areas")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.code


class TenantScoped(models.Model):
    """Base for records that belong to one municipality.

    Subclasses set ``visible_roles`` (roles that see the municipality's rows on staff pages,
    ``visible_to``) and may set ``owner_field`` (the field pointing at the resident who owns a
    row, for the owner's pages, ``owned_by``); see ``tenants.query``.
    """

    municipality = models.ForeignKey(
        Municipality, verbose_name=_("municipality"), on_delete=models.PROTECT, related_name="+"
    )

    objects = TenantQuerySet.as_manager()
    tenant_field = "municipality"
    visible_roles: tuple[str, ...] = ()
    owner_field: str | None = None

    class Meta:
        abstract = True
