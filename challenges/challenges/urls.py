from django.urls import path

from challenges.challenges import views

urlpatterns = [
    path("", views.challenge_list, name="challenges"),
    path("from-need/<int:need_pk>/", views.challenge_create, name="challenge_create"),
    path("answers/<int:pk>/respond/", views.answer_respond, name="challenge_answer_respond"),
    path("<int:pk>/", views.challenge_detail, name="challenge"),
    path("<int:pk>/edit/", views.challenge_edit, name="challenge_edit"),
    path("<int:pk>/publish/", views.challenge_publish, name="challenge_publish"),
    path("<int:pk>/cancel/", views.challenge_cancel, name="challenge_cancel"),
    path("<int:pk>/close/", views.challenge_close, name="challenge_close"),
    path("<int:pk>/answer/", views.challenge_answer, name="challenge_answer"),
    path("<int:pk>/responses/", views.challenge_responses, name="challenge_responses"),
    path("<int:pk>/summary/", views.challenge_summary, name="challenge_summary"),
    path("<int:pk>/jury/", views.challenge_jury, name="challenge_jury"),
    path("<int:pk>/jury/send/", views.challenge_jury_send, name="challenge_jury_send"),
]
