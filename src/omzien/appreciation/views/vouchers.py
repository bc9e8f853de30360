"""The round's vouchers for the issuer (a consultant or appreciation officer): issue them for
the granted voucher applications, list them, download the list as a spreadsheet."""

from io import BytesIO

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from omzien.appreciation.permissions import appreciation_staff_required
from omzien.appreciation.selectors.rounds import round_get
from omzien.appreciation.services import vouchers as services
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


def vouchers_xlsx(rows) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    sheet.title = _("Vouchers")[:31]
    sheet.append(
        [
            _("Code"),
            _("Value"),
            _("Name"),
            _("Application"),
            _("Issued on"),
            _("Redeemed on"),
            _("Shop"),
        ]
    )
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append(
            [
                row.code,
                row.value,
                row.name,
                row.number,
                timezone.localtime(row.issued_at).date(),
                timezone.localtime(row.redeemed_at).date() if row.redeemed_at else None,
                row.shop,
            ]
        )
        sheet.cell(row=sheet.max_row, column=2).number_format = "€ #,##0.00"
        for column in (5, 6):
            sheet.cell(row=sheet.max_row, column=column).number_format = "DD-MM-YYYY"
    for letter, width in zip("ABCDEFG", (18, 10, 32, 18, 14, 14, 28), strict=True):
        sheet.column_dimensions[letter].width = width
    out = BytesIO()
    book.save(out)
    return out.getvalue()


@appreciation_staff_required
def voucher_download(request, pk):
    round_ = round_get(user=request.user, pk=pk)
    rows = services.voucher_list(round=round_, actor=Actor.from_request(request))
    response = HttpResponse(
        vouchers_xlsx(rows),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="waardebonnen-{round_.pk}.xlsx"'
    response["Cache-Control"] = "no-store"
    return response
