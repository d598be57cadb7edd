from django.urls import path

from learning.talks import views

urlpatterns = [
    path("", views.talk_list, name="talks"),
    path("guide/", views.talk_guide, name="talk_guide"),
    path("record/<int:person_pk>/<int:year>/", views.talk_record, name="talk_record"),
    path("<int:pk>/idea/", views.talk_idea, name="talk_idea"),
]
