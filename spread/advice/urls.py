from django.urls import path

from spread.advice import views

urlpatterns = [
    path("", views.advice_list, name="advice_list"),
    path("ask/", views.advice_ask, name="advice_ask"),
    path("<int:pk>/", views.advice_detail, name="advice"),
    path("<int:pk>/examples/", views.advice_examples, name="advice_examples"),
    path("<int:pk>/idea/", views.advice_idea, name="advice_idea"),
]
