from django.urls import include, path

from omzien.appreciation.views import (
    applications,
    figures,
    letters,
    payments,
    public,
    redeem,
    rounds,
    shops,
    vouchers,
)

app_name = "appreciation"

# One pattern list per topic; the view modules have the same names. Staff pages keep English
# paths (docs/adr/0010-dutch-public-paths.md).

rounds_patterns = [
    path("rounds/", rounds.round_list, name="round_list"),
    path("rounds/new/", rounds.round_create, name="round_create"),
    path("rounds/<int:pk>/", rounds.round_detail, name="round_detail"),
    path("rounds/<int:pk>/edit/", rounds.round_edit, name="round_edit"),
    path("rounds/<int:pk>/copy/", rounds.round_copy, name="round_copy"),
]

shops_patterns = [
    path("shops/", shops.shop_list, name="shop_list"),
    path("shops/new/", shops.shop_create, name="shop_create"),
    path("shops/<int:pk>/deactivate/", shops.shop_deactivate, name="shop_deactivate"),
]

# A round's work: its amounts and payments, vouchers, letters and figures.
money_patterns = [
    path("rounds/<int:pk>/payments/", payments.payment_list, name="payment_list"),
    path("rounds/<int:pk>/settle/", payments.round_settle, name="round_settle"),
    path("rounds/<int:pk>/payments/new/", payments.batch_create, name="batch_create"),
    path("rounds/<int:pk>/payments/<int:number>/", payments.batch_detail, name="batch_detail"),
    path("rounds/<int:pk>/payments/<int:number>/file/", payments.batch_file, name="batch_file"),
    path(
        "rounds/<int:pk>/payments/<int:number>/letters/",
        payments.batch_letters,
        name="batch_letters",
    ),
    path("rounds/<int:pk>/payments/<int:number>/sent/", payments.batch_sent, name="batch_sent"),
    path("rounds/<int:pk>/payments/<int:number>/paid/", payments.batch_paid, name="batch_paid"),
    path(
        "rounds/<int:pk>/payments/<int:number>/<int:payment>/failed/",
        payments.payment_failed,
        name="payment_failed",
    ),
    path("rounds/<int:pk>/vouchers/", vouchers.voucher_list, name="voucher_list"),
    path("rounds/<int:pk>/vouchers/issue/", vouchers.voucher_issue, name="voucher_issue"),
    path("rounds/<int:pk>/vouchers/xlsx/", vouchers.voucher_download, name="voucher_download"),
    path("rounds/<int:pk>/letters/", letters.letter_list, name="letter_list"),
    path("rounds/<int:pk>/letters/make/", letters.letters_make, name="letters_make"),
    path("rounds/<int:pk>/letters/pdf/", letters.letters_pdf, name="letters_pdf"),
    path("rounds/<int:pk>/letters/printed/", letters.letters_printed, name="letters_printed"),
    path("rounds/<int:pk>/invitations/", letters.invitations_send, name="invitations_send"),
    path("rounds/figures/", figures.figures, name="figures"),
    path("rounds/<int:pk>/figures/", figures.round_figures, name="round_figures"),
    path("rounds/<int:pk>/figures/xlsx/", figures.round_figures_xlsx, name="round_figures_xlsx"),
]

# The shop's redemption page: public, Dutch path, the shop's secret in it.
redeem_patterns = [
    path("waardebon/<str:token>/", redeem.shop_redeem, name="shop_redeem"),
]

applications_patterns = [
    path("rounds/<int:pk>/applications/", applications.application_list, name="application_list"),
    path(
        "rounds/<int:pk>/applications/grant-passed/",
        applications.application_grant_passed,
        name="application_grant_passed",
    ),
    path(
        "rounds/<int:pk>/applications/recheck/",
        applications.application_recheck,
        name="application_recheck",
    ),
    path(
        "rounds/<int:pk>/applications/for-carer/",
        applications.application_for_carer,
        name="application_for_carer",
    ),
    path(
        "rounds/<int:pk>/applications/paper/",
        applications.application_paper,
        name="application_paper",
    ),
    path("applications/<int:pk>/", applications.application_detail, name="application_detail"),
    path(
        "applications/<int:pk>/decide/",
        applications.application_decide,
        name="application_decide",
    ),
    path(
        "applications/<int:pk>/sample-checked/",
        applications.application_sample_checked,
        name="application_sample_checked",
    ),
    path(
        "applications/<int:pk>/correct/",
        applications.application_correct,
        name="application_correct",
    ),
    path(
        "applications/<int:pk>/pay-again/",
        applications.application_pay_again,
        name="application_pay_again",
    ),
    path(
        "applications/<int:pk>/register/",
        applications.application_register,
        name="application_register",
    ),
    path(
        "applications/<int:pk>/objection/",
        applications.application_objection,
        name="application_objection",
    ),
]

# The public pages, Dutch paths under /mantelzorg/waardering/ (namespace appreciation_public,
# included in omzien/urls.py).
public_patterns = [
    path("", public.open_rounds, name="rounds"),
    path("<int:pk>/aanvragen/", public.apply, name="apply"),
    path("<int:pk>/code/", public.code_entry, name="code"),
    path("<int:pk>/code/aanvragen/", public.apply_invitation, name="apply_invitation"),
    path("verstuurd/", public.done, name="done"),
    path("mijn-aanvragen/", public.my_applications, name="mine"),
    path("mijn-aanvragen/<int:pk>/bezwaar/", public.my_objection, name="objection"),
]

urlpatterns = [
    path(
        "appreciation/",
        include(rounds_patterns + shops_patterns + applications_patterns + money_patterns),
    ),
    *redeem_patterns,
]
