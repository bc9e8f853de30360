from django.urls import include, path

from omzien.academy.views import budget, courses, members, volunteers

app_name = "academy"

course_patterns = [
    path("", courses.course_list, name="courses"),
    path("new/", courses.course_new, name="course_new"),
    path("<int:pk>/", courses.course_detail, name="course"),
    path("enrolments/<int:pk>/attendance/", courses.attendance, name="attendance"),
    path("enrolments/<int:pk>/qualification/", courses.qualify, name="qualify"),
]

budget_patterns = [
    path("requests/", budget.requests, name="requests"),
    path("budget/", budget.budget, name="budget"),
    path("budget/amount/", budget.budget_set, name="budget_set"),
    path("budget/bookings/new/", budget.booking_new, name="booking_new"),
    path("budget/bookings/<int:pk>/status/", budget.booking_status, name="booking_status"),
]

member_patterns = [
    path("organisation/", members.organisation_mine, name="organisation_mine"),
    path("organisation/<int:pk>/", members.organisation, name="organisation"),
    path(
        "organisation/<int:pk>/dates/<int:occurrence>/",
        members.organisation_enrol,
        name="organisation_enrol",
    ),
    path(
        "organisation/<int:pk>/request/", members.organisation_request, name="organisation_request"
    ),
]

volunteer_patterns = [
    path("mine/", volunteers.mine, name="mine"),
    path("mine/enrol/", volunteers.enrol, name="enrol"),
    path("mine/certificates/<int:pk>/", volunteers.certificate, name="certificate"),
]

urlpatterns = [
    path(
        "academy/",
        include(course_patterns + budget_patterns + member_patterns + volunteer_patterns),
    ),
]
