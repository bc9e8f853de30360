"""Demo carers: Heerde's registry as the seeds describe it, with a history that looks real.

Heerde has "308 adult and 86 young carers registered; the coordinator has intensive contact
with 30 of them ... and regular contact with 27 young carers" (seed 000). Dalfsen gets a
smaller registry. Everything goes through the services, so the timeline, the early
warnings and the audit trail are what the application itself would have written.
"""

import random
from contextlib import contextmanager
from datetime import date, timedelta

from django.contrib.auth import get_user_model
from django.db.models import Max
from django.utils import timezone

from omzien.accounts.constants import Role
from omzien.accounts.models import Membership
from omzien.caregivers import constants as caregivers_constants
from omzien.caregivers.models import BurdenWarning, Caregiver, CaregiverEvent
from omzien.caregivers.services.caregivers import (
    Actor,
    caregiver_end_care,
    caregiver_register,
    contact_record,
)
from omzien.common.dates import age_on
from omzien.demo.moments import date_notifications, office_hours
from omzien.demo.names import FIRST_NAMES, LAST_NAMES, POSTCODE_LETTER_PAIRS
from omzien.demo.registry import register_loader
from omzien.tenants.models import Municipality

DEMO_SIZES = {"heerde": (308, 86), "dalfsen": (120, 30)}
INTENSIVE = {"heerde": (30, 27), "dalfsen": (10, 8)}
GUARDIAN_FIRST_NAMES = ["Karin", "Mark", "Sandra", "Erik", "Linda", "Jeroen"]
STREETS = [
    "Dorpsstraat",
    "Kerkstraat",
    "Molenweg",
    "Stationsweg",
    "Beukenlaan",
    "Eikenlaan",
    "Zwolseweg",
    "Veldweg",
    "Bongerd",
    "Hoofdweg",
]
TOPICS = [
    "Hoe gaat het thuis?",
    "Respijtzorg besproken",
    "Aanvraag mantelzorgwaardering",
    "Uitnodiging lotgenotenbijeenkomst",
    "Zorgen over overbelasting",
    "Nazorg na verlies",
    "Combinatie werk en zorg",
    "Huiswerkbegeleiding jonge mantelzorger",
]
NEED_WEIGHTS = [
    (caregivers_constants.NeedKind.AGEING, 5),
    (caregivers_constants.NeedKind.DEMENTIA, 4),
    (caregivers_constants.NeedKind.PHYSICAL_ILLNESS, 4),
    (caregivers_constants.NeedKind.DISABILITY, 2),
    (caregivers_constants.NeedKind.PSYCHIATRIC, 2),
    (caregivers_constants.NeedKind.TERMINAL, 1),
    (caregivers_constants.NeedKind.ADDICTION, 1),
]


# How the demo's carers came in, in the order the weights below give them (a source added
# later, such as a home visit's referral, does not change the demo).
_S = caregivers_constants.Source
DEMO_SOURCES = [
    _S.SELF,
    _S.GP,
    _S.SCHOOL,
    _S.SOCIAL_WORKER,
    _S.HOME_CARE,
    _S.WMO_CONSULTANT,
    _S.CAMPAIGN,
    _S.APPRECIATION,
    _S.OTHER,
]


def _pick(rng, weighted):
    items, weights = zip(*weighted, strict=True)
    return rng.choices(items, weights=weights)[0]


@contextmanager
def _on(caregiver: Caregiver, day: date):
    """Demo history happened in the past: what the services inside write on the carer's
    timeline (a screening and its early warning are two events) took place on ``day``."""
    events = CaregiverEvent.objects.filter(caregiver=caregiver)
    warnings = BurdenWarning.objects.filter(caregiver=caregiver)
    last_event = events.aggregate(last=Max("pk"))["last"] or 0
    last_warning = warnings.aggregate(last=Max("pk"))["last"] or 0
    yield
    events.filter(pk__gt=last_event).update(occurred_at=office_hours(day))
    warnings.filter(pk__gt=last_warning).update(created_at=office_hours(day))


def _work_study(drawn: str, age: int) -> str:
    """A plausible answer for an adult carer of ``age``: past the state pension age they
    neither work nor study; from thirty, who studies mostly works too."""
    if age >= 67:
        return caregivers_constants.WorkStudy.NEITHER
    if age >= 30 and drawn == caregivers_constants.WorkStudy.STUDIES:
        return caregivers_constants.WorkStudy.BOTH
    return drawn


