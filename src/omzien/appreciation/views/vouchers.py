"""The round's vouchers for the issuer (a consultant or appreciation officer): issue them for
the granted voucher applications, list them, download the list as a spreadsheet."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from omzien.accounts.permissions import staff_job_gate
from omzien.appreciation.models import STAFF_ROLES
from omzien.appreciation.permissions import appreciation_staff_required
from omzien.appreciation.selectors.rounds import round_get
from omzien.appreciation.services import vouchers as services
from omzien.common.exports import Exporter, file_response, start_export
from omzien.common.services import Actor
from omzien.ui.actions import perform
from omzien.ui.pagination import paginate


@appreciation_staff_required
def voucher_list(request, pk):
    round_ = round_get(user=request.user, pk=pk)
    rows = services.voucher_list(round=round_, actor=Actor.from_request(request))
    page, query = paginate(request, rows)
    return render(
        request,
        "appreciation/vouchers/list.html",
        {
            "round": round_,
            "page": page,
            "query": query,
            "count": len(rows),
            "redeemed": sum(1 for row in rows if row.redeemed_at),
        },
    )


@appreciation_staff_required
@require_POST
def voucher_issue(request, pk):
    round_ = round_get(user=request.user, pk=pk)
    result = perform(
        request, lambda: services.issue_vouchers(round=round_, actor=Actor.from_request(request))
    )
    if result:
        count = result.value
        if count:
            messages.success(
                request,
                ngettext(
                    "%(count)d voucher has been issued.",
                    "%(count)d vouchers have been issued.",
                    count,
                )
                % {"count": count},
            )
        else:
            messages.info(request, _("There were no new vouchers to issue."))
    return redirect("appreciation:voucher_list", pk=pk)


@appreciation_staff_required
def voucher_download(request, pk):
    """The list as a spreadsheet: at once when short, else made in the background with a
    progress page (common.exports); audited on every download."""
    round_ = round_get(user=request.user, pk=pk)
    actor = Actor.from_request(request)
    exported = services.voucher_file(round=round_)
    job = start_export(
        kind=services.VOUCHER_EXPORT,
        rows=exported.rows,
        user=request.user,
        municipality=round_.municipality,
        params={"round": round_.pk},
    )
    if job is not None:
        return redirect("common:export_job", pk=job.pk)
    services.voucher_export_audit(round=round_, actor=actor, rows=exported.rows)
    return file_response(exported)


# A long list in the background (common.exports): only appreciation staff of the round's
# municipality, and the file kept one hour (it holds the codes).


def _export_audit(*, job, request):
    services.voucher_export_audit(
        round=round_get(user=request.user, pk=job.params["round"]),
        actor=Actor.from_request(request),
        rows=job.rows_total,
        extra={"export_job": job.pk},
    )


VOUCHER_EXPORTER = Exporter(
    build=services.build_voucher_export,
    audit=_export_audit,
    gate=staff_job_gate(
        STAFF_ROLES,
        lambda request, job: round_get(user=request.user, pk=job.params["round"]),
    ),
    back=lambda job: (
        reverse("appreciation:voucher_list", args=[job.params["round"]]),
        _("Back to the vouchers"),
    ),
    retention_hours=services.VOUCHER_EXPORT_HOURS,
)
