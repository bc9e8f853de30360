from django.urls import include, path

from omzien.volunteering.views import (
    allowances,
    campaigns,
    figures,
    hours,
    organisations,
    profiles,
    queue,
    responses,
    suggestions,
    vacancies,
    vog,
)

app_name = "volunteering"

# One pattern list per topic; the view modules have the same names. What residents, volunteers
# and organisation members see and share has Dutch paths under /vrijwilligerswerk/; the brokers'
# pages (the *_broker_patterns) stay under /volunteering/ (docs/adr/0010-dutch-public-paths.md).
organisations_patterns = [
    # Public.
    path("organisaties/", organisations.organisation_public_list, name="organisation_public_list"),
    path("organisaties/<int:pk>/", organisations.organisation_public, name="organisation_public"),
    # Registration and the members' pages.
    path(
        "organisatie-aanmelden/", organisations.organisation_register, name="organisation_register"
    ),
    path("mijn-organisaties/", organisations.organisation_mine, name="organisation_mine"),
    path(
        "mijn-organisaties/<int:pk>/wijzigen/",
        organisations.organisation_edit,
        name="organisation_edit",
    ),
    path(
        "mijn-organisaties/<int:pk>/leden/",
        organisations.organisation_members,
        name="organisation_members",
    ),
    path(
        "mijn-organisaties/<int:pk>/leden/<int:member>/rol/",
        organisations.organisation_member_role,
        name="organisation_member_role",
    ),
    path(
        "mijn-organisaties/<int:pk>/leden/<int:member>/verwijderen/",
        organisations.organisation_member_remove,
        name="organisation_member_remove",
    ),
    path(
        "mijn-organisaties/<int:pk>/uitnodigingen/<int:invitation>/intrekken/",
        organisations.organisation_invitation_cancel,
        name="organisation_invitation_cancel",
    ),
    path(
        "mijn-organisaties/<int:pk>/verlaten/",
        organisations.organisation_leave,
        name="organisation_leave",
    ),
    # The link in an invitation e-mail.
    path(
        "organisatie-uitnodiging/<str:token>/",
        organisations.organisation_invitation,
        name="organisation_invitation",
    ),
]

organisations_broker_patterns = [
    path(
        "organisation-review/",
        organisations.organisation_review_list,
        name="organisation_review_list",
    ),
    path(
        "organisation-review/<int:pk>/",
        organisations.organisation_review,
        name="organisation_review",
    ),
    path(
        "organisation-review/<int:pk>/approve/",
        organisations.organisation_approve,
        name="organisation_approve",
    ),
]

vacancies_patterns = [
    # Public.
    path("vacatures/", vacancies.vacancy_search, name="vacancy_search"),
    path(
        "vacatures/woonplaatsen/",
        vacancies.vacancy_search_localities,
        name="vacancy_search_localities",
    ),
    path("vacatures/<int:pk>/", vacancies.vacancy_detail, name="vacancy_detail"),
    # Organisation members.
    path("mijn-vacatures/", vacancies.vacancy_mine, name="vacancy_mine"),
    path(
        "mijn-organisaties/<int:organisation>/vacatures/nieuw/",
        vacancies.vacancy_create,
        name="vacancy_create",
    ),
    path("mijn-vacatures/<int:pk>/", vacancies.vacancy_manage, name="vacancy_manage"),
    path("mijn-vacatures/<int:pk>/wijzigen/", vacancies.vacancy_edit, name="vacancy_edit"),
    path("mijn-vacatures/<int:pk>/status/", vacancies.vacancy_status, name="vacancy_status"),
]

vacancies_broker_patterns = [
    path("vacancy-review/", vacancies.vacancy_review_list, name="vacancy_review_list"),
    path("vacancy-review/<int:pk>/", vacancies.vacancy_review, name="vacancy_review"),
]

profiles_patterns = [
    # The resident's own profile.
    path("mijn-profiel/", profiles.profile_mine, name="profile_mine"),
    path("mijn-profiel/nieuw/<int:municipality>/", profiles.profile_create, name="profile_create"),
    path("mijn-profiel/<int:pk>/wijzigen/", profiles.profile_edit, name="profile_edit"),
    path("mijn-profiel/<int:pk>/pauzeren/", profiles.profile_pause, name="profile_pause"),
    path("mijn-profiel/<int:pk>/verwijderen/", profiles.profile_delete, name="profile_delete"),
    # The link a broker sends to hand an assisted profile over.
    path("mijn-profiel/overnemen/<str:token>/", profiles.profile_claim, name="profile_claim"),
]

