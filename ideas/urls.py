from django.urls import path

from ideas import views

app_name = "ideas"
urlpatterns = [
    path("", views.idea_list_view, name="list"),
    path("new/", views.idea_create, name="create"),
    path("similar/", views.similar, name="similar"),
    path("triage/", views.triage, name="triage"),
    path("pipeline/", views.pipeline, name="pipeline"),
    path("lessons/", views.lessons, name="lessons"),
    path("<int:pk>/", views.idea_detail_view, name="detail"),
    path("<int:pk>/edit/", views.idea_edit, name="edit"),
    path("<int:pk>/decide/", views.decide, name="decide"),
    path("<int:pk>/publication/", views.publication, name="publication"),
    path("<int:pk>/coach/", views.assign_coach, name="coach"),
    path("<int:pk>/classify/", views.idea_classify, name="classify"),
    path("<int:pk>/assess/", views.assess, name="assess"),
    path("<int:pk>/comments/", views.comment, name="comment"),
    path("comments/<int:pk>/hide/", views.hide_comment, name="hide_comment"),
    path("<int:pk>/support/", views.support, name="support"),
    path("<int:pk>/follow/", views.follow, name="follow"),
    path("<int:pk>/attachments/", views.attach, name="attach"),
    path("attachments/<int:pk>/", views.attachment_download, name="attachment"),
]
