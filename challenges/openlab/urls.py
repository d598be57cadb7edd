from django.urls import path

from challenges.openlab import views

urlpatterns = [
    path("", views.overview, name="openlab"),
    path("universities/", views.university_list, name="openlab_universities"),
    path("universities/<int:pk>/", views.university_detail, name="openlab_university"),
    path("invitation/<str:token>/", views.invitation, name="openlab_invitation"),
    path("needs/<int:need_pk>/assign/", views.assignment_create, name="assignment_create"),
    path("assignments/<int:pk>/", views.assignment_detail, name="assignment"),
    path("assignments/<int:pk>/edit/", views.assignment_edit, name="assignment_edit"),
    path("assignments/<int:pk>/cancel/", views.assignment_cancel, name="assignment_cancel"),
    path("assignments/<int:pk>/propose/", views.project_propose, name="project_propose"),
    path("projects/<int:pk>/", views.project_detail, name="project"),
    path("projects/<int:pk>/decide/", views.project_decide, name="project_decide"),
    path("projects/<int:pk>/milestones/", views.milestone_add, name="project_milestone_add"),
    path("projects/<int:pk>/milestones/<int:milestone_pk>/done/", views.milestone_done, name="project_milestone_done"),
    path("projects/<int:pk>/files/", views.deliverable_add, name="project_deliverable_add"),
    path("projects/<int:pk>/files/<int:file_pk>/", views.deliverable_download, name="project_file"),
    path("projects/<int:pk>/complete/", views.project_complete, name="project_complete"),
    path("projects/<int:pk>/idea/", views.project_idea, name="project_idea"),
]
