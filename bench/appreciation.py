"""``make bench-appreciation``: an appreciation round of Heerde's size, end to end.

In its own database (reference data only: Heerde's localities and postcodes), a Heerde-like
round (18+, EUR 100 by bank transfer) set up with a minimum of 12 hours of care a week, then:

1. 5,000 synthetic applications (10 hours a week each) submitted one by one through
   ``services.applications.submit``, as the public form does: each in its own transaction with
   its automatic checks (all fail "hours" under the 12-hour rule). Figures: ``submit_s`` (all
   5,000), ``submit_ms_each``.
2. The administrator corrects the rule to Heerde's 8 hours (``update_round``) and staff run the
   checks again: ``services.checks.recheck_round``, the bulk re-check behind "Opnieuw
   controleren", which checks all 5,000 again and writes 5,000 changed results with their audit
   events. Figure: ``check_s`` (that re-check only).
3. Staff grant every application that passed in one step (``grant_passed``): ``grant_s``.
4. One payment batch of 5,000 with ``create_batch`` and its pain.001 file (``payment_file``,
   validated against the XSD as it is made): ``batch_s``; ``file_bytes``; ``xsd_valid`` (the
   bytes validated again against the round's XSD with sepaxml).
5. The batch marked sent and then paid (``mark_paid``, 5,000 payments): ``paid_s``.
6. The decision letters, 1,000 of them on paper, and one PDF of those 1,000:
   ``letters_pdf_s``.

Issue 12's target "checks and batch together under 30 s" is ``check_s + grant_s + batch_s``,
printed as ``checks_and_batch_s``. ``peak_rss_mb`` is the process's peak memory. Prints one JSON
line.

Not a test: the tests check behaviour; this prints figures.
"""

import argparse
import datetime
import json
import logging
import os
import random
import resource
import subprocess
import sys
import time
from decimal import Decimal
from pathlib import Path

from omzien.demo.names import FIRST_NAMES, LAST_NAMES, POSTCODE_LETTER_PAIRS

STREETS = ("Dorpsstraat", "Kerkstraat", "Stationsweg", "Eperweg", "Molenweg", "Bonkersweg")
# Heerde's postcodes (tenants reference data): Heerde, Wapenveld, Veessen.
PC4 = ("8181", "8191", "8194")
TOWNS = {"8181": "Heerde", "8191": "Wapenveld", "8194": "Veessen"}


def _log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def iban(n: int) -> str:
    """A Dutch IBAN whose mod-97 check holds: bank ABNA, account number ``n``."""
    bban = f"ABNA{n:010d}"
    digits = "".join(str(int(ch, 36)) for ch in bban + "NL00")
    return f"NL{98 - int(digits) % 97:02d}{bban}"


