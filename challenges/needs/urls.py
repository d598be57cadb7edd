from django.urls import path

from challenges.needs import views

urlpatterns = [
    path("", views.need_list, name="needs"),
    path("new/", views.need_create, name="need_new"),
    path("<int:pk>/", views.need_detail, name="need"),
    path("<int:pk>/edit/", views.need_edit, name="need_edit"),
    path("<int:pk>/send/", views.need_submit, name="need_submit"),
    path("<int:pk>/decide/", views.need_decide, name="need_decide"),
    path("<int:pk>/same/", views.need_same, name="need_same"),
    path("<int:pk>/close/", views.need_close, name="need_close"),
    path("<int:pk>/follow/", views.need_follow, name="need_follow"),
    path("<int:pk>/files/<int:file_pk>/", views.need_file, name="need_file"),
]
