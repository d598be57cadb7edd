from django.urls import include, path

app_name = "spread"
urlpatterns = [
    path("examples/", include("spread.examples.urls")),
    path("shared/", include("spread.sharing.urls")),
    path("adoptions/", include("spread.adoptions.urls")),
    path("events/", include("spread.events.urls")),
    path("networks/", include("spread.networks.urls")),
    path("advice/", include("spread.advice.urls")),
]
