from urllib.parse import quote

from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from omzien.accounts.permissions import public
from omzien.tenants.reference import reference
from omzien.ui.actions import form_page, perform
from omzien.ui.pagination import paginate, render_page_or_part
from omzien.volunteering import constants
from omzien.volunteering.forms.vacancies import (
    SendBackForm,
    TransitionForm,
    VacancyForm,
    VacancySearchForm,
)
from omzien.volunteering.permissions import broker_required, member_organisation, member_required
from omzien.volunteering.selectors import vacancies as selectors
from omzien.volunteering.selectors.organisations import public_contact
from omzien.volunteering.selectors.profiles import home_municipality_id
from omzien.volunteering.services import vacancies as services
from omzien.volunteering.services.vacancies import Actor
from omzien.volunteering.workflows import BROKER, MEMBER


def _describe(vacancy) -> None:
    """Readable labels for the codes a vacancy stores, for the templates."""
    vacancy.domain_labels = selectors.labels(vacancy.domains, constants.Domain.choices)
    vacancy.target_group_labels = selectors.labels(
        vacancy.target_groups, constants.TargetGroup.choices
    )
    vacancy.language_labels = selectors.labels(vacancy.languages, constants.LANGUAGES)
    vacancy.schedule = selectors.day_part_schedule(vacancy.day_parts)


# --- Public ----------------------------------------------------------------------------------


# A functional cookie (no session, no database row for a visitor who only looks): the
# municipality the visitor chose last, "" for "All municipalities".
SEARCH_MUNICIPALITY = "omzien_vacancy_municipality"
SEARCH_MUNICIPALITY_DAYS = 365


def _search_data(request):
    """The search's GET data, with the visitor's municipality when they did not choose one:
    the one chosen before (remembered in a cookie), else a logged-in visitor's own (profile or
    membership). Choosing "All municipalities" is remembered too."""
    data = request.GET.copy()
    if "municipality" in data:
        return data
    remembered = request.COOKIES.get(SEARCH_MUNICIPALITY)
    if remembered is None or (remembered and not _is_active_municipality(remembered)):
        home = home_municipality_id(user=request.user)
        remembered = str(home) if home else ""
    if remembered:
        data["municipality"] = remembered
    return data


def _is_active_municipality(value: str) -> bool:
    return value.isdigit() and int(value) in reference().municipalities


def _remember_municipality(request, response) -> None:
    if "municipality" not in request.GET:
        return
    chosen = request.GET.get("municipality") or ""
    if chosen and not _is_active_municipality(chosen):
        return
    if request.COOKIES.get(SEARCH_MUNICIPALITY) != chosen:
        response.set_cookie(
            SEARCH_MUNICIPALITY,
            chosen,
            max_age=SEARCH_MUNICIPALITY_DAYS * 24 * 60 * 60,
            secure=settings.SESSION_COOKIE_SECURE,
            httponly=True,
            samesite="Lax",
        )


@public
def vacancy_search(request):
    data = _search_data(request)
    form = VacancySearchForm(data or None)
    results = selectors.vacancy_search(**form.filters()).only(*selectors.RESULT_FIELDS)
    page, query = paginate(request, results, per_page=services.PAGE_SIZE)
    for vacancy in page:  # a result shows its day-parts, not its other codes
        vacancy.schedule_text = selectors.schedule_text(vacancy.day_parts)
    context = {"form": form, "page": page, "query": query, "searching": bool(request.GET)}
    response = render_page_or_part(
        request,
        "volunteering/vacancies/search.html",
        "volunteering/vacancies/_results.html",
        context,
    )
    _remember_municipality(request, response)
    return response


@public
def vacancy_search_localities(request):
    """The village select of the search for the chosen municipality (htmx swaps it in)."""
    form = VacancySearchForm(request.GET or None)
    return render(
        request, "volunteering/vacancies/_locality_field.html", {"field": form["locality"]}
    )


@public
def vacancy_detail(request, pk):
    vacancy = selectors.vacancy_public_get(pk=pk, user=request.user)
    _describe(vacancy)
    url = request.build_absolute_uri(reverse("volunteering:vacancy_detail", args=[vacancy.pk]))
    share_text = f"{vacancy.title} – {url}"
    context = {
        "vacancy": vacancy,
        "share_url": url,
        "mail_link": "mailto:?subject="
        + quote(vacancy.title)
        + "&body="
        + quote(_("Perhaps something for you: %s") % share_text),
        "whatsapp_link": "https://wa.me/?text=" + quote(share_text),
        "is_member": services.is_member(request.user, vacancy.organisation_id),
        "contact": public_contact(vacancy.organisation, vacancy),
    }
    return render(request, "volunteering/vacancies/detail.html", context)


# --- Organisation members --------------------------------------------------------------------