def application_data(i: int, rng: random.Random, today: datetime.date) -> dict:
    pc4 = PC4[i % len(PC4)]
    postcode = f"{pc4} {rng.choice(POSTCODE_LETTER_PAIRS)}"
    first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
    on_post = i % 5 == 0  # 1,000 of 5,000 want their letter on paper
    return {
        "first_name": first,
        "last_name": f"{last}-{i}",
        "date_of_birth": datetime.date(rng.randint(1940, 1995), rng.randint(1, 12), 15),
        "email": "" if on_post else f"aanvrager{i}@example.org",
        "street": rng.choice(STREETS),
        "house_number": str(i + 1),
        "postcode": postcode,
        "town": TOWNS[pc4],
        "reach_by": "post" if on_post else "email",
        "recipient_initials": "J.",
        "recipient_date_of_birth": datetime.date(1935 + i % 20, 3, 1),
        "recipient_postcode": f"{pc4} AA",
        "recipient_house_number": str(10000 + i),
        "relationship": "child",
        "hours_per_week": Decimal("10"),
        "care_since": today - datetime.timedelta(days=400),
        "usual_care": False,
        "paid_care": False,
        "iban": iban(100000 + i),
        "account_holder": f"{first} {last}",
        "consent_registry": False,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--applications", type=int, default=5000)
    args = parser.parse_args()

    os.environ["EMAIL_BACKEND"] = "django.core.mail.backends.locmem.EmailBackend"
    os.environ["DEBUG"] = "false"
    os.environ["ALLOWED_HOSTS"] = "testserver"
    import omzien  # the code measured: the one on PYTHONPATH

    manage = [sys.executable, str(Path(omzien.__file__).resolve().parent.parent / "manage.py")]
    _log("migrating a fresh benchmark database and loading the reference data …")
    subprocess.run([*manage, "migrate", "--noinput", "-v0"], check=True)  # noqa: S603
    import django

    django.setup()
    logging.disable(logging.WARNING)
    from django.utils import timezone
    from sepaxml.validation import try_valid_xml

    from omzien.accounts.constants import Role
    from omzien.accounts.models import Membership, User
    from omzien.appreciation import constants as c
    from omzien.appreciation.models import Letter
    from omzien.appreciation.services import applications, checks, letters, payments
    from omzien.appreciation.services.rounds import ROUND_FIELDS, create_round, update_round
    from omzien.common.services import Actor
    from omzien.tenants.models import Municipality
    from omzien.tenants.services import reference_data_load

    reference_data_load()
    heerde = Municipality.objects.get(slug="heerde")
    admin = User.objects.create_user(email="beheer@bench.test", full_name="Bea Beheer")
    Membership.objects.create(user=admin, municipality=heerde, role=Role.MUNICIPALITY_ADMIN)
    officer = User.objects.create_user(email="waardering@bench.test", full_name="Wim Waardering")
    Membership.objects.create(user=officer, municipality=heerde, role=Role.APPRECIATION_OFFICER)
    admin = User.objects.get(pk=admin.pk)
    officer = User.objects.get(pk=officer.pk)
    today = timezone.localdate()
    year = today.year
    round_ = create_round(
        municipality=heerde,
        data={
            "year": year,
            "name": f"Mantelzorgwaardering {year} (bench)",
            "opens_on": datetime.date(year, 1, 1),
            "closes_on": datetime.date(year, 12, 31),
            "payment_on": datetime.date(year, 11, 15),
            "min_hours_per_week": Decimal("12"),  # corrected to 8 before the re-check
            "min_duration_months": 3,
            "residence_rule": c.ResidenceRule.RECIPIENT,
            "per_recipient": c.PerRecipient.ONE_CARER,
            "amount_mode": c.AmountMode.FIXED,
            "sample_percentage": 0,
            "debtor_name": "Gemeente Heerde",
            "debtor_iban": "NL02ABNA0123456789",
            "debtor_bic": "ABNANL2A",
            "pain_version": c.PainVersion.V03,
        },
        bands=[{"min_age": 18, "form": c.AppreciationForm.BANK_TRANSFER, "amount": Decimal("100")}],
        actor=Actor(user=admin),
    )
    staff = Actor(user=officer)
    rng = random.Random(12)  # noqa: S311 - synthetic data, not a secret

    _log(f"submitting {args.applications} applications one by one …")
    started = time.perf_counter()
    submitted = [
        applications.submit(
            round=round_,
            data=application_data(i, rng, today),
            channel=c.Channel.ONLINE,
            actor=Actor(user=None),
        )
        for i in range(args.applications)
    ]
    submit_s = time.perf_counter() - started

    # The administrator corrects the rule (12 hours a week was a typing error for Heerde's 8);
    # staff then run the checks again on every submitted application.
    round_.refresh_from_db()
    update_round(
        round=round_,
        data={
            **{field: getattr(round_, field) for field in ROUND_FIELDS},
            "min_hours_per_week": Decimal("8"),
        },
        bands=[{"min_age": 18, "form": c.AppreciationForm.BANK_TRANSFER, "amount": Decimal("100")}],
        actor=Actor(user=admin),
        version=round_.version,
    )
    _log("the checks again, in bulk …")
    started = time.perf_counter()
    rechecked = checks.recheck_round(round=round_, actor=staff)
    check_s = time.perf_counter() - started

    # Staff grant every application that passed its checks in one step (those that failed one
    # they judge one by one; here every application passes after the correction).
    started = time.perf_counter()
    granted = applications.grant_passed(round=round_, actor=staff)
    grant_s = time.perf_counter() - started

    _log("the payment batch and its file …")
    started = time.perf_counter()
    batch = payments.create_batch(round=round_, actor=staff, request_key="bench")
    content = payments.payment_file(batch, staff)
    batch_s = time.perf_counter() - started
    try:
        try_valid_xml(content, round_.pain_version)
        xsd_valid = True
    except Exception:  # sepaxml's ValidationError, or a file xmlschema cannot read
        xsd_valid = False

    _log("the batch sent and paid …")
    payments.mark_sent(batch=batch, actor=staff)
    started = time.perf_counter()
    payments.mark_paid(batch=batch, actor=staff, paid_on=today)
    paid_s = time.perf_counter() - started

    _log("the decision letters and the PDF of the paper ones …")
    counts = letters.record_decision_letters(round=round_, actor=staff)
    to_print = list(letters.letters_to_print(round_))
    started = time.perf_counter()
    pdf = letters.print_letters_pdf(round=round_, actor=staff, letters=to_print)
    letters_pdf_s = time.perf_counter() - started
    line = {
        "applications": len(submitted),
        "granted": batch.count,
        "check_s": round(check_s, 2),
        "rechecked": rechecked["checked"],
        "recheck_changed": rechecked["changed"],
        "submit_s": round(submit_s, 1),
        "submit_ms_each": round(1000 * submit_s / max(len(submitted), 1), 1),
        "grant_s": round(grant_s, 2),
        "waiting_list": granted["waiting_list"],
        "batch_s": round(batch_s, 2),
        "checks_and_batch_s": round(check_s + grant_s + batch_s, 1),
        "paid_s": round(paid_s, 2),
        "file_bytes": len(content),
        "xsd_valid": xsd_valid,
        "letters_email": counts["email"],
        "letters_post": counts["post"],
        "letters_pdf_s": round(letters_pdf_s, 1),
        "pdf_bytes": len(pdf),
        "letters": Letter.objects.count(),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }
    print(json.dumps(line), flush=True)


if __name__ == "__main__":
    main()
