from django.urls import path

from surveys.employee_survey import views

urlpatterns = [
    path("", views.index, name="employee_survey"),
    path("import/", views.import_page, name="employee_survey_import"),
    path("<int:year>/", views.results, name="employee_survey_results"),
    path("items/", views.items, name="employee_survey_items"),
    path("items/<int:pk>/", views.item_wording, name="employee_survey_item"),
]