def _postcodes(municipality) -> list[tuple[str, str]]:
    return [
        (pc.code, locality.name)
        for locality in municipality.localities.prefetch_related("postcodes")
        for pc in locality.postcodes.all()
    ]


def _load_municipality(municipality, rng: random.Random, today: date) -> int:
    consultants = list(
        get_user_model()
        .objects.filter(memberships__municipality=municipality, memberships__role=Role.CONSULTANT)
        .order_by("email")
    )
    lead = next((u for u in consultants if u.email.startswith("consulent.")), consultants[0])
    actor = Actor(user=lead)
    postcodes = _postcodes(municipality)
    adults, young = DEMO_SIZES[municipality.slug]
    intensive_adults, intensive_young = INTENSIVE[municipality.slug]
    created = 0
    for index in range(adults + young):
        is_young = index >= adults
        age = (
            rng.randint(9, 17)
            if is_young
            else rng.choice([rng.randint(19, 24)] + [rng.randint(25, 88)] * 9)
        )
        born = today - timedelta(days=age * 365 + rng.randint(0, 364))
        registered = today - timedelta(days=rng.randint(20, 5 * 365))
        pc4, town = rng.choice(postcodes)
        reach_by = rng.choices(["phone", "post", "email"], weights=[4, 3, 3])[0]
        first = rng.choice(FIRST_NAMES)
        last = rng.choice(LAST_NAMES)
        data = {
            "first_name": first,
            "last_name": last,
            "date_of_birth": born,
            "email": f"{first.lower()}.{index}@voorbeeld.test"
            if reach_by == "email" or rng.random() < 0.3
            else "",
            "phone": f"0578-{rng.randint(100000, 999999)}",
            "street_address": f"{rng.choice(STREETS)} {rng.randint(1, 150)}",
            "postcode": f"{pc4} {rng.choice(POSTCODE_LETTER_PAIRS)}",
            "town": town,
            "reach_by": reach_by,
            # Most registered carers get the monthly newsletter (seed 000), by e-mail where
            # they gave an address and otherwise by post; no extra random draw, so the rest
            # of the demo stays the same.
            "newsletter": "none"
            if index % 7 == 0
            else ("email" if reach_by == "email" else "post"),
            "work_study": caregivers_constants.WorkStudy.STUDIES
            if is_young
            else _work_study(rng.choice(list(caregivers_constants.WorkStudy.values)), age),
            "source": rng.choices(
                DEMO_SOURCES, weights=[5, 3, 2 if is_young else 0.2, 2, 1, 2, 1, 1, 1]
            )[0],
            "filled_in_by": caregivers_constants.FilledInBy.PARENT
            if is_young and rng.random() < 0.6
            else caregivers_constants.FilledInBy.CONSULTANT,
            "helper_name": "Ouder van de mantelzorger" if is_young else "",
            "legal_basis": caregivers_constants.LegalBasis.CONSENT,
            "consent_given_on": registered,
        }
        if data["filled_in_by"] == caregivers_constants.FilledInBy.CONSULTANT:
            data["helper_name"] = ""
        if age_on(born, registered) < caregivers_constants.CONSENT_AGE:
            # Under 16 a parent or guardian consents (UAVG art. 5); no draw from rng, so the
            # rest of the demo stays as it was.
            data["consent_by"] = caregivers_constants.ConsentBy.GUARDIAN
            data["consent_guardian_name"] = f"{GUARDIAN_FIRST_NAMES[index % 6]} {last}"
        relationship = {
            "recipient_name": rng.choice(["M.", "J.", "Mien", "Henk", "Opa", "Mama", "Papa", "B."]),
            "relationship": rng.choice(
                [
                    caregivers_constants.Relationship.PARENT,
                    caregivers_constants.Relationship.OTHER_FAMILY,
                ]
            )
            if is_young
            else rng.choice(list(caregivers_constants.Relationship.values)),
            "need_kind": _pick(rng, NEED_WEIGHTS),
            "hours_band": rng.choice(list(caregivers_constants.HoursBand.values)),
            "lives_together": rng.random() < 0.5,
            "started_on": registered - timedelta(days=rng.randint(90, 2000)),
            "tasks": rng.sample(list(caregivers_constants.CareTask.values), k=rng.randint(1, 3)),
        }
        caregiver = caregiver_register(
            municipality=municipality,
            data=data,
            relationships=[relationship],
            consultant=lead,
            actor=actor,
            allow_duplicate=True,
        )
        Caregiver.objects.filter(pk=caregiver.pk).update(registered_on=registered)
        CaregiverEvent.objects.filter(caregiver=caregiver).update(
            occurred_at=office_hours(registered)
        )
        intensive = (index < intensive_adults) or (is_young and index - adults < intensive_young)
        contacts = rng.randint(3, 8) if intensive else rng.randint(0, 2)
        planned, day = [], registered
        for _n in range(contacts):
            day = day + timedelta(days=rng.randint(14, 120))
            gap = rng.randint(7, 60) if intensive else None
            channel = rng.choices(["phone", "visit", "email", "group"], weights=[6, 2, 1, 1])[0]
            planned.append((day, gap, channel, rng.choice(TOPICS)))
        for day, gap, channel, topic in _contact_days(planned, intensive, index, today):
            with _on(caregiver, day):
                contact_record(
                    caregiver=caregiver,
                    contact_on=day,
                    channel=channel,
                    topic=topic,
                    notes="",
                    next_contact_on=day + timedelta(days=gap) if gap else None,
                    actor=actor,
                )
        if intensive:
            Caregiver.objects.filter(pk=caregiver.pk).update(intensive_contact=True)
        _demo_screenings_and_referrals(caregiver, rng, registered, today, actor)
        if not is_young and rng.random() < 0.06:
            drawn = rng.randint(5, 600)
            if today - timedelta(days=drawn) > registered:
                reason = rng.choice(list(caregivers_constants.EndReason.values))
                _end_care(caregiver, drawn, reason, today, actor)
        created += 1
    _deal_with_old_warnings(municipality, lead, today)
    _incoming_referrals(municipality, lead, today)
    return created