profiles_broker_patterns = [
    path("volunteers/", profiles.volunteer_list, name="volunteer_list"),
    path("volunteers/new/", profiles.volunteer_new, name="volunteer_new"),
    path("volunteers/<int:pk>/", profiles.volunteer_detail, name="volunteer_detail"),
    path("volunteers/<int:pk>/edit/", profiles.volunteer_edit, name="volunteer_edit"),
    path("volunteers/<int:pk>/pause/", profiles.volunteer_pause, name="volunteer_pause"),
    path("volunteers/<int:pk>/invite/", profiles.volunteer_invite, name="volunteer_invite"),
    path("volunteers/<int:pk>/delete/", profiles.volunteer_delete, name="volunteer_delete"),
]

responses_patterns = [
    # Volunteers.
    path("vacatures/<int:pk>/reageren/", responses.response_create, name="response_create"),
    path("mijn-reacties/", responses.response_mine, name="response_mine"),
    path(
        "mijn-reacties/<int:pk>/status/",
        responses.response_volunteer_status,
        name="response_volunteer_status",
    ),
    path(
        "mijn-plaatsingen/<int:pk>/antwoorden/",
        responses.placement_volunteer_answer,
        name="placement_volunteer_answer",
    ),
    # Organisation members.
    path("mijn-vacatures/reacties/", responses.response_waiting, name="response_waiting"),
    path(
        "mijn-vacatures/<int:pk>/reacties/", responses.vacancy_responses, name="vacancy_responses"
    ),
    path("reacties/<int:pk>/status/", responses.response_status, name="response_status"),
    path(
        "plaatsingen/<int:pk>/startdatum/",
        responses.placement_start_date,
        name="placement_start_date",
    ),
    path("plaatsingen/<int:pk>/starten/", responses.placement_start, name="placement_start"),
    path("plaatsingen/<int:pk>/beeindigen/", responses.placement_end, name="placement_end"),
    path(
        "plaatsingen/<int:pk>/doorschuiven/",
        responses.placement_move_up,
        name="placement_move_up",
    ),
    path("contactmomenten/<int:pk>/gedaan/", responses.check_in_done, name="check_in_done"),
]

responses_broker_patterns = [
    path(
        "vacancy-review/<int:pk>/responses/",
        responses.broker_vacancy_responses,
        name="broker_vacancy_responses",
    ),
    path(
        "vacancy-review/<int:pk>/responses/volunteers/",
        responses.broker_propose_picker,
        name="broker_propose_picker",
    ),
    path(
        "broker/responses/<int:pk>/agreement/",
        responses.broker_record_agreement,
        name="broker_record_agreement",
    ),
    path(
        "broker/placements/<int:pk>/override/",
        responses.placement_override,
        name="placement_override",
    ),
]

queue_broker_patterns = [
    path("work-queue/", queue.work_queue, name="work_queue"),
    path("work-queue/welcomed/<int:pk>/", queue.queue_welcomed, name="queue_welcomed"),
    path(
        "work-queue/check-ins/<int:pk>/done/",
        queue.queue_check_in_done,
        name="queue_check_in_done",
    ),
    path("figures/", figures.figures, name="figures"),
]

campaigns_patterns = [
    # Public.
    path("campagnes/", campaigns.campaign_public_list, name="campaign_public_list"),
    path("campagnes/<int:pk>/", campaigns.campaign_public, name="campaign_public"),
    path("campagnes/<int:pk>/bedankt/", campaigns.campaign_thanks, name="campaign_thanks"),
]

campaigns_broker_patterns = [
    path("campaign-management/", campaigns.campaign_list, name="campaign_list"),
    path("campaign-management/new/", campaigns.campaign_create, name="campaign_create"),
    path("campaign-management/<int:pk>/", campaigns.campaign_manage, name="campaign_manage"),
    path("campaign-management/<int:pk>/edit/", campaigns.campaign_edit, name="campaign_edit"),
    path(
        "campaign-management/<int:pk>/tasks/add/",
        campaigns.campaign_add_task,
        name="campaign_add_task",
    ),
    path(
        "campaign-management/<int:pk>/tasks/remove/",
        campaigns.campaign_remove_task,
        name="campaign_remove_task",
    ),
    path(
        "campaign-management/<int:pk>/sign-ups/",
        campaigns.campaign_signups,
        name="campaign_signups",
    ),
]

hours_patterns = [
    # Volunteers.
    path("mijn-uren/", hours.hours_mine, name="hours_mine"),
    path("mijn-plaatsingen/<int:pk>/uren/", hours.hours_log, name="hours_log"),
    # Organisation members.
    path("mijn-vacatures/uren/", hours.hours_inbox, name="hours_inbox"),
    path("uren/<int:pk>/beoordelen/", hours.hours_review, name="hours_review"),
    path("mijn-vacatures/<int:pk>/uren/", hours.hours_group, name="hours_group"),
    path("mijn-organisaties/<int:pk>/uren/", hours.hours_organisation, name="hours_organisation"),
    path(
        "mijn-organisaties/<int:pk>/uren/export/",
        hours.hours_organisation_export,
        name="hours_organisation_export",
    ),
]

