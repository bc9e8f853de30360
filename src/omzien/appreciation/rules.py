"""The automatic checks of an application against its round's rules (issue 12, point 3).

``check(application)`` returns the rules the application fails, each as
``{"code": Check value, "message": Dutch sentence, "applicant": bool}``; ``applicant`` says
whether it is the applicant's to correct (details they gave: a date of birth, hours, a
postcode, registering in the registry) or staff's to judge. A failed check refuses nothing by
itself: the results are stored on the application and staff decide.

Every boundary is inclusive on the side of the applicant: received on the first or the last day
of the window, exactly the minimum hours, caring since exactly the minimum number of months
before the day it came in, a household total exactly at the cap — all pass.

Duplicates are looked for among the *earlier* applications of the round (a lower pk) that are
not refused or withdrawn, so the first application stays clean and re-running the checks on it
(after a correction) does not suddenly flag it for a later one.

Two paths give the same results (``tests/test_rules.py`` proves it with Hypothesis):

* ``check(application)`` for one application (a submission, a correction): the round's rules
  (``RoundRules``: age bands and postcode table, loaded once and passed in by the caller that
  has them) and one query for the earlier applications that could be duplicates;
* ``check_many(round, applications)`` for all of a round at once (staff's "check again"): the
  rules, the postcodes, the registry and the round's earlier applications loaded in bulk, a
  fixed number of queries whatever the number of applications.

Both hand the same facts to one function, ``_evaluate``.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import translation
from django.utils.formats import localize
from django.utils.translation import gettext as _

from omzien.appreciation import constants
from omzien.appreciation.models import AgeBand, Application, Round
from omzien.common.dates import add_months, age_on
from omzien.common.money import euro
from omzien.common.text import fold
from omzien.tenants.models import Locality, Postcode
from omzien.tenants.validators import normalise_postcode

# Applications that no longer count for duplicates, the household cap or the budget.
INACTIVE = (constants.ApplicationStatus.REFUSED, constants.ApplicationStatus.WITHDRAWN)

# The checks that are the applicant's to correct: details they gave.
APPLICANT_CORRECTS = frozenset(
    {
        constants.Check.AGE,
        constants.Check.HOURS,
        constants.Check.DURATION,
        constants.Check.RESIDENCE,
        constants.Check.NOT_REGISTERED,
    }
)


def band_for(bands, date_of_birth, day) -> AgeBand | None:
    """The first of ``bands`` (ordered by ``min_age``) that covers the carer's age on ``day``;
    None without a date of birth or when no band covers it."""
    if date_of_birth is None or day is None:
        return None
    age = age_on(date_of_birth, day)
    if age < 0:
        return None
    return next((band for band in bands if band.covers(age)), None)


def application_band(application: Application) -> AgeBand | None:
    return band_for(
        list(application.round.age_bands.all()),
        application.date_of_birth,
        application.received_on,
    )


def registry_match(*, municipality, first_name: str, last_name: str, date_of_birth):
    """A registered carer of the municipality with this name (folded: accents, spacing and
    capitals aside) and date of birth, or None."""
    from omzien.caregivers.models import Caregiver

    if date_of_birth is None:
        return None
    return (
        Caregiver.objects.registered()
        .same_name(first_name, last_name)
        .filter(municipality=municipality, date_of_birth=date_of_birth)
        .order_by("pk")
        .first()
    )


_UNREAD = object()  # a postcode that cannot be read: no locality, in no municipality


@dataclass
class RoundRules:
    """What the checks need of a round besides its own fields, loaded once: its age bands and
    the postcode table (each PC4 and its locality; the municipality's own up front, others as
    they are asked for, remembered)."""

    round_id: int
    municipality_id: int
    bands: list[AgeBand]
    localities: dict[str, Locality | None] = field(default_factory=dict)

    @classmethod
    def load(cls, round: Round) -> "RoundRules":  # noqa: A002
        bands = list(AgeBand.objects.filter(round_id=round.pk).order_by("min_age", "pk"))
        postcodes = Postcode.objects.select_related("locality").filter(
            locality__municipality_id=round.municipality_id
        )
        return cls(
            round_id=round.pk,
            municipality_id=round.municipality_id,
            bands=bands,
            localities={postcode.code: postcode.locality for postcode in postcodes},
        )

    def band(self, date_of_birth, day) -> AgeBand | None:
        return band_for(self.bands, date_of_birth, day)

    @staticmethod
    def _pc4(postcode: str):
        try:
            return normalise_postcode(postcode)[:4]
        except ValidationError:
            return _UNREAD

    def preload(self, postcodes) -> None:
        """Look up, in one query, the PC4s of ``postcodes`` not known yet."""
        wanted = {self._pc4(postcode) for postcode in postcodes} - {_UNREAD}
        wanted -= set(self.localities)
        if not wanted:
            return
        self.localities.update(dict.fromkeys(wanted))
        for postcode in Postcode.objects.select_related("locality").filter(code__in=wanted):
            self.localities[postcode.code] = postcode.locality

    def locality(self, postcode: str) -> Locality | None:
        """The locality of a postcode (as ``tenants.selectors.locality_for_postcode``), None
        when it is unknown or cannot be read."""
        pc4 = self._pc4(postcode)
        if pc4 is _UNREAD:
            return None
        if pc4 not in self.localities:
            self.preload([pc4])
        return self.localities[pc4]

    def in_municipality(self, postcode: str) -> bool:
        locality = self.locality(postcode)
        return locality is not None and locality.municipality_id == self.municipality_id


@dataclass(frozen=True)
class Earlier:
    """What the duplicate checks need of another application of the round."""

    pk: int
    number: str
    search_name: str
    date_of_birth: object
    caregiver_id: int | None
    recipient_key: str
    household_key: str
    amount: Decimal | None


_EARLIER_FIELDS = (
    "pk",
    "number",
    "search_name",
    "date_of_birth",
    "caregiver_id",
    "recipient_key",
    "household_key",
    "amount",
)


def _active(round_id: int):
    return Application.objects.filter(round_id=round_id).exclude(status__in=INACTIVE)


def _same_carer(application, other: Earlier) -> bool:
    if (
        application.search_name
        and application.date_of_birth
        and other.search_name == application.search_name
        and other.date_of_birth == application.date_of_birth
    ):
        return True
    return bool(application.caregiver_id) and other.caregiver_id == application.caregiver_id


def _earlier_candidates(application: Application, round_: Round) -> list[Earlier]:
    """The earlier active applications of the round that share the carer, the care recipient
    or the household with ``application``: one query (none when there is nothing to compare)."""
    alike = []
    if application.search_name and application.date_of_birth:
        alike.append(
            Q(search_name=application.search_name, date_of_birth=application.date_of_birth)
        )
    if application.caregiver_id:
        alike.append(Q(caregiver_id=application.caregiver_id))
    if round_.per_recipient == constants.PerRecipient.ONE_CARER and application.recipient_key:
        alike.append(Q(recipient_key=application.recipient_key))
    if round_.household_cap is not None and application.household_key:
        alike.append(Q(household_key=application.household_key))
    if not alike:
        return []
    same = alike[0]
    for condition in alike[1:]:
        same |= condition
    qs = _active(round_.pk).filter(same)
    if application.pk:
        qs = qs.filter(pk__lt=application.pk)
    return [Earlier(*row) for row in qs.order_by("pk").values_list(*_EARLIER_FIELDS)]


def _fail(code: str, message: str) -> dict:
    return {"code": str(code), "message": str(message), "applicant": code in APPLICANT_CORRECTS}


def check(
    application: Application, *, rules: RoundRules | None = None, registered: bool | None = None
) -> list[dict]:
    """The rules of the round that ``application`` fails (an empty list: it passes them all),
    with the messages in Dutch, as they are stored and shown.

    ``rules``: the round's ``RoundRules`` when the caller has them (loaded here when not);
    ``registered``: whether the carer was found in the registry, when the caller already looked
    (``registry_match``). The application's keys (``search_name`` …) are those ``save`` sets."""
    round_ = application.round
    rules = rules or RoundRules.load(round_)
    if registered is None and round_.requires_registration and application.caregiver_id is None:
        registered = (
            registry_match(
                municipality=application.municipality_id,
                first_name=application.first_name,
                last_name=application.last_name,
                date_of_birth=application.date_of_birth,
            )
            is not None
        )
    earlier = _earlier_candidates(application, round_)
    with translation.override("nl"):
        return _evaluate(application, round_, rules, bool(registered), earlier)


