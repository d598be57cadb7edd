from django.urls import path

from learning.records import views

urlpatterns = [
    path("", views.my_record, name="my_record"),
    path("staff/", views.staff_records, name="staff_records"),
    path("import/", views.import_page, name="completion_import"),
    path("<int:pk>/", views.person_record, name="person_record"),
]