# The referrer's referrals (``verwijzer.<municipality>``), fixed rather than drawn so that the
# rest of the demo stays as it was: two wait on the consultants' queue, one was taken on for a
# carer who is registered already, one was not taken on. Each: days ago, as whom, the carer
# (first and last name, age, phone, e-mail) or None for the registered one, the support the
# referrer suggests, why, and what the consultant did (None: waiting).
INCOMING = (
    (
        1,
        caregivers_constants.Source.GP,
        ("Marjan", "Hofstede", 61, "06 23456789", ""),
        caregivers_constants.ReferralTarget.RESPITE_CARE,
        "Zorgt sinds een half jaar voor haar man met dementie en slaapt slecht. Ze wil weten "
        "welke ondersteuning er is.",
        None,
    ),
    (
        3,
        caregivers_constants.Source.SCHOOL,
        ("Daan", "Kuipers", 15, "", "ouders.kuipers@voorbeeld.test"),
        "",
        "Helpt thuis veel voor zijn moeder met MS; de mentor merkt dat hij moe is en "
        "huiswerk laat liggen. Ouders weten van deze aanmelding.",
        None,
    ),
    (
        24,
        caregivers_constants.Source.HOME_CARE,
        None,
        caregivers_constants.ReferralTarget.PEER_SUPPORT,
        "De thuiszorg ziet dat de zorg voor haar moeder zwaarder wordt; ze zoekt contact met "
        "andere mantelzorgers.",
        caregivers_constants.IncomingStatus.ACCEPTED,
    ),
    (
        40,
        caregivers_constants.Source.SOCIAL_WORKER,
        ("Henk", "Brouwer", 70, "0578 612 345", ""),
        "",
        "Zorgt voor zijn zus na haar beroerte.",
        "Meneer wil op dit moment geen contact; hij belt zelf als het nodig is.",
    ),
)


