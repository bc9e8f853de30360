from django.urls import path

from omzien.volunteering.views import (
    campaigns,
    figures,
    organisations,
    profiles,
    queue,
    responses,
    suggestions,
    vacancies,
)

app_name = "volunteering"

# One pattern list per topic; the view modules have the same names.
organisations_patterns = [
    # Public.
    path("organisations/", organisations.organisation_public_list, name="organisation_public_list"),
    path("organisations/<int:pk>/", organisations.organisation_public, name="organisation_public"),
    # Registration and the members' pages.
    path(
        "register-organisation/", organisations.organisation_register, name="organisation_register"
    ),
    path("my-organisations/", organisations.organisation_mine, name="organisation_mine"),
    path(
        "my-organisations/<int:pk>/edit/", organisations.organisation_edit, name="organisation_edit"
    ),
    path(
        "my-organisations/<int:pk>/members/",
        organisations.organisation_members,
        name="organisation_members",
    ),
    path(
        "my-organisations/<int:pk>/members/<int:member>/role/",
        organisations.organisation_member_role,
        name="organisation_member_role",
    ),
    path(
        "my-organisations/<int:pk>/members/<int:member>/remove/",
        organisations.organisation_member_remove,
        name="organisation_member_remove",
    ),
    path(
        "my-organisations/<int:pk>/invitations/<int:invitation>/withdraw/",
        organisations.organisation_invitation_cancel,
        name="organisation_invitation_cancel",
    ),
    path(
        "my-organisations/<int:pk>/leave/",
        organisations.organisation_leave,
        name="organisation_leave",
    ),
    # The link in an invitation e-mail.
    path(
        "organisation-invitation/<str:token>/",
        organisations.organisation_invitation,
        name="organisation_invitation",
    ),
    # Brokers.
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
    path("vacancies/", vacancies.vacancy_search, name="vacancy_search"),
    path(
        "vacancies/localities/",
        vacancies.vacancy_search_localities,
        name="vacancy_search_localities",
    ),
    path("vacancies/<int:pk>/", vacancies.vacancy_detail, name="vacancy_detail"),
    # Organisation members.
    path("my-vacancies/", vacancies.vacancy_mine, name="vacancy_mine"),
    path(
        "my-organisations/<int:organisation>/vacancies/new/",
        vacancies.vacancy_create,
        name="vacancy_create",
    ),
    path("my-vacancies/<int:pk>/", vacancies.vacancy_manage, name="vacancy_manage"),
    path("my-vacancies/<int:pk>/edit/", vacancies.vacancy_edit, name="vacancy_edit"),
    path("my-vacancies/<int:pk>/status/", vacancies.vacancy_status, name="vacancy_status"),
    # Brokers.
    path("vacancy-review/", vacancies.vacancy_review_list, name="vacancy_review_list"),
    path("vacancy-review/<int:pk>/", vacancies.vacancy_review, name="vacancy_review"),
]

profiles_patterns = [
    # The resident's own profile.
    path("my-profile/", profiles.profile_mine, name="profile_mine"),
    path("my-profile/new/<int:municipality>/", profiles.profile_create, name="profile_create"),
    path("my-profile/<int:pk>/edit/", profiles.profile_edit, name="profile_edit"),
    path("my-profile/<int:pk>/pause/", profiles.profile_pause, name="profile_pause"),
    path("my-profile/<int:pk>/delete/", profiles.profile_delete, name="profile_delete"),
    # The link a broker sends to hand an assisted profile over.
    path("my-profile/take-over/<str:token>/", profiles.profile_claim, name="profile_claim"),
    # Brokers.
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
    path("vacancies/<int:pk>/respond/", responses.response_create, name="response_create"),
    path("my-responses/", responses.response_mine, name="response_mine"),
    path(
        "my-responses/<int:pk>/status/",
        responses.response_volunteer_status,
        name="response_volunteer_status",
    ),
    path(
        "my-placements/<int:pk>/answer/",
        responses.placement_volunteer_answer,
        name="placement_volunteer_answer",
    ),
    # Organisation members.
    path("my-vacancies/<int:pk>/responses/", responses.vacancy_responses, name="vacancy_responses"),
    path("responses/<int:pk>/status/", responses.response_status, name="response_status"),
    path(
        "placements/<int:pk>/start-date/",
        responses.placement_start_date,
        name="placement_start_date",
    ),
    path("placements/<int:pk>/start/", responses.placement_start, name="placement_start"),
    path("placements/<int:pk>/end/", responses.placement_end, name="placement_end"),
    path("placements/<int:pk>/move-up/", responses.placement_move_up, name="placement_move_up"),
    path("check-ins/<int:pk>/done/", responses.check_in_done, name="check_in_done"),
    # Brokers.
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

queue_patterns = [
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
    path("campaigns/", campaigns.campaign_public_list, name="campaign_public_list"),
    path("campaigns/<int:pk>/", campaigns.campaign_public, name="campaign_public"),
    path("campaigns/<int:pk>/thank-you/", campaigns.campaign_thanks, name="campaign_thanks"),
    # Brokers.
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

suggestions_patterns = [
    path("my-profile/<int:pk>/hide/", suggestions.suggestion_hide, name="suggestion_hide"),
    path(
        "my-profile/<int:pk>/show-hidden/",
        suggestions.suggestion_show_hidden,
        name="suggestion_show_hidden",
    ),
    path(
        "my-vacancies/<int:pk>/volunteers/",
        suggestions.vacancy_volunteers,
        name="vacancy_volunteers",
    ),
    path("volunteers/<int:pk>/propose/", suggestions.volunteer_propose, name="volunteer_propose"),
]

urlpatterns = (
    organisations_patterns
    + vacancies_patterns
    + profiles_patterns
    + responses_patterns
    + queue_patterns
    + campaigns_patterns
    + suggestions_patterns
)
