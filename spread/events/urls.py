from django.urls import path

from spread.events import views

urlpatterns = [
    path("", views.event_list, name="events"),
    path("new/", views.event_create, name="event_create"),
    path("leads/", views.my_leads, name="my_leads"),
    path("leads/<int:pk>/", views.lead_edit, name="lead_edit"),
    path("registrations/<int:pk>/cancel/", views.registration_cancel, name="registration_cancel"),
    path(
        "registrations/<int:pk>/cancel/<str:token>/",
        views.registration_cancel_token,
        name="registration_cancel_token",
    ),
    path("<int:pk>/", views.event_detail, name="event"),
    path("<int:pk>/event.ics", views.event_calendar, name="event_ics"),
    path("<int:pk>/edit/", views.event_edit, name="event_edit"),
    path("<int:pk>/cancel/", views.event_cancel, name="event_cancel"),
    path("<int:pk>/register/", views.event_register, name="event_register"),
    path("<int:pk>/exhibit/", views.exhibitor_apply, name="exhibitor_apply"),
    path("<int:pk>/exhibitors/<int:exhibitor_pk>/decide/", views.exhibitor_decide, name="exhibitor_decide"),
    path("<int:pk>/exhibitors/<int:exhibitor_pk>/withdraw/", views.exhibitor_withdraw, name="exhibitor_withdraw"),
    path("<int:pk>/exhibitors/<int:exhibitor_pk>/interest/", views.lead_create, name="lead_create"),
    path("<int:pk>/attendance/", views.attendance, name="event_attendance"),
]
