"""Vouchers: one unguessable code per granted voucher application, redeemed once at a
participating shop.

A code is 12 characters drawn with ``secrets`` from an alphabet without the characters people
mistake for each other (0/O, 1/I/L): 31**12, about 2**59 codes. It is stored without
separators and shown in groups of four (``ABCD-EFGH-JKMN``); what a shop types is normalised
(spaces, dashes, case) before it is looked up.
"""

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from omzien.appreciation import constants
from omzien.appreciation.codes import ALPHABET, new_code, normalise_code
from omzien.appreciation.codes import show_code as display_code
from omzien.appreciation.models import Application, Round, Shop, Voucher
from omzien.appreciation.selectors.applications import vouchers_to_issue
from omzien.appreciation.services.payments import require_staff
from omzien.appreciation.workflows import APPLICATION
from omzien.common.exports import ExportFile, Progress, with_progress, workbook_chunks
from omzien.common.services import Actor
from omzien.common.spreadsheets import xlsx_cell
from omzien.privacy.audit import audit_by, audit_log, audit_read
from omzien.privacy.constants import AuditAction

CODE_LENGTH = 12
ATTEMPTS = 5


def _issue(application: Application) -> Voucher:
    """One voucher with a fresh code; a code that is already taken is drawn again."""
    for _attempt in range(ATTEMPTS):
        try:
            with transaction.atomic():
                return Voucher.objects.create(
                    application=application, code=new_code(), value=application.amount
                )
        except IntegrityError:
            if Voucher.objects.filter(application=application).exists():
                raise
    raise RuntimeError("no free voucher code after several attempts")  # 2**59 codes: never


def issue_vouchers(*, round: Round, actor: Actor) -> int:
    """A voucher for every granted voucher application of ``round`` that has none; each
    application becomes paid. Running it again issues nothing new. Returns how many."""
    require_staff(round.municipality_id, actor)
    with transaction.atomic():
        Round.objects.select_for_update().get(pk=round.pk)
        applications = list(
            Application.objects.select_for_update(of=("self",))
            .filter(vouchers_to_issue(), round=round)
            .order_by("pk")
        )
        for application in applications:
            step, _note = APPLICATION.check(
                application, target=constants.ApplicationStatus.PAID, actor=actor
            )
            voucher = _issue(application)
            APPLICATION.record(application, step=step, actor=actor, fields=["updated_at"])
            audit_by(
                AuditAction.CREATE,
                voucher,
                actor,
                municipality=round.municipality,
                reason="voucher issued",
            )
    return len(applications)


def _refuse(message: str, code: str):
    raise ValidationError({"code": [ValidationError(message, code=code)]})


def redeem(*, shop: Shop, code: str) -> Voucher:
    """Record that ``shop`` took the voucher with ``code``: once, and only a voucher of the
    shop's own municipality at an active shop. The voucher row is locked, so two tills that
    enter the same code at once redeem it once."""
    if not shop.active:
        _refuse(_("This shop no longer takes part. Ask the municipality."), "shop_inactive")
    typed = normalise_code(code)
    if len(typed) != CODE_LENGTH or any(ch not in ALPHABET for ch in typed):
        _refuse(_("This code is not known. Check the code and try again."), "unknown_code")
    with transaction.atomic():
        voucher = (
            Voucher.objects.select_for_update(of=("self",))
            .select_related("application")
            .filter(code=typed)
            .first()
        )
        if voucher is None:
            _refuse(_("This code is not known. Check the code and try again."), "unknown_code")
        if voucher.application.municipality_id != shop.municipality_id:
            _refuse(
                _("This voucher is from another municipality and cannot be taken here."),
                "other_municipality",
            )
        if voucher.redeemed_at is not None:
            _refuse(
                _("This voucher was already redeemed on %(date)s.")
                % {"date": formats.date_format(timezone.localtime(voucher.redeemed_at))},
                "already_redeemed",
            )
        voucher.redeemed_at = timezone.now()
        voucher.redeemed_at_shop = shop
        voucher.save(update_fields=["redeemed_at", "redeemed_at_shop"])
        audit_log(
            action=AuditAction.UPDATE,
            obj=voucher,
            municipality=shop.municipality,
            actor_label=f"shop:{shop.pk}",
            reason="voucher redeemed",
        )
    return voucher


