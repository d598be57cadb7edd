from django.urls import include, path

app_name = "surveys"
urlpatterns = [
    path("answer/", include("surveys.answering.urls")),
    path("results/", include("surveys.results.urls")),
    path("employee-survey/", include("surveys.employee_survey.urls")),
    path("", include("surveys.rounds.urls")),
]
