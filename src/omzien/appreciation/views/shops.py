"""The participating shops where carers redeem their vouchers, set up by the administrator."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _

from omzien.appreciation.forms.shops import ShopForm
from omzien.appreciation.permissions import round_admin_required
from omzien.appreciation.selectors import rounds as round_selectors
from omzien.appreciation.selectors import shops as selectors
from omzien.appreciation.services import shops as services
from omzien.common.services import Actor
from omzien.ui.actions import perform
from omzien.ui.pagination import paginate

# The shop's own redemption page (where a shop records a voucher); its link holds the secret.
REDEEM_URL_NAME = "appreciation:shop_redeem"


@round_admin_required
def shop_list(request):
    page, query = paginate(request, selectors.shop_list(user=request.user))
    return render(request, "appreciation/shops/list.html", {"page": page, "query": query})


def _redeem_link(request, token: str) -> str:
    """The shop's secret link, or "" while the redemption page is not installed."""
    try:
        return request.build_absolute_uri(reverse(REDEEM_URL_NAME, args=[token]))
    except NoReverseMatch:
        return ""


@round_admin_required
def shop_create(request):
    """Add a shop; its secret link is shown once, on the answer to the POST, never stored."""
    municipalities = round_selectors.admin_municipalities(request.user)
    if not municipalities:
        raise PermissionDenied
    form = ShopForm(request.POST or None, municipalities=municipalities)
    if request.method == "POST" and form.is_valid():
        result = perform(
            request,
            lambda: services.create_shop(
                municipality=form.cleaned_data.get("municipality") or municipalities[0],
                name=form.cleaned_data["name"],
                actor=Actor.from_request(request),
            ),
            form=form,
        )
        if result:
            shop, token = result.value
            response = render(
                request,
                "appreciation/shops/created.html",
                {"shop": shop, "token": token, "link": _redeem_link(request, token)},
            )
            response["Cache-Control"] = "no-store"
            return response
    return render(request, "appreciation/shops/form.html", {"form": form})


@round_admin_required
def shop_deactivate(request, pk):
    """GET: ask to confirm; POST: the shop's link stops working."""
    shop = selectors.shop_for_admin(user=request.user, pk=pk)
    if request.method == "POST":
        result = perform(
            request,
            lambda: services.deactivate_shop(shop=shop, actor=Actor.from_request(request)),
            success=_("The shop has been deactivated: its link no longer works."),
        )
        if result:
            return redirect("appreciation:shop_list")
    return render(request, "appreciation/shops/deactivate.html", {"shop": shop})
