"""Composing a newsletter: the newsletter itself (optimistic locking), its sections in order,
and the municipality's sender settings. Only a draft can be changed."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from omzien.common.services import Actor, apply_changes, check_version, versioned_update
from omzien.newsletters import sources
from omzien.newsletters.constants import NewsletterStatus, SectionKind, Segment
from omzien.newsletters.models import Newsletter, NewsletterSettings, Section
from omzien.newsletters.workflows import NEWSLETTER
from omzien.privacy.audit import audit_by
from omzien.privacy.constants import AuditAction

NEWSLETTER_FIELDS = ("title", "issue_date", "intro", "segments")
SECTION_FIELDS = ("heading", "body", "link", "image", "image_alt", "source_key", "source_ids")


def _check_segments(newsletter: Newsletter) -> None:
    unknown = [s for s in newsletter.segments if s not in Segment.values]
    if unknown:
        raise ValidationError(
            {
                "segments": ValidationError(
                    _("Choose from the audiences listed."), code="unknown_audience"
                )
            }
        )


def _draft(newsletter: Newsletter) -> None:
    if newsletter.status != NewsletterStatus.DRAFT:
        raise ValidationError(
            _("This newsletter is no longer a draft: it cannot be changed."), code="not_draft"
        )


@transaction.atomic
def newsletter_create(*, municipality, data: dict, actor: Actor) -> Newsletter:
    newsletter = Newsletter(municipality=municipality, created_by=actor.authenticated_user)
    for field in NEWSLETTER_FIELDS:
        if field in data:
            setattr(newsletter, field, data[field])
    newsletter.full_clean()
    _check_segments(newsletter)
    newsletter.save()
    NEWSLETTER.log_step(newsletter, source="", target=NewsletterStatus.DRAFT, actor=actor)
    audit_by(AuditAction.CREATE, newsletter, actor)
    return newsletter


def _lock(newsletter: Newsletter) -> Newsletter:
    return Newsletter.objects.select_for_update().get(pk=newsletter.pk)


@transaction.atomic
def newsletter_update(*, newsletter: Newsletter, version: int, data: dict, actor: Actor):
    locked = _lock(newsletter)
    _draft(locked)

    def clean(obj):
        obj.full_clean()
        _check_segments(obj)

    changed = versioned_update(
        locked, version=version, data=data, fields=NEWSLETTER_FIELDS, clean=clean
    )
    if changed:
        audit_by(AuditAction.UPDATE, locked, actor, extra={"fields": changed})
    return locked


def _touch(newsletter: Newsletter) -> None:
    """A change of a section is a change of the newsletter: the next version."""
    from django.db.models import F

    Newsletter.objects.filter(pk=newsletter.pk).update(version=F("version") + 1)


def _check_section(section: Section) -> None:
    errors = {}
    if section.kind in (SectionKind.TEXT, SectionKind.NEWS):
        if not section.body.strip():
            errors["body"] = ValidationError(_("Write the text."), code="no_text")
        if section.kind == SectionKind.NEWS and not section.heading.strip():
            errors["heading"] = ValidationError(
                _("Give the news item a heading."), code="no_heading"
            )
        if section.image and not section.image_alt.strip():
            errors["image_alt"] = ValidationError(
                _(
                    "Describe the image for readers who cannot see it (for example: "
                    "“Volunteers at the market in Heerde”)."
                ),
                code="no_alt",
            )
        section.source_key, section.source_ids = "", []
    elif section.kind == SectionKind.SOURCE:
        source = sources.source(section.source_key)
        if source is None:
            errors["source_key"] = ValidationError(
                _("This source is not available."), code="unknown_source"
            )
        else:
            offered = {key for key, _label in source.choices(section.newsletter.municipality)}
            ids = [str(i) for i in section.source_ids]
            if not ids:
                errors["source_ids"] = ValidationError(
                    _("Choose at least one item."), code="no_items"
                )
            elif any(i not in offered for i in ids):
                errors["source_ids"] = ValidationError(
                    _("Choose from the items listed."), code="unknown_items"
                )
            section.source_ids = ids
        section.body, section.link, section.image_alt = "", "", ""
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def section_add(*, newsletter: Newsletter, kind: str, data: dict, actor: Actor) -> Section:
    locked = _lock(newsletter)
    _draft(locked)
    last = Section.objects.filter(newsletter=locked).aggregate(last=Max("position"))["last"]
    section = Section(newsletter=locked, kind=kind, position=(last or 0) + 1)
    for field in SECTION_FIELDS:
        if field in data:
            setattr(section, field, data[field])
    section.full_clean(exclude=["image"])
    _check_section(section)
    section.save()
    _touch(locked)
    audit_by(AuditAction.CREATE, section, actor, municipality=locked.municipality)
    return section


@transaction.atomic
def section_update(
    *, section: Section, data: dict, actor: Actor, version: int | None = None
) -> Section:
    """Change a draft's section; refused (EditConflict) when it changed since ``version``,
    the version the page showed."""
    locked_newsletter = _lock(section.newsletter)
    _draft(locked_newsletter)
    section = Section.objects.select_for_update().get(pk=section.pk)
    check_version(section, version, required=False)
    section.version += 1
    section.newsletter = locked_newsletter
    old_image = section.image.name if section.image else ""
    if data.get("image") is False:  # the form's "remove the image"
        data = {**data, "image": ""}
    for field in SECTION_FIELDS:
        if field in data and data[field] is not None:
            setattr(section, field, data[field])
    section.full_clean(exclude=["image"])
    _check_section(section)
    section.save()
    if old_image and old_image != (section.image.name if section.image else ""):
        storage = section.image.storage
        transaction.on_commit(lambda: storage.delete(old_image))
    _touch(locked_newsletter)
    audit_by(AuditAction.UPDATE, section, actor, municipality=locked_newsletter.municipality)
    return section


@transaction.atomic
def section_delete(*, section: Section, actor: Actor) -> None:
    locked = _lock(section.newsletter)
    _draft(locked)
    image = section.image.name if section.image else ""
    storage = section.image.storage
    audit_by(AuditAction.DELETE, section, actor, municipality=locked.municipality)
    section.delete()
    if image:
        transaction.on_commit(lambda: storage.delete(image))
    _touch(locked)


@transaction.atomic
def section_move(*, section: Section, up: bool, actor: Actor) -> None:
    """Swap the section with the one before (``up``) or after it."""
    locked = _lock(section.newsletter)
    _draft(locked)
    ordered = list(Section.objects.filter(newsletter=locked).order_by("position", "pk"))
    index = next(i for i, s in enumerate(ordered) if s.pk == section.pk)
    other = index - 1 if up else index + 1
    if not 0 <= other < len(ordered):
        return
    ordered[index], ordered[other] = ordered[other], ordered[index]
    for position, item in enumerate(ordered, start=1):
        if item.position != position:
            Section.objects.filter(pk=item.pk).update(position=position)
    _touch(locked)
    audit_by(AuditAction.UPDATE, section, actor, municipality=locked.municipality, reason="moved")


@transaction.atomic
def settings_save(
    *, municipality, data: dict, actor: Actor, version: int | None = None
) -> NewsletterSettings:
    """Set the municipality's sender and pace; refused (EditConflict) when another
    administrator saved since ``version``, the version the form showed."""
    fields = ("sender_name", "sender_email", "per_minute")
    found = NewsletterSettings.objects.select_for_update().filter(municipality=municipality).first()
    created = found is None
    if created:
        found = NewsletterSettings(municipality=municipality)
        apply_changes(found, data, fields)
        found.full_clean()
        found.save()
    else:
        versioned_update(
            found,
            version=version,
            data=data,
            fields=fields,
            clean=lambda row: row.full_clean(exclude=["version"]),
            required=False,
        )
    audit_by(AuditAction.CREATE if created else AuditAction.UPDATE, found, actor)
    return found
