from django.urls import path

from organisation import views

app_name = "organisation"
urlpatterns = [
    path("remove-account/", views.erasure_ask, name="erasure_ask"),
    path("erasure-requests/", views.erasure_requests, name="erasure_requests"),
    path("erasure-requests/<int:pk>/", views.erasure_decide, name="erasure_decide"),
]