def check_many(round: Round, applications: list[Application]) -> dict[int, list[dict]]:  # noqa: A002
    """``check`` for many (stored) applications of one round at once, by pk: the same results
    in a fixed number of queries — the rules and postcodes, the registry and every active
    application of the round are read in bulk, and each application is compared with the
    earlier ones in memory."""
    round = Round.objects.get(pk=round.pk)  # the rules as stored, as each application reads them
    rules = RoundRules.load(round)
    rules.preload([a.postcode for a in applications] + [a.recipient_postcode for a in applications])
    registered = set()
    if round.requires_registration:
        wanted = [a for a in applications if a.caregiver_id is None and a.date_of_birth]
        registered = _registered_in_bulk(round.municipality_id, wanted)
    by_carer, by_caregiver, by_recipient, by_household = {}, {}, {}, {}
    rows = _active(round.pk).order_by("pk").values_list(*_EARLIER_FIELDS)
    for row in rows.iterator(chunk_size=2000):
        other = Earlier(*row)
        if other.search_name and other.date_of_birth:
            by_carer.setdefault((other.search_name, other.date_of_birth), []).append(other)
        if other.caregiver_id:
            by_caregiver.setdefault(other.caregiver_id, []).append(other)
        if other.recipient_key:
            by_recipient.setdefault(other.recipient_key, []).append(other)
        if other.household_key:
            by_household.setdefault(other.household_key, []).append(other)
    results = {}
    with translation.override("nl"):
        for application in applications:
            application.round = round
            found = {}
            if application.search_name and application.date_of_birth:
                for other in by_carer.get((application.search_name, application.date_of_birth), ()):
                    found[other.pk] = other
            if application.caregiver_id:
                for other in by_caregiver.get(application.caregiver_id, ()):
                    found[other.pk] = other
            if (
                round.per_recipient == constants.PerRecipient.ONE_CARER
                and application.recipient_key
            ):
                for other in by_recipient.get(application.recipient_key, ()):
                    found[other.pk] = other
            if round.household_cap is not None and application.household_key:
                for other in by_household.get(application.household_key, ()):
                    found[other.pk] = other
            earlier = sorted(
                (other for pk, other in found.items() if pk < application.pk),
                key=lambda other: other.pk,
            )
            results[application.pk] = _evaluate(
                application, round, rules, application.pk in registered, earlier
            )
    return results