def _incoming_referrals(municipality, lead, today: date) -> None:
    from omzien.caregivers.models import IncomingReferral, IncomingReferralTransition
    from omzien.caregivers.services.referrals import (
        incoming_accept,
        incoming_decline,
        incoming_submit,
    )

    referrer = (
        get_user_model().objects.filter(email=f"verwijzer.{municipality.slug}@omzien.test").first()
    )
    if referrer is None:
        return
    code, _locality = _postcodes(municipality)[0]
    known = (
        Caregiver.objects.filter(
            municipality=municipality,
            status=caregivers_constants.CaregiverStatus.ACTIVE,
            registered_on__lt=today - timedelta(days=60),
        )
        .exclude(phone="")
        .order_by("pk")[5]
    )
    for index, (days, kind, carer, target, reason, outcome) in enumerate(INCOMING):
        if carer is None:
            first, last, born, phone, email = (
                known.first_name,
                known.last_name,
                known.date_of_birth,
                known.phone,
                known.email,
            )
            postcode = known.postcode
        else:
            first, last, age, phone, email = carer
            born = date(today.year - age, 1 + index * 3, 12)
            postcode = f"{code} {POSTCODE_LETTER_PAIRS[index]}"
        incoming = incoming_submit(
            municipality=municipality,
            submitted_by=referrer,
            data={
                "referrer_kind": kind,
                "first_name": first,
                "last_name": last,
                "date_of_birth": born,
                "phone": phone,
                "email": email,
                "postcode": postcode,
                "suggested_target": target,
                "reason": reason,
                "consent_confirmed": True,
            },
        )
        sent = office_hours(today - timedelta(days=days))
        handled = sent + timedelta(days=2, hours=3)
        # Sent then: a referral that taking it on makes is dated by it.
        IncomingReferral.objects.filter(pk=incoming.pk).update(created_at=sent)
        incoming.created_at = sent
        if outcome == caregivers_constants.IncomingStatus.ACCEPTED:
            with _on(known, handled.date()):
                incoming_accept(incoming=incoming, caregiver=known, actor=Actor(user=lead))
        elif outcome:
            incoming_decline(incoming=incoming, reason=outcome, actor=Actor(user=lead))
        IncomingReferral.objects.filter(pk=incoming.pk).update(
            handled_at=handled if outcome else None
        )
        transitions = IncomingReferralTransition.objects.filter(incoming=incoming)
        transitions.filter(from_status="").update(created_at=sent)
        transitions.exclude(from_status="").update(created_at=handled)
        date_notifications(
            f"incoming_referral:{incoming.pk}", sent, read=handled if outcome else None
        )


# What a consultant wrote when they dealt with an early warning (chosen by the warning's place
# in the list, not drawn, so the rest of the demo stays as it was).
RESOLUTIONS = (
    "Mantelzorger gebeld; respijtzorg via de dagbesteding geregeld.",
    "Huisbezoek gedaan; lotgenotengroep en cursus Omgaan met stress aangeboden.",
    "Gesprek gevoerd; het sociaal team is ingeschakeld voor huishoudelijke hulp.",
    "Gebeld; de mantelzorger redt het weer met hulp van de kinderen.",
)


def _deal_with_old_warnings(municipality, consultant, today: date) -> None:
    """The consultant dealt with every early warning older than six weeks, about a week after
    it came in; the newer ones are still open on the early warnings page. The notifications
    of the warnings came in with them, and were read when they were dealt with."""
    from omzien.caregivers.services.screening import alert_resolve

    warnings = (
        BurdenWarning.objects.filter(caregiver__municipality=municipality)
        .select_related("caregiver")
        .order_by("pk")
    )
    dealt = 0
    for warning in warnings:
        key = f"burden_warning:{warning.pk}"
        date_notifications(key, warning.created_at)
        if warning.created_at >= office_hours(today - timedelta(weeks=6)):
            continue
        dealt_on = timezone.localdate(warning.created_at) + timedelta(days=7)
        with _on(warning.caregiver, dealt_on):
            alert_resolve(
                alert=warning,
                resolution=RESOLUTIONS[dealt % len(RESOLUTIONS)],
                actor=Actor(user=consultant),
            )
        BurdenWarning.objects.filter(pk=warning.pk).update(resolved_at=office_hours(dealt_on))
        date_notifications(key, warning.created_at, read=office_hours(dealt_on))
        dealt += 1


