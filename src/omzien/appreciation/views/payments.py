"""The round's payments for consultants and appreciation officers: settle the amounts, make a
payment batch, download its pain.001 file, mark it sent and paid, record a returned payment."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from omzien.appreciation import constants
from omzien.appreciation.forms.payments import BatchForm, FailureForm, PaidForm
from omzien.appreciation.permissions import appreciation_staff_required
from omzien.appreciation.selectors import payments as selectors
from omzien.appreciation.selectors.rounds import round_get
from omzien.appreciation.services import amounts, letters, payments
from omzien.appreciation.views.letters import PDF_UNAVAILABLE
from omzien.common.money import euro
from omzien.common.pdf import PdfUnavailable
from omzien.common.services import Actor
from omzien.ui.actions import perform
from omzien.ui.pagination import query_without_page

PER_PAGE = 50


def settles(round_) -> bool:
    """Whether the round's amounts are only final at its close: a budget mode, a fixed amount
    lowered to fit the budget, one amount per care recipient divided, or a household cap."""
    return (
        round_.amount_mode != constants.AmountMode.FIXED
        or (
            round_.budget is not None
            and round_.when_budget_exhausted == constants.BudgetExhausted.LOWER_AMOUNT
        )
        or round_.per_recipient == constants.PerRecipient.DIVIDED
        or round_.household_cap is not None
    )


def may_settle(round_) -> bool:
    return settles(round_) and round_.closed_at is None and timezone.localdate() > round_.closes_on


@appreciation_staff_required
def payment_list(request, pk):
    round_ = round_get(user=request.user, pk=pk)
    return render(
        request,
        "appreciation/payments/list.html",
        {
            "round": round_,
            "batches": selectors.batch_list(round_),
            "waiting": selectors.waiting_count(round_),
            "not_paid": selectors.not_paid(round=round_, actor=Actor.from_request(request)),
            "form": BatchForm(),
            "settles": settles(round_),
            "may_settle": may_settle(round_),
        },
    )


@appreciation_staff_required
@require_POST
def round_settle(request, pk):
    round_ = round_get(user=request.user, pk=pk)
    result = perform(
        request, lambda: amounts.settle_round(round=round_, actor=Actor.from_request(request))
    )
    if result:
        settled = result.value
        total = sum(settled.values(), amounts.ZERO)
        messages.success(
            request,
            ngettext(
                "The amounts are set: %(count)d application, %(total)s in all.",
                "The amounts are set: %(count)d applications, %(total)s in all.",
                len(settled),
            )
            % {"count": len(settled), "total": euro(total)},
        )
    return redirect("appreciation:payment_list", pk=pk)


@appreciation_staff_required
@require_POST
def batch_create(request, pk):
    round_ = round_get(user=request.user, pk=pk)
    form = BatchForm(request.POST)
    key = form.data.get("request_key", "") if form.is_valid() else ""
    result = perform(
        request,
        lambda: payments.create_batch(
            round=round_, actor=Actor.from_request(request), request_key=key
        ),
    )
    if result:
        batch = result.value
        messages.success(
            request,
            _("Batch %(number)s has been made: %(count)s payments, %(total)s.")
            % {
                "number": batch.number,
                "count": batch.count,
                "total": euro(batch.total),
            },
        )
        return redirect("appreciation:batch_detail", pk=pk, number=batch.number)
    return redirect("appreciation:payment_list", pk=pk)


def _batch(request, pk, number):
    round_ = round_get(user=request.user, pk=pk)
    return round_, selectors.batch_get(round_, number)


@appreciation_staff_required
def batch_detail(request, pk, number):
    round_, batch = _batch(request, pk, number)
    page = selectors.payment_page(
        batch=batch,
        actor=Actor.from_request(request),
        page_number=request.GET.get("page"),
        per_page=PER_PAGE,
    )
    return render(
        request,
        "appreciation/payments/batch.html",
        {
            "round": round_,
            "batch": batch,
            "page": page,
            "query": query_without_page(request),
            "paid_form": PaidForm(),
            "may_fail": batch.status != constants.BatchStatus.DRAFT,
        },
    )


@appreciation_staff_required
def batch_file(request, pk, number):
    round_, batch = _batch(request, pk, number)
    content = payments.payment_file(batch, Actor.from_request(request))
    response = HttpResponse(content, content_type="application/xml")
    response["Content-Disposition"] = (
        f'attachment; filename="betaalbestand-{round_.pk}-{batch.number}.xml"'
    )
    response["Cache-Control"] = "no-store"
    return response


@appreciation_staff_required
def batch_letters(request, pk, number):
    """The paper letters of the batch's carers as one PDF to print."""
    round_, batch = _batch(request, pk, number)
    try:
        content = letters.batch_letters_pdf(batch=batch, actor=Actor.from_request(request))
    except ValidationError as error:
        messages.info(request, error.messages[0])
        return redirect("appreciation:batch_detail", pk=pk, number=number)
    except PdfUnavailable:
        messages.error(request, PDF_UNAVAILABLE)
        return redirect("appreciation:batch_detail", pk=pk, number=number)
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="brieven-{round_.pk}-betaalopdracht-{batch.number}.pdf"'
    )
    response["Cache-Control"] = "no-store"
    return response


@appreciation_staff_required
@require_POST
def batch_sent(request, pk, number):
    _round, batch = _batch(request, pk, number)
    perform(
        request,
        lambda: payments.mark_sent(batch=batch, actor=Actor.from_request(request)),
        success=_("The batch is marked as sent to the bank."),
    )
    return redirect("appreciation:batch_detail", pk=pk, number=number)


@appreciation_staff_required
def batch_paid(request, pk, number):
    """GET: the date the bank paid; POST: the batch and its payments become paid."""
    round_, batch = _batch(request, pk, number)
    form = PaidForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        result = perform(
            request,
            lambda: payments.mark_paid(
                batch=batch, actor=Actor.from_request(request), paid_on=form.cleaned_data["paid_on"]
            ),
            form=form,
            success=_("The batch and its payments are marked as paid."),
        )
        if result:
            return redirect("appreciation:batch_detail", pk=pk, number=number)
    return render(
        request,
        "appreciation/payments/paid.html",
        {"round": round_, "batch": batch, "form": form},
    )


@appreciation_staff_required
def payment_failed(request, pk, number, payment):
    """GET: why the bank returned the payment; POST: it fails, its application goes back."""
    round_, batch = _batch(request, pk, number)
    row = selectors.payment_get(batch, payment)
    form = FailureForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        result = perform(
            request,
            lambda: payments.record_failure(
                payment=row, reason=form.cleaned_data["reason"], actor=Actor.from_request(request)
            ),
            form=form,
            success=_("The payment is recorded as failed; the application is back with staff."),
        )
        if result:
            return redirect("appreciation:batch_detail", pk=pk, number=number)
    return render(
        request,
        "appreciation/payments/failed.html",
        {"round": round_, "batch": batch, "payment": row, "form": form},
    )
