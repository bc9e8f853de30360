"""The forms of a round's work pages: payment batches, failed payments, shop redemption."""

import uuid

from django import forms
from django.utils.translation import gettext_lazy as _

from omzien.ui.forms import date_field


class BatchForm(forms.Form):
    """Make a payment batch. The key is drawn when the page is shown, so a double click (or
    a resent POST) posts the same key and the service gives back the batch it made."""

    request_key = forms.CharField(widget=forms.HiddenInput, max_length=64)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["request_key"].initial = uuid.uuid4().hex


class PaidForm(forms.Form):
    paid_on = date_field(years_back=1, years_ahead=0, label=_("Paid by the bank on"))


class FailureForm(forms.Form):
    reason = forms.CharField(
        label=_("Why the bank returned the payment"),
        max_length=255,
        help_text=_("For example: the account number does not exist, or the account is closed."),
    )


class RedeemForm(forms.Form):
    code = forms.CharField(
        label=_("Voucher code"),
        max_length=30,
        help_text=_("The code on the voucher, for example ABCD-EFGH-JKMN."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
