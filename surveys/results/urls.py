from django.urls import path

from surveys.results import views

urlpatterns = [
    path("", views.round_list, name="results_list"),
    path("<int:pk>/", views.results, name="results"),
    path("<int:pk>/results.xlsx", views.results_xlsx, name="results_xlsx"),
    path("<int:pk>/results.pdf", views.results_pdf, name="results_pdf"),
]
