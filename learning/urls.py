from django.urls import include, path

app_name = "learning"
urlpatterns = [
    path("", include("learning.catalogue.urls")),
    path("records/", include("learning.records.urls")),
    path("talks/", include("learning.talks.urls")),
    path("policies/", include("learning.policies.urls")),
]
