from django.urls import path

from core import views

app_name = "core"
urlpatterns = [
    path("", views.home, name="home"),
    path("health/", views.health, name="health"),
    path("health/ready/", views.health_ready, name="health_ready"),
    path("metrics", views.metrics, name="metrics"),
    path("language/", views.language, name="language"),
    path("health/signed-in/", views.health_signed_in, name="health_signed_in"),
    path("notifications/", views.notifications, name="notifications"),
    path("about/accessibility/", views.accessibility, name="accessibility"),
    path("about/privacy/", views.privacy, name="privacy"),
    path("profile/", views.profile, name="profile"),
    path("profile/data.json", views.profile_data, name="profile_data"),
    path("profile/tokens/", views.api_tokens, name="api_tokens"),
]
