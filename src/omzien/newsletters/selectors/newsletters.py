"""Reads of newsletters: the staff list and one newsletter (through ``visible_to``), the
sending progress, and the public archive of sent newsletters."""

from django.db.models import Count, Q
from django.shortcuts import get_object_or_404

from omzien.newsletters import constants
from omzien.newsletters.constants import DeliveryStatus
from omzien.newsletters.models import Delivery, Newsletter, NewsletterSettings, Section
from omzien.newsletters.selectors.rendering import sections_of  # noqa: F401 - re-exported
from omzien.tenants.models import Municipality
from omzien.tenants.query import get_visible_or_404


def newsletter_list(*, user):
    """The newsletters of the user's municipalities with their delivery counts: one query."""
    return (
        Newsletter.objects.visible_to(user)
        .select_related("municipality")
        .annotate(
            email_count=Count("deliveries", filter=Q(deliveries__channel=constants.Channel.EMAIL)),
            post_count=Count("deliveries", filter=Q(deliveries__channel=constants.Channel.POST)),
            problem_count=Count(
                "deliveries",
                filter=Q(deliveries__status__in=(DeliveryStatus.FAILED, DeliveryStatus.UNKNOWN)),
            ),
        )
        .order_by("-issue_date", "-pk")
    )


def newsletter_get(*, user, pk: int) -> Newsletter:
    return get_visible_or_404(Newsletter.objects.select_related("municipality"), user, pk=pk)


def section_get(*, newsletter: Newsletter, pk: int) -> Section:
    return get_object_or_404(Section, newsletter=newsletter, pk=pk)


def delivery_counts(*, newsletter: Newsletter) -> dict[str, int]:
    """Counts per status of the e-mail rows, and the post rows: one query."""
    return Delivery.objects.filter(newsletter=newsletter).aggregate(
        post=Count("pk", filter=Q(channel=constants.Channel.POST)),
        email=Count("pk", filter=Q(channel=constants.Channel.EMAIL)),
        **{
            status: Count("pk", filter=Q(channel=constants.Channel.EMAIL, status=status))
            for status in DeliveryStatus.values
        },
    )


def problem_deliveries(*, newsletter: Newsletter, limit: int = 50) -> list[Delivery]:
    """The first failed or unknown e-mails, for staff to follow up (bounded)."""
    return list(
        Delivery.objects.filter(
            newsletter=newsletter, status__in=(DeliveryStatus.FAILED, DeliveryStatus.UNKNOWN)
        )
        .only("pk", "recipient_key", "email", "status", "error", "claimed_at")
        .order_by("pk")[:limit]
    )


def settings_get(*, municipality) -> NewsletterSettings | None:
    return NewsletterSettings.objects.filter(municipality=municipality).first()


# --- Public -----------------------------------------------------------------------------------

PUBLIC_STATUSES = (constants.NewsletterStatus.SENDING, constants.NewsletterStatus.SENT)


def municipality_by_slug(slug: str) -> Municipality:
    return get_object_or_404(Municipality, slug=slug)


def archive_list(*, municipality):
    return Newsletter.objects.filter(
        municipality=municipality, status__in=PUBLIC_STATUSES
    ).order_by("-issue_date", "-pk")


def archive_get(*, municipality, pk: int) -> Newsletter:
    return get_object_or_404(
        Newsletter.objects.select_related("municipality"),
        municipality=municipality,
        status__in=PUBLIC_STATUSES,
        pk=pk,
    )


def public_section_get(*, pk: int) -> Section:
    """A section's image is public once its newsletter went out."""
    return get_object_or_404(
        Section.objects.select_related("newsletter"),
        pk=pk,
        newsletter__status__in=PUBLIC_STATUSES,
    )