def _registered_in_bulk(municipality_id: int, applications: list[Application]) -> set[int]:
    """The pks of ``applications`` whose carer ``registry_match`` finds, in one query."""
    from omzien.caregivers.models import Caregiver

    names = {fold(f"{a.first_name} {a.last_name}") for a in applications}
    found = set(
        Caregiver.objects.registered()
        .filter(municipality_id=municipality_id, search_name__in=names)
        .values_list("search_name", "date_of_birth")
    )
    return {
        a.pk
        for a in applications
        if (fold(f"{a.first_name} {a.last_name}"), a.date_of_birth) in found
    }


def _evaluate(
    application: Application,
    round_: Round,
    rules: RoundRules,
    registered: bool,
    earlier: list[Earlier],
) -> list[dict]:
    """The checks on the facts both paths gathered: ``earlier`` are the round's earlier active
    applications sharing the carer, the care recipient or the household, by pk."""
    day = application.received_on
    failed = []

    if not round_.opens_on <= day <= round_.closes_on:
        failed.append(
            _fail(
                constants.Check.OUTSIDE_WINDOW,
                _("Received on %(day)s, outside the application period %(from)s – %(to)s.")
                % {
                    "day": day.strftime("%d-%m-%Y"),
                    "from": round_.opens_on.strftime("%d-%m-%Y"),
                    "to": round_.closes_on.strftime("%d-%m-%Y"),
                },
            )
        )

    if rules.band(application.date_of_birth, day) is None:
        if application.date_of_birth is None:
            message = _("The carer's date of birth is missing.")
        else:
            message = _(
                "On %(day)s the carer is %(age)s: no age band of this round covers that."
            ) % {"day": day.strftime("%d-%m-%Y"), "age": age_on(application.date_of_birth, day)}
        failed.append(_fail(constants.Check.AGE, message))

    hours = application.hours_per_week
    if hours is None or Decimal(hours) < round_.min_hours_per_week:
        failed.append(
            _fail(
                constants.Check.HOURS,
                _("At least %(min)s hours of care a week are needed; %(hours)s were given.")
                % {
                    "min": localize(round_.min_hours_per_week),
                    "hours": localize(hours if hours is not None else 0),
                },
            )
        )

    since = application.care_since
    if since is None or add_months(since, round_.min_duration_months) > day:
        failed.append(
            _fail(
                constants.Check.DURATION,
                _("The care must have lasted at least %(months)s months when applying.")
                % {"months": round_.min_duration_months},
            )
        )

    rule = round_.residence_rule
    if rule != constants.ResidenceRule.NONE:
        carer_in = rule in (
            constants.ResidenceRule.CARER,
            constants.ResidenceRule.EITHER,
        ) and rules.in_municipality(application.postcode)
        recipient_in = rule in (
            constants.ResidenceRule.RECIPIENT,
            constants.ResidenceRule.EITHER,
        ) and rules.in_municipality(application.recipient_postcode)
        if not (carer_in or recipient_in):
            message = {
                constants.ResidenceRule.CARER: _(
                    "The carer's postcode is not in the municipality."
                ),
                constants.ResidenceRule.RECIPIENT: _(
                    "The care recipient's postcode is not in the municipality."
                ),
                constants.ResidenceRule.EITHER: _(
                    "Neither the carer's nor the care recipient's postcode is in the municipality."
                ),
            }[rule]
            failed.append(_fail(constants.Check.RESIDENCE, message))

    if round_.requires_registration and application.caregiver_id is None and not registered:
        failed.append(
            _fail(
                constants.Check.NOT_REGISTERED,
                _("The carer is not in the carer registry; register first."),
            )
        )

    if round_.excludes_usual_care and application.usual_care:
        failed.append(
            _fail(
                constants.Check.USUAL_CARE,
                _("Usual care between partners or from parents for young children."),
            )
        )
    if round_.excludes_paid_care and application.paid_care:
        failed.append(_fail(constants.Check.PAID_CARE, _("The carer is paid for this care.")))

    failed.extend(_duplicates(application, round_, earlier))
    return failed


