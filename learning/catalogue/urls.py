from django.urls import path

from learning.catalogue import views

urlpatterns = [
    path("", views.catalogue, name="catalogue"),
    path("drafts/", views.drafts, name="drafts"),
    path("new/", views.course_new, name="course_new"),
    path("<int:pk>/", views.course_detail, name="course"),
    path("<int:pk>/edit/", views.course_edit, name="course_edit"),
    path("<int:pk>/publish/", views.course_publish, name="course_publish"),
    path("<int:pk>/withdraw/", views.course_withdraw, name="course_withdraw"),
    path("<int:pk>/check/", views.check, name="check"),
    path("<int:pk>/questions/", views.questions, name="questions"),
    path("<int:pk>/questions/add/", views.question_add, name="question_add"),
    path("questions/<int:pk>/edit/", views.question_edit, name="question_edit"),
    path("questions/<int:pk>/remove/", views.question_remove, name="question_remove"),
    path("questions/<int:pk>/move/", views.question_move, name="question_move"),
    path("<int:pk>/sessions/new/", views.session_new, name="session_new"),
    path("sessions/<int:pk>/edit/", views.session_edit, name="session_edit"),
    path("sessions/<int:pk>/cancel/", views.session_cancel, name="session_cancel"),
    path("sessions/<int:pk>/register/", views.session_register, name="session_register"),
    path("sessions/<int:pk>/unregister/", views.session_unregister, name="session_unregister"),
]
