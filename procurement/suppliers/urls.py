from django.urls import path

from procurement.suppliers import views

urlpatterns = [path("", views.supplier_home, name="supplier_home")]
