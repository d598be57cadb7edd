from django.urls import path

from opendata import views

app_name = "opendata"
urlpatterns = [
    path("", views.index, name="index"),
    path("catalog.jsonld", views.catalog, name="catalog"),
    path("catalog.rdf", views.catalog_rdf, name="catalog_rdf"),
    path("<slug:dataset>.csv", views.dataset_csv, name="csv"),
]
