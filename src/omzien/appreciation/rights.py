"""The appreciation round's provider for access, rectification and erasure requests
(``privacy.rights``; registered in apps.py).

A person is found as an applicant (``application:<pk>``), by name with date of birth, e-mail
address, phone number or address; one match per application (a carer may have applied in
several rounds). The export holds the application with its status log, payments, voucher and
the invitation it was made with. The erasure blanks the personal details as the retention
does (``services.retention.erase_personal_details``); the financial record of a paid
application (amount, payment date, batch, voucher value) stays for the fiscal period.
"""

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from omzien.appreciation.models import (
    Application,
    ApplicationTransition,
    Invitation,
    Letter,
    Payment,
    Voucher,
)
from omzien.appreciation.services.retention import erase_personal_details
from omzien.privacy.rights import (
    Erasure,
    Hold,
    KindsProvider,
    Match,
    Record,
    RecordKind,
    records_of,
)

NAME = "appreciation"


def _application_records(match: Match) -> list[Record]:
    application = match.obj
    return (
        records_of([application])
        + records_of(ApplicationTransition.objects.filter(application=application).order_by("pk"))
        + records_of(Payment.objects.filter(application=application).order_by("pk"))
        + records_of(Voucher.objects.filter(application=application))
        + records_of(Invitation.objects.filter(used_by=application), skip=("code_hash",))
        + records_of(Letter.objects.filter(application=application).order_by("pk"))
    )


def _application_erase(match: Match, actor) -> Erasure:
    with transaction.atomic():
        application = Application.objects.select_for_update().get(pk=match.obj.pk)
        if application.personal_data_removed_at is None:
            erase_personal_details(application, actor=actor, reason="removal on request")
    erasure = Erasure(erased=[f"{match.kind} {application.number}"])
    paid = Payment.objects.filter(application=application).exists()
    if paid or Voucher.objects.filter(application=application).exists():
        erasure.holds.append(
            Hold(
                record=_("Appreciation %(number)s: amount, payment date and batch")
                % {"number": application.number},
                reason=_(
                    "A payment by the municipality is part of its financial records, which "
                    "it must keep for seven years (AWR art. 52). They no longer hold your "
                    "name, address or bank account."
                ),
            )
        )
    return erasure


class AppreciationProvider(KindsProvider):
    name = NAME
    label = gettext_lazy("Carer appreciation")
    models = (Application, ApplicationTransition, Payment, Voucher, Invitation, Letter)
    kinds = (
        RecordKind(
            key="application",
            label=gettext_lazy("Application for the carer appreciation"),
            rows=lambda municipality: Application.objects.filter(municipality=municipality),
            findable=lambda rows, query: rows.filter(personal_data_removed_at__isnull=True),
            name=lambda application: application.full_name,
            details=lambda application: {
                "name": application.full_name,
                "date_of_birth": application.date_of_birth,
                "email": application.email,
                "phone": application.phone,
                "postcode": application.postcode,
                "street": f"{application.street} {application.house_number}",
            },
            export=_application_records,
            erase=_application_erase,
        ),
    )
