"""Campaign pages (Week van de mantelzorg, Dag van de mantelzorg): written by the functional
administrator and the consultants of a municipality, shown publicly in their visible period.

Not personal data, but every change is audited (who wrote what the public reads). Two editors
at once: the row is locked and an edit that started from an older ``version`` is refused.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from omzien.caregivers.models import CampaignPage
from omzien.caregivers.permissions import CAMPAIGN_EDITOR_ROLES
from omzien.common.services import Actor, apply_changes, versioned_update
from omzien.privacy.audit import audit_by
from omzien.privacy.constants import AuditAction

CAMPAIGN_FIELDS = (
    "kind",
    "title",
    "slug",
    "intro",
    "body",
    "call_to_action",
    "visible_from",
    "visible_until",
)


def _check_editor(user, municipality_id: int) -> None:
    if user is None or not user.has_role_in(municipality_id, *CAMPAIGN_EDITOR_ROLES):
        raise PermissionDenied


def _slug_taken() -> ValidationError:
    return ValidationError(
        _(
            "Your municipality already has a campaign page with this web address. Choose "
            "another one, e.g. with the year in it."
        ),
        code="slug_taken",
    )


def _clean(page: CampaignPage) -> None:
    """The model's own checks, the period and the unique address, as one ValidationError."""
    page.title = (page.title or "").strip()
    page.intro = (page.intro or "").strip()
    page.body = (page.body or "").strip()
    page.slug = (page.slug or "").strip().lower() or slugify(page.title)[:80].strip("-")
    errors: dict = {}
    try:
        page.full_clean(exclude=["municipality"], validate_constraints=False)
    except ValidationError as error:
        errors = error.update_error_dict(errors)
    if page.visible_from and page.visible_until and page.visible_until < page.visible_from:
        errors.setdefault("visible_until", []).append(
            ValidationError(
                _("The page would stop being visible before it starts: check the dates."),
                code="period",
            )
        )
    if not errors.get("slug") and page.slug:
        taken = CampaignPage.objects.filter(
            municipality_id=page.municipality_id, slug=page.slug
        ).exclude(pk=page.pk)
        if taken.exists():
            taken_error = _slug_taken()
            errors.setdefault("slug", []).append(taken_error)
    if errors:
        raise ValidationError(errors)


def _save(page: CampaignPage) -> None:
    """Save; another editor who took the same address a moment earlier gets the same refusal
    as the check in ``_clean`` gives (the unique constraint decides)."""
    try:
        with transaction.atomic():
            page.save()
    except IntegrityError as error:
        taken_error = _slug_taken()
        raise ValidationError({"slug": taken_error}) from error


@transaction.atomic
def campaign_create(*, municipality, data: dict, actor: Actor) -> CampaignPage:
    """A new campaign page of ``municipality``."""
    _check_editor(actor.user, municipality.pk)
    page = CampaignPage(municipality=municipality)
    apply_changes(page, data, CAMPAIGN_FIELDS)
    _clean(page)
    _save(page)
    audit_by(AuditAction.CREATE, page, actor)
    return page


@transaction.atomic
def campaign_update(
    *, campaign: CampaignPage, data: dict, actor: Actor, version: int | None
) -> CampaignPage:
    """Change a campaign page. The row is locked; an edit that started from an older
    ``version`` is refused (``EditConflict``), so two editors never overwrite each other."""
    current = CampaignPage.objects.select_for_update().get(pk=campaign.pk)
    _check_editor(actor.user, current.municipality_id)
    changed = versioned_update(
        current, version=version, data=data, fields=CAMPAIGN_FIELDS, clean=_clean, save=_save
    )
    audit_by(AuditAction.UPDATE, current, actor, reason=",".join(changed))
    return current
