"""Suggestions from the matching engine in the volunteer platform: "Voor u" for volunteers,
"not for me", and suitable volunteers for a vacancy (organisation: invite; broker: propose)."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count
from django.urls import reverse
from django.utils.translation import gettext as _

from omzien.common.links import absolute_url
from omzien.common.services import Actor
from omzien.privacy.audit import audit_by
from omzien.privacy.constants import AuditAction
from omzien.volunteering import constants as volunteering_constants
from omzien.volunteering import suggestion_engine
from omzien.volunteering.models import (
    HiddenSuggestion,
    SuggestionInvitation,
    Vacancy,
    VolunteerProfile,
)
from omzien.volunteering.permissions import BROKER_ROLES, is_member
from omzien.volunteering.selectors.responses import proposable_profiles
from omzien.volunteering.selectors.vacancies import public_vacancies
from omzien.volunteering.services.responses import (
    first_name,
    mail_on_commit,
    response_propose,
    volunteer_email,
)


def for_volunteer(
    *, profile: VolunteerProfile, k: int = 10
) -> list[suggestion_engine.VacancySuggestion]:
    return for_volunteers(profiles=[profile], k=k)[profile.pk]


def for_volunteers(*, profiles: list[VolunteerProfile], k: int = 10) -> dict[int, list]:
    """ "Voor u" for each of a resident's profiles (none while a profile is paused)."""
    active = [p for p in profiles if not p.paused]
    found = suggestion_engine.suggestions_for_profiles(active, k=k) if active else {}
    return {p.pk: found.get(p.pk, []) for p in profiles}


def hide(*, profile: VolunteerProfile, vacancy_id: int, actor: Actor) -> None:
    """ "Not for me": the engine never suggests this vacancy to the volunteer again."""
    if not Vacancy.objects.filter(pk=vacancy_id).exists():
        raise ValidationError(_("This vacancy no longer exists."), code="not_found")
    HiddenSuggestion.objects.get_or_create(profile=profile, vacancy_id=vacancy_id)


def show_hidden_again(*, profile: VolunteerProfile, actor: Actor) -> int:
    deleted, _rows = HiddenSuggestion.objects.filter(profile=profile).delete()
    return deleted


def add_for_you(profiles: list[VolunteerProfile]) -> None:
    """Give each of a resident's profiles its ``suggestions`` and ``hidden_count`` (how many
    vacancies were marked "not for me"), in a fixed number of queries."""
    found = for_volunteers(profiles=profiles)
    hidden = dict(
        HiddenSuggestion.objects.filter(profile__in=profiles)
        .values_list("profile")
        .annotate(n=Count("pk"))
        .values_list("profile", "n")
    )
    for profile in profiles:
        profile.suggestions = found[profile.pk]
        profile.hidden_count = hidden.get(profile.pk, 0)


def organisation_may_find(vacancy: Vacancy) -> bool:
    """An organisation finds volunteers only for a published vacancy of an approved
    organisation (``public_vacancies`` holds both)."""
    return public_vacancies().filter(pk=vacancy.pk).exists()


def organisation_profiles(vacancy: Vacancy):
    """Profiles an organisation may find for ``vacancy``: none unless the organisation is
    approved and the vacancy published; then active, in the region, findable by
    organisations. The suggestions list and the invitation both follow this one rule."""
    if not organisation_may_find(vacancy):
        return VolunteerProfile.objects.none()
    return VolunteerProfile.objects.filter(
        paused=False,
        findable_by=volunteering_constants.Findable.ORGANISATIONS,
        municipality_id__in=vacancy.municipality.region_municipality_ids(),
    )