allowances_patterns = [
    # Organisation members.
    path(
        "plaatsingen/<int:pk>/vergoedingen/",
        allowances.allowance_placement,
        name="allowance_placement",
    ),
    path(
        "mijn-organisaties/<int:pk>/vergoedingen/",
        allowances.allowance_organisation,
        name="allowance_organisation",
    ),
]

allowances_admin_patterns = [
    path("settings/", allowances.volunteering_settings, name="volunteering_settings"),
]

hours_broker_patterns = [
    path("hours/", hours.hours_broker, name="hours_broker"),
    path("hours/export/", hours.hours_broker_export, name="hours_broker_export"),
]

vog_patterns = [
    # Volunteers.
    path("mijn-profiel/<int:pk>/vog/", vog.vog_mine, name="vog_mine"),
    path(
        "certificaten/<int:pk>/verwijderen/",
        vog.qualification_remove,
        name="qualification_remove",
    ),
    # Organisation members.
    path("reacties/<int:pk>/vog-aanvragen/", vog.vog_request_start, name="vog_request_start"),
    path(
        "vog-aanvragen/<int:pk>/intrekken/", vog.vog_request_withdraw, name="vog_request_withdraw"
    ),
    path(
        "mijn-organisaties/<int:pk>/certificaten/",
        vog.qualification_organisation,
        name="qualification_organisation",
    ),
]

vog_broker_patterns = [
    path("certificates/", vog.qualification_broker, name="qualification_broker"),
    path(
        "vog-requests/<int:pk>/received/",
        vog.broker_vog_request_receive,
        name="broker_vog_request_receive",
    ),
]

suggestions_patterns = [
    path("mijn-profiel/<int:pk>/verbergen/", suggestions.suggestion_hide, name="suggestion_hide"),
    path(
        "mijn-profiel/<int:pk>/verborgen-tonen/",
        suggestions.suggestion_show_hidden,
        name="suggestion_show_hidden",
    ),
    path(
        "mijn-vacatures/<int:pk>/vrijwilligers/",
        suggestions.vacancy_volunteers,
        name="vacancy_volunteers",
    ),
]

suggestions_broker_patterns = [
    path("volunteers/<int:pk>/propose/", suggestions.volunteer_propose, name="volunteer_propose"),
]

# omzien/urls.py includes this module at the root: both prefixes share the namespace.
urlpatterns = [
    path(
        "vrijwilligerswerk/",
        include(
            organisations_patterns
            + vacancies_patterns
            + profiles_patterns
            + responses_patterns
            + campaigns_patterns
            + hours_patterns
            + allowances_patterns
            + suggestions_patterns
            + vog_patterns
        ),
    ),
    path(
        "volunteering/",
        include(
            organisations_broker_patterns
            + vacancies_broker_patterns
            + profiles_broker_patterns
            + responses_broker_patterns
            + queue_broker_patterns
            + campaigns_broker_patterns
            + hours_broker_patterns
            + allowances_admin_patterns
            + suggestions_broker_patterns
            + vog_broker_patterns
        ),
    ),
]

# The English paths the public pages had before (under /volunteering/): omzien/urls.py answers
# them with a permanent redirect (omzien.ui.redirects.moved), each segment translated.
moved_first_segments = (
    "organisations",
    "register-organisation",
    "my-organisations",
    "organisation-invitation",
    "vacancies",
    "my-vacancies",
    "my-profile",
    "my-responses",
    "my-placements",
    "responses",
    "placements",
    "check-ins",
    "campaigns",
)
moved_segments = {
    "organisations": "organisaties",
    "register-organisation": "organisatie-aanmelden",
    "my-organisations": "mijn-organisaties",
    "edit": "wijzigen",
    "members": "leden",
    "role": "rol",
    "remove": "verwijderen",
    "invitations": "uitnodigingen",
    "withdraw": "intrekken",
    "leave": "verlaten",
    "organisation-invitation": "organisatie-uitnodiging",
    "vacancies": "vacatures",
    "localities": "woonplaatsen",
    "my-vacancies": "mijn-vacatures",
    "new": "nieuw",
    "my-profile": "mijn-profiel",
    "pause": "pauzeren",
    "delete": "verwijderen",
    "take-over": "overnemen",
    "respond": "reageren",
    "my-responses": "mijn-reacties",
    "my-placements": "mijn-plaatsingen",
    "answer": "antwoorden",
    "responses": "reacties",
    "placements": "plaatsingen",
    "start-date": "startdatum",
    "start": "starten",
    "end": "beeindigen",
    "move-up": "doorschuiven",
    "check-ins": "contactmomenten",
    "done": "gedaan",
    "campaigns": "campagnes",
    "thank-you": "bedankt",
    "hide": "verbergen",
    "show-hidden": "verborgen-tonen",
    "volunteers": "vrijwilligers",
}
