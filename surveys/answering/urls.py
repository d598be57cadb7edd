from django.urls import path

from surveys.answering import views

urlpatterns = [
    # Before the personal link: a token is 43 characters of base64, never "thanks".
    path("thanks/", views.thanks, name="answer_thanks"),
    path("<str:token>/", views.answer, name="answer"),
]