def _contact_days(planned: list, intensive: bool, index: int, today: date) -> list:
    """The contact moments of ``planned`` (day, days to the next contact, channel, topic) as
    they happened. A carer with intensive contact is seen regularly up to now: a series that
    ended long ago moves forward so that its last contact lies a few days to three weeks
    back (so a few of them are overdue, not all). Contacts that would lie in the future are
    left out: a carer registered recently has had fewer."""
    happened = [item for item in planned if item[0] <= today]
    if intensive and happened:
        shift = today - timedelta(days=3 + index % 20) - happened[-1][0]
        if shift.days > 0:
            happened = [(day + shift, *rest) for day, *rest in happened]
    return happened


def _end_care(caregiver, drawn: int, reason: str, today: date, actor) -> None:
    """The care ended after everything the demo recorded for the carer and within the
    municipality's after-care period (after it the carer's data is erased), and two weeks
    later the consultant called (the after-care contact the service plans)."""
    window = caregiver.municipality.aftercare_months * 30
    latest = timezone.localdate(
        CaregiverEvent.objects.filter(caregiver=caregiver).aggregate(last=Max("occurred_at"))[
            "last"
        ]
    )
    ended = max(today - timedelta(days=5 + drawn % (window - 10)), latest + timedelta(days=7))
    if ended >= today:
        return
    with _on(caregiver, ended):
        caregiver_end_care(caregiver=caregiver, ended_on=ended, reason=reason, actor=actor)
    called = ended + timedelta(days=14)
    if called < today:
        with _on(caregiver, called):
            contact_record(
                caregiver=caregiver,
                contact_on=called,
                channel="phone",
                topic="Nazorg na verlies"
                if reason == caregivers_constants.EndReason.DECEASED
                else "Nazorg na het einde van de zorg",
                actor=actor,
            )


def _demo_screenings_and_referrals(caregiver, rng, registered, today, actor) -> None:
    from omzien.caregivers.services.referrals import referral_create
    from omzien.caregivers.services.screening import screening_record

    if rng.random() < 0.45:
        taken = registered + timedelta(days=rng.randint(0, 60))
        for _n in range(rng.randint(1, 3)):
            if taken > today:
                break
            if rng.random() < 0.5:
                instrument = caregivers_constants.Instrument.GGD
                answers = [rng.choices(range(5), weights=[3, 4, 3, 1, 1])[0]]
            else:
                instrument = caregivers_constants.Instrument.EDIZ
                answers = [rng.choices(range(5), weights=[3, 3, 2, 2, 1])[0] for _ in range(9)]
            with _on(caregiver, taken):
                screening_record(
                    caregiver=caregiver,
                    instrument=instrument,
                    answers=answers,
                    taken_on=taken,
                    actor=actor,
                )
            taken += timedelta(days=rng.randint(90, 300))
    if rng.random() < 0.25:
        # Not all on the load day: those that would lie ahead were made yesterday.
        yesterday = today - timedelta(days=1)
        referred = max(
            registered, min(yesterday, registered + timedelta(days=rng.randint(10, 300)))
        )
        target = rng.choice(list(caregivers_constants.ReferralTarget.values))
        with _on(caregiver, referred):
            referral_create(
                caregiver=caregiver,
                target=target,
                target_detail="Zorgboerderij De Bongerd" if target == "other_organisation" else "",
                reason="Even op adem komen en ondersteuning dichtbij",
                referred_on=referred,
                follow_up_on=referred + timedelta(days=30)
                if referred + timedelta(days=30) > today
                else None,
                actor=actor,
            )


def load() -> dict[str, int]:
    """Idempotent: a municipality that has carers already is left alone."""
    rng = random.Random(308)  # noqa: S311 - deterministic demo data
    today = timezone.localdate()
    counts = {"caregivers": 0}
    for slug in DEMO_SIZES:
        municipality = Municipality.objects.get(slug=slug)
        if Caregiver.objects.filter(municipality=municipality).exists():
            continue
        if not Membership.objects.filter(municipality=municipality, role=Role.CONSULTANT).exists():
            continue
        counts["caregivers"] += _load_municipality(municipality, rng, today)
    counts.update(load_campaigns())
    return counts


register_loader("caregivers", load, after=["accounts"])  # the campaign pages too


# --- Campaign pages (issue 13 point 5): Heerde's Week van de mantelzorg and Dag van de
# mantelzorg, in the coming November (this year's while it is not over).

