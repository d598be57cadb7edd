from django.urls import path

from surveys.answering import views

urlpatterns = [
    path("<str:token>/", views.answer, name="answer"),
]
