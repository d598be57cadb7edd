from django.urls import path

from spread.examples import views

urlpatterns = [
    path("", views.example_list, name="examples"),
    path("proposed/", views.proposed_list, name="examples_proposed"),
    path("from-idea/<int:idea_pk>/", views.example_publish, name="example_publish"),
    path("<int:pk>/", views.example_detail, name="example"),
    path("<int:pk>/edit/", views.example_edit, name="example_edit"),
    path("<int:pk>/files/<int:file_pk>/", views.example_file, name="example_file"),
    path("<int:pk>/<slug:step>/", views.example_step, name="example_step"),
]
