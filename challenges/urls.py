from django.urls import include, path

app_name = "challenges"
urlpatterns = [
    path("needs/", include("challenges.needs.urls")),
    path("openlab/", include("challenges.openlab.urls")),
    path("goals/", include("challenges.goals.urls")),
    path("", include("challenges.challenges.urls")),
]
