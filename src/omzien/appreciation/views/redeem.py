"""The shop's redemption page: public, reached with the shop's secret link. The shop types the
code of a voucher; it is taken once, at an active shop of the voucher's municipality."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from omzien.accounts.permissions import public
from omzien.appreciation.forms.payments import RedeemForm
from omzien.appreciation.services import shops
from omzien.appreciation.services import vouchers as services
from omzien.common.money import euro
from omzien.common.ratelimit import rate_limit_form, too_many_requests
from omzien.ui.actions import perform

TEMPLATE = "appreciation/redeem/redeem.html"


def _page(request, shop, form, status=200):
    response = render(request, TEMPLATE, {"shop": shop, "form": form}, status=status)
    # The secret is in the address: never cached, never sent to another site as a referrer.
    response["Cache-Control"] = "no-store"
    response["Referrer-Policy"] = "same-origin"
    return response


@public
def shop_redeem(request, token):
    shop = shops.shop_for_token(token)
    if shop is None:
        raise Http404
    form = RedeemForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        wait = rate_limit_form(request, form, scope="voucher_redeem", address=f"shop:{shop.pk}")
        if wait is not None:
            return too_many_requests(_page(request, shop, form), wait)
        result = perform(
            request,
            lambda: services.redeem(shop=shop, code=form.cleaned_data["code"]),
            form=form,
        )
        if result:
            voucher = result.value
            messages.success(
                request,
                _("Voucher %(code)s is valid and has been taken: %(value)s.")
                % {
                    "code": services.display_code(voucher.code),
                    "value": euro(voucher.value),
                },
            )
            return redirect(request.path)
    return _page(request, shop, form)
