"""Expense allowances: the organisation records them per placement (warned when the volunteer
would pass a tax-free maximum across organisations), sees its own totals; the functional
administrator sets the maxima."""

from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from omzien.accounts.constants import Role
from omzien.accounts.permissions import staff_required
from omzien.common.services import Actor
from omzien.ui.actions import form_page, perform
from omzien.ui.municipality import working_municipality
from omzien.volunteering.forms.allowances import AllowanceForm, VolunteeringSettingsForm
from omzien.volunteering.models import VolunteeringSettings
from omzien.volunteering.permissions import member_organisation, member_required
from omzien.volunteering.selectors import allowances as selectors
from omzien.volunteering.selectors.responses import placement_for_member
from omzien.volunteering.services import allowances as services


@member_required
def allowance_placement(request, pk):
    """One placement's allowances (this organisation's only) and the form to add one. An
    amount that passes a tax-free maximum is shown with the warning, to confirm or change."""
    placement = placement_for_member(user=request.user, pk=pk)
    form = AllowanceForm(request.POST or None)
    warning = ""
    if request.method == "POST" and form.is_valid():
        result = perform(
            request,
            lambda: services.allowance_record(
                placement=placement,
                date=form.cleaned_data["date"],
                amount=form.cleaned_data["amount"],
                kind=form.cleaned_data["kind"],
                note=form.cleaned_data["note"],
                token=form.cleaned_data["token"],
                confirmed=form.cleaned_data["confirmed"],
                actor=Actor.from_request(request),
            ),
            form=form,
            success=_("The allowance has been recorded."),
        )
        if result:
            return redirect("volunteering:allowance_placement", pk=placement.pk)
        if result.error is not None and result.error.code == "over_maximum":
            warning = " ".join(result.error.messages)
            form = AllowanceForm(
                initial={**form.cleaned_data, "confirmed": True},
            )
    year = timezone.localdate().year
    context = {
        "placement": placement,
        "form": form,
        "warning": warning,
        "allowances": selectors.allowances_of_placement(placement=placement),
        "year": year,
        "year_total": selectors.placement_year_allowances(placement=placement, year=year),
    }
    return render(request, "volunteering/allowances/placement.html", context)


@member_required
def allowance_organisation(request, pk):
    """The organisation's own allowances per volunteer in a year."""
    organisation = member_organisation(request.user, pk)
    today = timezone.localdate()
    years = list(range(today.year, today.year - 5, -1))
    try:
        year = int(request.GET.get("year", today.year))
    except ValueError:
        year = today.year
    year = year if year in years else today.year
    context = {
        "organisation": organisation,
        "year": year,
        "years": years,
        "volunteers": selectors.organisation_allowances(organisation_id=organisation.pk, year=year),
        "settings": VolunteeringSettings.for_municipality(organisation.municipality),
    }
    return render(request, "volunteering/allowances/organisation.html", context)


@staff_required(Role.MUNICIPALITY_ADMIN)
def volunteering_settings(request):
    """The functional administrator sets the tax-free maxima of the volunteer allowance."""
    municipalities = request.user.municipalities((Role.MUNICIPALITY_ADMIN,))
    municipality = working_municipality(request, municipalities)
    current = VolunteeringSettings.for_municipality(municipality)
    form = VolunteeringSettingsForm(request.POST or None, instance=current)
    return form_page(
        request,
        form,
        lambda data: services.volunteering_settings_update(
            settings=current,
            data=data,
            version=data.get("version"),
            actor=Actor.from_request(request),
        ),
        success=_("The volunteering settings have been saved."),
        done=request.get_full_path(),
        conflict_to=request.get_full_path(),
        template="volunteering/allowances/settings.html",
        context={"municipality": municipality, "municipality_choice": municipalities},
    )
