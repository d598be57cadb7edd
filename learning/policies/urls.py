from django.urls import path

from learning.policies import views

urlpatterns = [
    path("", views.policy_list, name="policies"),
    path("add/", views.policy_add, name="policy_add"),
    path("<int:pk>/", views.policy_detail, name="policy"),
    path("<int:pk>/edit/", views.policy_edit, name="policy_edit"),
    path("<int:pk>/delete/", views.policy_delete, name="policy_delete"),
]
