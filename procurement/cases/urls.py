from django.urls import path

from procurement.cases import views

urlpatterns = [
    path("", views.case_list, name="cases"),
    path("from-need/<int:need_pk>/", views.case_create, name="case_create"),
    path("thresholds/", views.thresholds, name="thresholds"),
    path("procured-values/", views.procured_values, name="procured_values"),
    path("<int:pk>/", views.case_detail, name="case"),
    path("<int:pk>/edit/", views.case_edit, name="case_edit"),
    path("<int:pk>/route/", views.case_route, name="case_route"),
    path("<int:pk>/tender/", views.case_tender, name="case_tender"),
    path("<int:pk>/outcome/", views.case_outcome, name="case_outcome"),
    path("<int:pk>/pilot/", views.case_pilot, name="case_pilot"),
    path("<int:pk>/close/", views.case_close, name="case_close"),
]