@dataclass(frozen=True)
class VoucherRow:
    code: str
    value: Decimal
    name: str
    number: str
    issued_at: datetime
    redeemed_at: datetime | None
    shop: str


def voucher_queryset(*, round: Round):
    """The round's vouchers in the order of their application numbers."""
    return (
        Voucher.objects.filter(application__round=round)
        .select_related("application", "redeemed_at_shop")
        .order_by("application__number", "pk")
    )


def voucher_row(voucher: Voucher) -> VoucherRow:
    return VoucherRow(
        code=display_code(voucher.code),
        value=voucher.value,
        name=voucher.application.full_name,
        number=voucher.application.number,
        issued_at=voucher.issued_at,
        redeemed_at=voucher.redeemed_at,
        shop=voucher.redeemed_at_shop.name if voucher.redeemed_at_shop else "",
    )


def voucher_list(*, round: Round, actor: Actor) -> list[VoucherRow]:
    """The round's vouchers for the issuer: code, value, name, and where and when redeemed.
    The read is audited (the names are personal data)."""
    require_staff(round.municipality_id, actor)
    vouchers = list(voucher_queryset(round=round))
    audit_read(
        actor,
        reason="voucher list",
        shown=[v.application for v in vouchers],
        municipalities=[round.municipality],
    )
    return [voucher_row(v) for v in vouchers]


# --- The list as a spreadsheet: at once, or in the background (common.exports) -----------

VOUCHER_EXPORT = "appreciation_vouchers"
# The file holds codes that are money to whoever finds them: kept one hour, not a day.
VOUCHER_EXPORT_HOURS = 1
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
VOUCHER_COLUMNS = (
    (_lazy("Code"), 18),
    (_lazy("Value"), 10),
    (_lazy("Name"), 32),
    (_lazy("Application"), 18),
    (_lazy("Issued on"), 14),
    (_lazy("Redeemed on"), 14),
    (_lazy("Shop"), 28),
)


def voucher_file(*, round: Round, progress: Progress | None = None) -> ExportFile:
    """The round's vouchers as a spreadsheet, made as it is read: the same file whether the
    page sends it at once or a background job stores it; ``progress(done, total)`` per row."""
    queryset = voucher_queryset(round=round)
    rows = queryset.count()
    vouchers = with_progress(queryset.iterator(chunk_size=2000), total=rows, progress=progress)
    return ExportFile(
        filename=f"waardebonnen-{round.pk}.xlsx",
        content_type=XLSX,
        chunks=_voucher_chunks(voucher_row(v) for v in vouchers),
        rows=rows,
    )


def _voucher_chunks(rows) -> Iterator[bytes]:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(str(_("Vouchers"))[:31])
    for index, (_name, width) in enumerate(VOUCHER_COLUMNS):
        sheet.column_dimensions["ABCDEFG"[index]].width = width

    def cell(value, number_format=""):
        return xlsx_cell(sheet, value, number_format)

    header = [cell(str(name)) for name, _width in VOUCHER_COLUMNS]
    for item in header:
        item.font = Font(bold=True)
    sheet.append(header)
    for row in rows:
        sheet.append(
            [
                cell(row.code),
                cell(row.value, "€ #,##0.00"),
                cell(row.name),
                cell(row.number),
                cell(timezone.localtime(row.issued_at).date(), "DD-MM-YYYY"),
                cell(
                    timezone.localtime(row.redeemed_at).date() if row.redeemed_at else None,
                    "DD-MM-YYYY",
                ),
                cell(row.shop),
            ]
        )
    yield from workbook_chunks(workbook)


def voucher_export_audit(*, round: Round, actor: Actor, rows: int, extra=None) -> None:
    """Every download of the list is audited, with the applications it shows (an access
    request answers who saw a person's voucher)."""
    require_staff(round.municipality_id, actor)
    shown = voucher_queryset(round=round).values_list("application_id", flat=True)
    audit_by(
        AuditAction.EXPORT,
        round,
        actor,
        reason="voucher list",
        extra={
            "rows": rows,
            "shown": [f"appreciation.application:{pk}" for pk in shown],
            **(extra or {}),
        },
    )


def build_voucher_export(*, job, progress: Progress) -> ExportFile:
    """The background export's ``build``: the file the page would have sent."""
    return voucher_file(round=Round.objects.get(pk=job.params["round"]), progress=progress)