CAMPAIGNS = {
    "heerde": [
        {
            "kind": caregivers_constants.CampaignKind.CARERS_WEEK,
            "title": "Week van de mantelzorg",
            "slug": "week-van-de-mantelzorg",
            "intro": (
                "In november zetten we in Heerde, Wapenveld en Veessen alle mantelzorgers in "
                "het zonnetje. Zorgt u voor iemand? Dan is deze week ook voor u."
            ),
            "body": (
                "Doet u de boodschappen voor uw moeder? Regelt u de administratie van uw "
                "buurman? Brengt u uw vader naar het ziekenhuis? Dan bent u mantelzorger. "
                "Veel mensen weten dat niet van zichzelf.\n\n"
                "In de Week van de mantelzorg organiseren Stip en de gemeente Heerde een "
                "lunch, een wandeling en een informatieavond over respijtzorg: even rust, "
                "terwijl iemand anders de zorg overneemt.\n\n"
                "Doe de check en kijk wat bij u past. U kunt ook bellen met de "
                "mantelzorgconsulent van Stip."
            ),
            "call_to_action": caregivers_constants.CallToAction.CHECK,
            "period": (1, 30),
        },
        {
            "kind": caregivers_constants.CampaignKind.CARERS_DAY,
            "title": "Dag van de mantelzorg",
            "slug": "dag-van-de-mantelzorg",
            "intro": (
                "Op 10 november is het de Dag van de mantelzorg. Gemeente Heerde bedankt "
                "iedereen die zorgt voor een naaste."
            ),
            "body": (
                "Op de Dag van de mantelzorg staan we stil bij alles wat mantelzorgers doen. "
                "Vaak zonder dat iemand het ziet.\n\n"
                "Bent u aangemeld als mantelzorger? Dan krijgt u een uitnodiging voor de "
                "middag in het dorpshuis. Nog niet aangemeld? Dat kan hier."
            ),
            "call_to_action": caregivers_constants.CallToAction.REGISTER,
            "period": (1, 10),
        },
        {
            # Runs around the day the demo is loaded, so that a visitor sees a campaign in any
            # month (the two above are visible in November only).
            "kind": caregivers_constants.CampaignKind.OTHER,
            "title": "Even op adem komen",
            "slug": "even-op-adem-komen",
            "intro": (
                "Zorgt u al lang voor iemand? Dan is even rust geen luxe. In Heerde zijn er "
                "vrijwilligers en organisaties die de zorg een dagdeel overnemen."
            ),
            "body": (
                "Respijtzorg betekent dat iemand anders de zorg even overneemt, zodat u iets "
                "voor uzelf kunt doen: een middag weg, een nacht doorslapen, een paar dagen "
                "vakantie.\n\n"
                "Dat kan thuis, met een vrijwilliger van Stip, in de dagopvang of met een "
                "logeerweekend. Wat bij u past, hangt af van uw situatie.\n\n"
                "Doe de check en kijk welke ondersteuning er voor u is."
            ),
            "call_to_action": caregivers_constants.CallToAction.CHECK,
            "around_today": (-14, 60),
        },
    ]
}


def load_campaigns() -> dict[str, int]:
    """Idempotent: a page whose address the municipality uses already is left alone."""
    from omzien.caregivers.models import CampaignPage
    from omzien.caregivers.services.campaigns import campaign_create

    today = timezone.localdate()
    year = today.year if today <= date(today.year, 11, 30) else today.year + 1
    made = 0
    for slug, pages in CAMPAIGNS.items():
        municipality = Municipality.objects.filter(slug=slug).first()
        editor = (
            Membership.objects.filter(
                municipality=municipality, role=Role.CONSULTANT, is_active=True
            )
            .select_related("user")
            .order_by("pk")
            .first()
        )
        if municipality is None or editor is None:
            continue
        for page in pages:
            if CampaignPage.objects.filter(municipality=municipality, slug=page["slug"]).exists():
                continue
            data = {k: v for k, v in page.items() if k not in {"period", "around_today"}}
            if "around_today" in page:
                before, after = page["around_today"]
                data["visible_from"] = today + timedelta(days=before)
                data["visible_until"] = today + timedelta(days=after)
            else:
                first, last = page["period"]
                data["visible_from"] = date(year, 11, first)
                data["visible_until"] = date(year, 11, last)
            campaign_create(municipality=municipality, data=data, actor=Actor(user=editor.user))
            made += 1
    return {"campaign_pages": made}
