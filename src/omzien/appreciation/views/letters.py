"""The round's letters for consultants and appreciation officers: the decision letters (by
e-mail, or on paper to print), and the invitations to registered carers."""

from django.contrib import messages
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from omzien.accounts.constants import ContactChannel
from omzien.appreciation.models import Application
from omzien.appreciation.permissions import appreciation_staff_required
from omzien.appreciation.selectors.applications import awaiting_letter
from omzien.appreciation.selectors.rounds import round_get
from omzien.appreciation.services import letters as services
from omzien.common.pdf import PdfUnavailable
from omzien.common.services import Actor
from omzien.ui.actions import perform

PDF_UNAVAILABLE = gettext_lazy(
    "The PDF cannot be made right now. Nothing was changed; try again later or ask the "
    "functional administrator."
)


# Where an invitation's code is used: the public page of the round (appreciation_public, see
# src/omzien/urls.py). The first name that exists is used.
def apply_url(request, round_) -> str:
    """The absolute address of the public page where an invited carer types their code."""
    return request.build_absolute_uri(reverse("appreciation_public:code", args=[round_.pk]))


def _upto(request) -> int | None:
    """The last letter the page showed: the PDF and "mark printed" cover the same letters."""
    try:
        return int(request.GET.get("upto") or request.POST.get("upto"))
    except (TypeError, ValueError):
        return None


def _to_print(round_, upto):
    letters = services.letters_to_print(round_)
    return letters if upto is None else letters.filter(pk__lte=upto)


def _pdf_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response


@appreciation_staff_required
def letter_list(request, pk):
    round_ = round_get(user=request.user, pk=pk)
    to_print = services.letters_to_print(round_)
    last = to_print.order_by("-pk").values_list("pk", flat=True).first()
    return render(
        request,
        "appreciation/letters/list.html",
        {
            "round": round_,
            "to_letter": Application.objects.filter(awaiting_letter(), round=round_).count(),
            "to_print": to_print.count(),
            "upto": last,
            "invitable": len(services.invitable_carers(round_)),
            "apply_url": apply_url(request, round_),
        },
    )


@appreciation_staff_required
@require_POST
def letters_make(request, pk):
    round_ = round_get(user=request.user, pk=pk)
    result = perform(
        request,
        lambda: services.record_decision_letters(round=round_, actor=Actor.from_request(request)),
    )
    if result:
        counts = result.value
        messages.success(
            request,
            _("Decision letters made: %(email)d by e-mail, %(post)d on paper to print.")
            % {
                "email": counts[ContactChannel.EMAIL.value],
                "post": counts[ContactChannel.POST.value],
            },
        )
    return redirect("appreciation:letter_list", pk=pk)


@appreciation_staff_required
def letters_pdf(request, pk):
    round_ = round_get(user=request.user, pk=pk)
    letters = list(_to_print(round_, _upto(request)))
    if not letters:
        messages.info(request, _("There are no paper letters to print."))
        return redirect("appreciation:letter_list", pk=pk)
    try:
        content = services.print_letters_pdf(
            round=round_, actor=Actor.from_request(request), letters=letters
        )
    except PdfUnavailable:
        messages.error(request, PDF_UNAVAILABLE)
        return redirect("appreciation:letter_list", pk=pk)
    return _pdf_response(content, f"brieven-{round_.pk}-{timezone.localdate():%Y%m%d}.pdf")


@appreciation_staff_required
@require_POST
def letters_printed(request, pk):
    round_ = round_get(user=request.user, pk=pk)
    upto = _upto(request)
    if upto is None:
        messages.error(request, _("Download the letters first, then mark them printed."))
        return redirect("appreciation:letter_list", pk=pk)
    ids = _to_print(round_, upto).values_list("pk", flat=True)
    count = services.mark_printed(round=round_, letter_ids=ids, actor=Actor.from_request(request))
    messages.success(request, _("%(count)d letters are marked printed.") % {"count": count})
    return redirect("appreciation:letter_list", pk=pk)


@appreciation_staff_required
@require_POST
def invitations_send(request, pk):
    """Invite every invitable carer: e-mails are queued; the paper invitations come back as a
    PDF at once (their codes are not kept, so it cannot be downloaded again)."""
    round_ = round_get(user=request.user, pk=pk)
    url = apply_url(request, round_)
    try:
        # The paper invitations' codes exist only in the PDF: without it no invitation (and
        # no e-mail, queued on the commit) may stay.
        with transaction.atomic():
            run = services.invite(round=round_, apply_url=url, actor=Actor.from_request(request))
    except PdfUnavailable:
        messages.error(request, PDF_UNAVAILABLE)
        return redirect("appreciation:letter_list", pk=pk)
    messages.success(
        request,
        _("Invitations: %(email)d sent by e-mail, %(post)d on paper in the PDF.")
        % {"email": run.emailed, "post": run.posted},
    )
    if run.pdf is None:
        return redirect("appreciation:letter_list", pk=pk)
    return _pdf_response(run.pdf, f"uitnodigingen-{round_.pk}-{timezone.localdate():%Y%m%d}.pdf")
