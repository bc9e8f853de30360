"""``/api/v1/``: the public REST API (docs/api.md). Resource names are English, as in the
code; the public web pages they mirror are given in each item's ``page_url``."""

from django.urls import path, re_path

from omzien.api.views import (
    activities,
    directory,
    indicators,
    partner,
    root,
    schema,
    volunteering,
)

app_name = "api"

urlpatterns = [
    path("", root.Root.as_view(), name="root"),
    path("schema/", schema.Schema.as_view(), name="schema"),
    path("docs/", schema.Docs.as_view(), name="docs"),
    path("vacancies/", volunteering.VacancyList.as_view(), name="vacancy_list"),
    path("vacancies/<int:pk>/", volunteering.VacancyDetail.as_view(), name="vacancy_detail"),
    path("organisations/", volunteering.OrganisationList.as_view(), name="organisation_list"),
    path(
        "organisations/<int:pk>/",
        volunteering.OrganisationDetail.as_view(),
        name="organisation_detail",
    ),
    path("social-map/", directory.EntryList.as_view(), name="entry_list"),
    path("social-map/<int:pk>/", directory.EntryDetail.as_view(), name="entry_detail"),
    path("social-map/hsds/<slug:municipality>/", directory.HsdsExport.as_view(), name="hsds"),
    path("activities/", activities.ActivityList.as_view(), name="activity_list"),
    path("activities/dates/", activities.OccurrenceList.as_view(), name="occurrence_list"),
    path("activities/<int:pk>/", activities.ActivityDetail.as_view(), name="activity_detail"),
    path("indicators/", indicators.ProgrammeList.as_view(), name="indicator_list"),
    path("indicators/<int:pk>/", indicators.ProgrammeIndicators.as_view(), name="indicator_detail"),
    # For partner systems, with a key (docs/api.md, "Partner keys").
    path("partner/carers/", partner.CarerCreate.as_view(), name="partner_carer_create"),
    path("partner/referrals/", partner.ReferralList.as_view(), name="partner_referral_list"),
    path(
        "partner/referrals/<int:pk>/",
        partner.ReferralDetail.as_view(),
        name="partner_referral_detail",
    ),
    path("partner/vacancies/", partner.PartnerVacancyList.as_view(), name="partner_vacancy_list"),
    path(
        "partner/vacancies/<int:pk>/",
        partner.PartnerVacancyDetail.as_view(),
        name="partner_vacancy_detail",
    ),
    path(
        "partner/vacancies/<int:pk>/status/",
        partner.PartnerVacancyStatus.as_view(),
        name="partner_vacancy_status",
    ),
    path("partner/responses/", partner.PartnerResponseList.as_view(), name="partner_response_list"),
    path(
        "partner/responses/<int:pk>/",
        partner.PartnerResponseDetail.as_view(),
        name="partner_response_detail",
    ),
    path(
        "partner/responses/<int:pk>/status/",
        partner.PartnerResponseStatus.as_view(),
        name="partner_response_status",
    ),
    # Last: any other address ending in a slash is a 404 problem (without the slash Django's
    # APPEND_SLASH redirects here first).
    re_path(r"^(?P<rest>.+/)$", root.Unknown.as_view(), name="unknown"),
]