def for_organisation(*, vacancy: Vacancy, actor: Actor, k: int = 10):
    """Suitable volunteers for an organisation's vacancy; each read is audited."""
    if not organisation_may_find(vacancy):
        return []
    found = suggestion_engine.suggestions_for_vacancy(
        vacancy, profiles=organisation_profiles(vacancy), findable_only=True, k=k
    )
    invited = set(
        SuggestionInvitation.objects.filter(vacancy=vacancy).values_list("profile_id", flat=True)
    )
    for suggestion in found:
        suggestion.invited = suggestion.profile.pk in invited
        suggestion.first_name = first_name(suggestion.profile)
    audit_by(
        AuditAction.VIEW,
        vacancy,
        actor,
        reason="suitable_volunteers",
        extra={"profiles": [s.profile.pk for s in found]},
    )
    return found


def for_broker(*, vacancy: Vacancy, actor: Actor, k: int = 10):
    found = suggestion_engine.suggestions_for_vacancy(
        vacancy,
        profiles=proposable_profiles(user=actor.user, vacancy=vacancy),
        findable_only=False,
        k=k,
    )
    audit_by(
        AuditAction.VIEW,
        vacancy,
        actor,
        reason="suitable_volunteers",
        extra={"profiles": [s.profile.pk for s in found]},
    )
    return found


def vacancies_for_broker(*, profile: VolunteerProfile, actor: Actor, k: int = 10):
    """Vacancies a broker could propose this volunteer for: open, fitting, in the broker's
    municipalities (the engine looks over the whole region)."""
    if profile.paused:
        return []
    mine = set(actor.user.municipality_ids_for(BROKER_ROLES))
    found = suggestion_engine.suggestions_for_profile(profile, k=3 * k, for_volunteer=False)
    return [s for s in found if s.vacancy.municipality_id in mine][:k]


def propose(*, profile: VolunteerProfile, vacancy_id: int, actor: Actor):
    """The broker proposes a suggested vacancy to the volunteer (the proposal flow)."""
    vacancy = (
        Vacancy.objects.visible_to(actor.user)
        .select_related("municipality")
        .filter(pk=vacancy_id)
        .first()
    )
    if vacancy is None:  # missing or not the broker's: the same answer
        raise ValidationError(_("This vacancy no longer exists."), code="not_found")
    return response_propose(vacancy=vacancy, profile=profile, message="", actor=actor)


def _not_invitable() -> ValidationError:
    # One answer for every refusal: the organisation cannot learn which profiles exist, have
    # an e-mail address or were invited by someone else.
    return ValidationError(
        _(
            "This volunteer cannot be invited for this vacancy. The volunteer broker can "
            "help you find volunteers."
        ),
        code="not_invitable",
    )


@transaction.atomic
def invite(*, vacancy: Vacancy, profile_id: int, actor: Actor) -> SuggestionInvitation:
    """An organisation invites a suggested volunteer to respond: one mail, never twice.

    Only an approved organisation, for a published vacancy, and only a profile it may find
    (``organisation_profiles``, the rule of its suggestions list); every refusal is the same
    ``not_invitable`` and mails nobody.
    """
    if not is_member(actor.user, vacancy.organisation_id):
        raise PermissionDenied
    profile = (
        organisation_profiles(vacancy)
        .exclude(responses__vacancy=vacancy)
        .exclude(suggestion_invitations__vacancy=vacancy)
        .select_related("user")
        .filter(pk=profile_id)
        .first()
    )
    email = volunteer_email(profile) if profile is not None else ""
    if not email:
        raise _not_invitable()
    try:
        with transaction.atomic():
            invitation = SuggestionInvitation.objects.create(
                vacancy=vacancy, profile=profile, invited_by=actor.user
            )
    except IntegrityError:
        raise _not_invitable() from None
    url = reverse("volunteering:vacancy_detail", args=[vacancy.pk])
    mail_on_commit(
        "suggestion_invitation",
        [email],
        {
            "name": first_name(profile),
            "organisation": vacancy.organisation.name,
            "title": vacancy.title,
            "url": absolute_url(actor.request, url),
        },
    )
    audit_by(
        AuditAction.CREATE, vacancy, actor, reason="invite_volunteer", extra={"profile": profile.pk}
    )
    return invitation
