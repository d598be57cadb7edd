from django.urls import path

from procurement.contracts import views

urlpatterns = [
    path("", views.contract_list, name="contracts"),
    path("add/", views.contract_add, name="contract_add"),
    path("mine/", views.my_contracts, name="my_contracts"),
    path("<int:pk>/", views.contract_detail, name="contract"),
    path("<int:pk>/edit/", views.contract_edit, name="contract_edit"),
    path("<int:pk>/propose/", views.proposal_add, name="contract_propose"),
    path("proposals/", views.proposal_list, name="proposals"),
    path("proposals/<int:pk>/", views.proposal_detail, name="proposal"),
    path("proposals/<int:pk>/accept/", views.proposal_accept, name="proposal_accept"),
    path("proposals/<int:pk>/decline/", views.proposal_decline, name="proposal_decline"),
]
