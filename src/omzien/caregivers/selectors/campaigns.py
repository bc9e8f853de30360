"""Reading campaign pages: the editors' list and page, the public page in its visible period,
and the campaigns running today (for the home page)."""

import datetime

from django.http import Http404

from omzien.caregivers.models import CampaignPage
from omzien.tenants.query import get_visible_or_404

# At most this many pages share one address across municipalities on the public chooser, and
# at most this many running campaigns appear on the home page.
PUBLIC_CHOICES_MAX = 50
HOME_MAX = 3


def campaign_list(*, user):
    """The campaign pages of the municipalities where ``user`` edits them (two queries a page
    whatever their number: the count and the page, the municipality joined)."""
    return CampaignPage.objects.visible_to(user).select_related("municipality")


def campaign_for_editor(*, user, pk: int) -> CampaignPage:
    """A page of the editor's municipality, else 404 (missing and forbidden look the same)."""
    return get_visible_or_404(CampaignPage.objects.select_related("municipality"), user, pk=pk)


def _running(today: datetime.date):
    return CampaignPage.objects.filter(
        visible_from__lte=today,
        visible_until__gte=today,
        municipality__is_active=True,
    ).select_related("municipality")


def campaign_public_pages(*, slug: str, today: datetime.date) -> list[CampaignPage]:
    """The pages at this address visible today, one per municipality at most (the slug is
    unique per municipality), by municipality name."""
    return list(
        _running(today).filter(slug=slug).order_by("municipality__name")[:PUBLIC_CHOICES_MAX]
    )


def campaign_public_get(*, slug: str, municipality, today: datetime.date) -> CampaignPage:
    """The page of ``municipality`` at this address, if it is visible today; else 404."""
    page = _running(today).filter(slug=slug, municipality=municipality).first()
    if page is None:
        raise Http404
    return page


def current_campaigns(*, today: datetime.date, municipality=None) -> list[CampaignPage]:
    """The campaigns running today: of ``municipality``, or of every municipality when it is
    not known. One query, at most ``HOME_MAX`` pages, the one that started last first."""
    pages = _running(today)
    if municipality is not None:
        pages = pages.filter(municipality=municipality)
    return list(pages.order_by("-visible_from", "municipality__name", "pk")[:HOME_MAX])