@member_required
def vacancy_mine(request):
    organisations = selectors.vacancy_mine(user=request.user)
    return render(request, "volunteering/vacancies/mine.html", {"organisations": organisations})


@member_required
def vacancy_create(request, organisation):
    organisation = member_organisation(request.user, organisation)
    form = VacancyForm(request.POST or None, organisation=organisation)
    return form_page(
        request,
        form,
        lambda data: services.vacancy_create(
            organisation=organisation, data=form.service_data(), actor=Actor.from_request(request)
        ),
        success=_("The vacancy is saved as a draft. Submit it for review when it is ready."),
        done=lambda vacancy: reverse("volunteering:vacancy_manage", args=[vacancy.pk]),
        template="volunteering/vacancies/form.html",
        context={"organisation": organisation, "vacancy": None},
    )


@member_required
def vacancy_edit(request, pk):
    vacancy = selectors.vacancy_for_member(user=request.user, pk=pk)
    if vacancy.status not in services.EDITABLE_STATES:
        messages.error(request, _("A closed vacancy can no longer be changed."))
        return redirect("volunteering:vacancy_manage", pk=pk)
    form = VacancyForm(request.POST or None, instance=vacancy, organisation=vacancy.organisation)
    return form_page(
        request,
        form,
        lambda data: services.vacancy_update(
            vacancy=vacancy,
            version=data.get("version") or 0,
            data=form.service_data(),
            actor=Actor.from_request(request),
        ),
        success=_("The changes have been saved."),
        conflict=_(
            "Someone else changed this vacancy while you were editing. Nothing was "
            "saved: below are the current details; make your change again."
        ),
        done=reverse("volunteering:vacancy_manage", args=[pk]),
        conflict_to=reverse("volunteering:vacancy_edit", args=[pk]),
        template="volunteering/vacancies/form.html",
        context={"organisation": vacancy.organisation, "vacancy": vacancy},
    )


@member_required
def vacancy_manage(request, pk):
    vacancy = selectors.vacancy_for_member(user=request.user, pk=pk)
    _describe(vacancy)
    context = {
        "vacancy": vacancy,
        "steps": selectors.allowed_transitions(vacancy=vacancy, user=request.user, by=MEMBER),
        "history": selectors.vacancy_history(vacancy=vacancy),
        "editable": vacancy.status in services.EDITABLE_STATES,
    }
    return render(request, "volunteering/vacancies/manage.html", context)


@member_required
@require_POST
def vacancy_status(request, pk):
    vacancy = selectors.vacancy_for_member(user=request.user, pk=pk)
    form = TransitionForm(request.POST)
    if form.is_valid():
        result = perform(
            request,
            lambda: services.vacancy_transition(
                vacancy=vacancy,
                to_status=form.cleaned_data["to_status"],
                note=form.cleaned_data["note"],
                actor=Actor.from_request(request),
            ),
        )
        if result:
            messages.success(
                request,
                _("The vacancy is now: %s.") % result.value.get_status_display().lower(),
            )
    else:
        messages.error(request, _("This change of status is not possible."))
    return redirect("volunteering:vacancy_manage", pk=pk)


# --- Brokers ---------------------------------------------------------------------------------


@broker_required
def vacancy_review_list(request):
    page, query = paginate(request, selectors.vacancy_review_list(user=request.user), per_page=50)
    return render(
        request, "volunteering/vacancies/review_list.html", {"page": page, "query": query}
    )


@broker_required
def vacancy_review(request, pk):
    vacancy = selectors.vacancy_for_broker(user=request.user, pk=pk)
    form = SendBackForm(request.POST or None)
    if request.method == "POST":
        actor = Actor.from_request(request)
        if request.POST.get("action") == "publish":
            published = perform(
                request,
                lambda: services.vacancy_transition(
                    vacancy=vacancy, to_status=constants.VacancyStatus.PUBLISHED, actor=actor
                ),
                success=_("The vacancy is published."),
            )
            if published:
                return redirect("volunteering:vacancy_review_list")
            return redirect("volunteering:vacancy_review", pk=pk)
        if form.is_valid():
            sent_back = perform(
                request,
                lambda: services.vacancy_transition(
                    vacancy=vacancy,
                    to_status=constants.VacancyStatus.DRAFT,
                    note=form.cleaned_data["note"],
                    actor=actor,
                ),
                form=form,
                success=_("The vacancy has been sent back to the organisation."),
            )
            if sent_back:
                return redirect("volunteering:vacancy_review_list")
    _describe(vacancy)
    context = {
        "vacancy": vacancy,
        "form": form,
        "steps": dict(selectors.allowed_transitions(vacancy=vacancy, user=request.user, by=BROKER)),
        "history": selectors.vacancy_history(vacancy=vacancy),
    }
    return render(request, "volunteering/vacancies/review.html", context)
