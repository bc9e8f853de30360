"""Campaign pages: the editors' list, new page, change and preview (staff, English paths under
/carers/campaigns/), and the public page at /mantelzorg/campagne/<slug>/ in its visible period."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from omzien.accounts.permissions import public
from omzien.caregivers.forms.campaigns import CampaignForm
from omzien.caregivers.permissions import campaign_editor_municipalities, campaign_editor_required
from omzien.caregivers.selectors import awareness as awareness_selectors
from omzien.caregivers.selectors import campaigns as selectors
from omzien.caregivers.services import campaigns as services
from omzien.common.services import Actor
from omzien.ui.actions import form_page, posted_version
from omzien.ui.homepage import Block
from omzien.ui.municipality import page_is_about
from omzien.ui.pagination import paginate

CONFLICT = gettext_lazy(
    "Someone else changed this campaign page while you were editing. Nothing was saved: below "
    "is the current text; make your change again."
)


@campaign_editor_required
def campaign_list(request):
    page, query = paginate(request, selectors.campaign_list(user=request.user))
    today = timezone.localdate()
    rows = [{"campaign": c, "visible": c.is_visible_on(today)} for c in page]
    return render(
        request,
        "caregivers/campaigns/list.html",
        {
            "page": page,
            "query": query,
            "rows": rows,
            "may_create": bool(campaign_editor_municipalities(request.user)),
        },
    )


@campaign_editor_required
def campaign_create(request):
    municipalities = campaign_editor_municipalities(request.user)
    if not municipalities:
        raise PermissionDenied
    form = CampaignForm(request.POST or None, municipalities=municipalities)

    def create(data):
        return services.campaign_create(
            municipality=data.get("municipality") or municipalities[0],
            data=form.service_data(),
            actor=Actor.from_request(request),
        )

    return form_page(
        request,
        form,
        create,
        success=_("The campaign page has been saved."),
        done=lambda campaign: reverse("caregivers:campaign_preview", args=[campaign.pk]),
        template="caregivers/campaigns/form.html",
        context={"heading": _("New campaign page")},
    )


@campaign_editor_required
def campaign_edit(request, pk):
    campaign = selectors.campaign_for_editor(user=request.user, pk=pk)
    form = CampaignForm(request.POST or None, instance=campaign)
    return form_page(
        request,
        form,
        lambda data: services.campaign_update(
            campaign=campaign,
            data=form.service_data(),
            actor=Actor.from_request(request),
            version=posted_version(request),
        ),
        success=_("The campaign page has been saved."),
        done=lambda changed: reverse("caregivers:campaign_preview", args=[changed.pk]),
        conflict_to=reverse("caregivers:campaign_edit", args=[pk]),
        conflict=CONFLICT,
        template="caregivers/campaigns/form.html",
        context={
            "heading": _("Change %(title)s") % {"title": campaign.title},
            "campaign": campaign,
        },
    )


def _public_context(campaign) -> dict:
    municipality = campaign.municipality
    return {
        "campaign": campaign,
        "municipality": municipality,
        "gemeente_query": f"?{awareness_selectors.MUNICIPALITY_PARAM}={municipality.slug}",
        "calendar_queries": awareness_selectors.calendar_queries(),
    }


@campaign_editor_required
def campaign_preview(request, pk):
    """The page as the public will see it, also outside its visible period."""
    campaign = selectors.campaign_for_editor(user=request.user, pk=pk)
    today = timezone.localdate()
    context = _public_context(campaign)
    context.update(
        {
            "preview": True,
            "visible": campaign.is_visible_on(today),
            "public_url": reverse("carer:campaign", args=[campaign.slug])
            + context["gemeente_query"],
        }
    )
    return render(request, "caregivers/campaigns/public.html", context)


@public
def campaign_public(request, slug):
    """The campaign page of the chosen municipality (``?gemeente=``), visible today, else 404.

    Without a municipality: the one page at this address, or the page of the visitor's own
    municipality, or a list to choose from when several municipalities use the address."""
    today = timezone.localdate()
    chosen = (request.GET.get(awareness_selectors.MUNICIPALITY_PARAM) or "").strip()[:50]
    pages = selectors.campaign_public_pages(slug=slug, today=today)
    if chosen:
        pages = [p for p in pages if p.municipality.slug == chosen]
    elif len(pages) > 1:
        own = awareness_selectors.public_municipality(
            slug="", user=request.user, choices=[p.municipality for p in pages]
        )
        if own is not None:
            pages = [p for p in pages if p.municipality_id == own.pk]
    if not pages:
        raise Http404
    if len(pages) > 1:
        return render(request, "caregivers/campaigns/choose.html", {"pages": pages})
    page_is_about(request, pages[0].municipality)
    return render(request, "caregivers/campaigns/public.html", _public_context(pages[0]))


def home_block(request) -> Block | None:
    """The home page's block (ui.homepage): the campaigns running today in the visitor's
    municipality (chosen with ``?gemeente=``, or their own), else those of every municipality
    (at most a few, each with its municipality's name). One or two queries."""
    today = timezone.localdate()
    slug = (request.GET.get(awareness_selectors.MUNICIPALITY_PARAM) or "").strip()[:50]
    municipality = None
    if slug or request.user.is_authenticated:
        municipality = awareness_selectors.public_municipality(
            slug=slug, user=request.user, choices=awareness_selectors.active_municipalities()
        )
    campaigns = selectors.current_campaigns(today=today, municipality=municipality)
    if not campaigns:
        return None
    rows = [
        {
            "campaign": campaign,
            "url": reverse("carer:campaign", args=[campaign.slug])
            + f"?{awareness_selectors.MUNICIPALITY_PARAM}={campaign.municipality.slug}",
        }
        for campaign in campaigns
    ]
    return Block(
        template="caregivers/campaigns/_home_block.html",
        context={"rows": rows, "one_municipality": municipality is not None},
        order=10,
    )
