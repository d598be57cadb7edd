from django.urls import path

from surveys.rounds import views

urlpatterns = [
    path("", views.round_list, name="rounds"),
    path("questionnaire/", views.questionnaire, name="questionnaire"),
    path("questionnaire/versions/<int:pk>/", views.version_detail, name="version"),
    path("questionnaire/versions/<int:pk>/new/", views.version_new, name="version_new"),
    path("questionnaire/versions/<int:pk>/add/", views.question_add, name="question_add"),
    path("questionnaire/questions/<int:pk>/edit/", views.question_edit, name="question_edit"),
    path("questionnaire/questions/<int:pk>/remove/", views.question_remove, name="question_remove"),
    path("questionnaire/questions/<int:pk>/move/", views.question_move, name="question_move"),
    path("rounds/add/", views.round_add, name="round_add"),
    path("rounds/<int:pk>/", views.round_detail, name="round"),
    path("rounds/<int:pk>/edit/", views.round_edit, name="round_edit"),
    path("rounds/<int:pk>/open/", views.round_open, name="round_open"),
    path("rounds/<int:pk>/version/", views.round_switch, name="round_version"),
    path("rounds/<int:pk>/close/", views.round_close, name="round_close"),
    path("rounds/<int:pk>/delete/", views.round_delete, name="round_delete"),
]
