from django.urls import path

from spread.adoptions import views

urlpatterns = [
    path("", views.adoption_list, name="adoptions"),
    path("<int:pk>/", views.adoption_detail, name="adoption"),
    path("<int:pk>/step/", views.adoption_step, name="adoption_step"),
    path("adopt/<int:example>/", views.adopt, name="adopt"),
    path("from-idea/<int:idea>/", views.adopt_from_idea, name="adopt_from_idea"),
    path("example/<int:example>/", views.example_spread, name="example_spread"),
]
