from django.urls import path

from surveys.results import views

urlpatterns = [
    path("<int:pk>/", views.results, name="results"),
]
