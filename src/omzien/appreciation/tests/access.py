"""How the authorization walk (ui/tests/test_authorization.py) requests the appreciation URLs."""

import datetime
import hashlib

from django.utils import timezone

from omzien.appreciation import constants
from omzien.appreciation.tests.factories import (
    AgeBandFactory,
    ApplicationFactory,
    PaymentFactory,
    RoundFactory,
    ShopFactory,
)
from omzien.ui.tests.access import Page, action


def build(side) -> None:
    side.appreciation_round = RoundFactory(municipality=side.municipality)
    AgeBandFactory(round=side.appreciation_round)
    side.shop = ShopFactory(municipality=side.municipality)
    side.payment = PaymentFactory(batch__round=side.appreciation_round)
    side.shop_token = f"walk-shop-{side.name}"
    ShopFactory(
        municipality=side.municipality,
        token_hash=hashlib.sha256(side.shop_token.encode()).hexdigest(),
    )
    # The side's resident, a registered carer (caregivers' build), applied from their own
    # account; the walk's staff decide on it.
    side.appreciation_application = ApplicationFactory(
        round=side.appreciation_round,
        applicant=side.resident,
        caregiver=side.carer,
        status=constants.ApplicationStatus.REFUSED,
        refusal_reason=constants.Check.HOURS,
        objection_until=timezone.localdate() + datetime.timedelta(days=30),
    )


def _round(side) -> dict:
    return {"pk": side.appreciation_round.pk}


def _batch(side) -> dict:
    return {"pk": side.appreciation_round.pk, "number": side.payment.batch.number}


def _application(side) -> dict:
    return {"pk": side.appreciation_application.pk}


PAGES = {
    # The administrator and the appreciation staff (consultants, appreciation officers).
    "appreciation:round_list": Page(),
    "appreciation:round_detail": Page(_round),
    # The administrator.
    "appreciation:round_create": Page(),
    "appreciation:round_edit": Page(_round),
    "appreciation:round_copy": Page(_round),  # GET: the confirmation; POST copies
    "appreciation:shop_list": Page(),
    "appreciation:shop_create": Page(),  # the secret link only in the answer to the POST
    "appreciation:shop_deactivate": Page(lambda s: {"pk": s.shop.pk}),
    # The round's work: the appreciation staff (consultants, appreciation officers).
    "appreciation:application_recheck": action(_round),  # back to the round's page
    "appreciation:payment_list": Page(_round),
    "appreciation:round_settle": action(_round),  # refused (window open): back to the list
    "appreciation:batch_create": action(_round),
    "appreciation:batch_detail": Page(_batch),
    "appreciation:batch_file": Page(_batch),
    "appreciation:batch_letters": Page(_batch, success=302),  # no paper letters: back
    "appreciation:batch_sent": action(_batch),
    "appreciation:batch_paid": Page(_batch),  # GET: the date; POST marks paid
    "appreciation:payment_failed": Page(lambda s: {**_batch(s), "payment": s.payment.pk}),
    "appreciation:voucher_list": Page(_round),
    "appreciation:voucher_issue": action(_round),
    "appreciation:voucher_download": Page(_round),
    "appreciation:letter_list": Page(_round),
    "appreciation:letters_make": action(_round),
    "appreciation:letters_pdf": Page(_round, success=302),  # nothing to print here: back
    "appreciation:letters_printed": action(_round),
    # The walk's carers want post: the paper invitations come back as the PDF.
    "appreciation:invitations_send": Page(_round, method="post", success=200),
    # The figures: also the policy advisor and the administrator.
    "appreciation:figures": Page(),
    "appreciation:round_figures": Page(_round),
    "appreciation:round_figures_xlsx": Page(_round),
    # Public: the shop's secret link.
    "appreciation:shop_redeem": Page(lambda s: {"token": s.shop_token}),
    # The appreciation staff: the queue, one application and what they do with it.
    "appreciation:application_list": Page(_round),
    "appreciation:application_grant_passed": action(_round),
    "appreciation:application_for_carer": Page(_round),  # GET: the carer search
    "appreciation:application_paper": Page(_round),
    "appreciation:application_detail": Page(_application),
    "appreciation:application_decide": Page(_application),
    "appreciation:application_sample_checked": action(_application),
    # Refused (the walk's application was not returned by the bank): back to the application.
    "appreciation:application_pay_again": action(_application),
    "appreciation:application_correct": Page(_application),
    "appreciation:application_objection": Page(_application),
    "appreciation:application_register": Page(_application, success=302),  # GET: back
    # The public: the open rounds, the form, the code, the thank-you page.
    "appreciation_public:rounds": Page(),
    "appreciation_public:apply": Page(_round),
    "appreciation_public:code": Page(_round),
    # Without a code typed in this session: back to the code page.
    "appreciation_public:apply_invitation": Page(_round, success=302),
    "appreciation_public:done": Page(),
    # The resident's own applications.
    "appreciation_public:mine": Page(),
    "appreciation_public:objection": Page(_application),
}
