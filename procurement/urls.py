from django.urls import include, path

app_name = "procurement"
urlpatterns = [
    path("contracts/", include("procurement.contracts.urls")),
    path("supplier/", include("procurement.suppliers.urls")),
    path("rfi/", include("procurement.dialogue.urls")),
    path("", include("procurement.cases.urls")),
]