def _duplicates(application: Application, round_: Round, earlier: list[Earlier]) -> list[dict]:
    failed = []
    first = next((other.number for other in earlier if _same_carer(application, other)), None)
    if first:
        failed.append(
            _fail(
                constants.Check.DUPLICATE_CARER,
                _("This carer already applied in this round (%(number)s).") % {"number": first},
            )
        )

    if round_.per_recipient == constants.PerRecipient.ONE_CARER and application.recipient_key:
        first = next(
            (o.number for o in earlier if o.recipient_key == application.recipient_key), None
        )
        if first:
            failed.append(
                _fail(
                    constants.Check.DUPLICATE_RECIPIENT,
                    _(
                        "An appreciation for this care recipient was already applied for "
                        "(%(number)s)."
                    )
                    % {"number": first},
                )
            )

    if round_.household_cap is not None and application.household_key:
        others = sum(
            (
                o.amount
                for o in earlier
                if o.household_key == application.household_key and o.amount is not None
            ),
            Decimal("0"),
        )
        own = application.amount or Decimal("0")
        if others + own > round_.household_cap:
            failed.append(
                _fail(
                    constants.Check.HOUSEHOLD_CAP,
                    _(
                        "This household already has %(others)s; with this application it "
                        "would exceed the maximum of %(cap)s."
                    )
                    % {"others": euro(others), "cap": euro(round_.household_cap)},
                )
            )
    return failed
