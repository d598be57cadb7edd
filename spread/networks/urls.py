from django.urls import path

from spread.networks import views

urlpatterns = [
    path("", views.network_list, name="networks"),
    path("new/", views.network_create, name="network_create"),
    path("invitation/<str:token>/", views.invitation, name="network_invitation"),
    path("<int:pk>/", views.network_detail, name="network"),
    path("<int:pk>/edit/", views.network_edit, name="network_edit"),
    path("<int:pk>/posts/new/", views.post_create, name="network_post"),
    path("<int:pk>/posts/<int:post_pk>/hide/", views.post_hide, name="network_post_hide"),
    path("<int:pk>/join/", views.network_join, name="network_join"),
    path("<int:pk>/leave/", views.network_leave, name="network_leave"),
    path("<int:pk>/members/", views.member_list, name="network_members"),
    path("<int:pk>/members/<int:person_pk>/remove/", views.member_remove, name="network_member_remove"),
    path("<int:pk>/members/<int:person_pk>/hand-over/", views.network_hand_over, name="network_hand_over"),
    path("<int:pk>/invite/", views.invitation_create, name="network_invite"),
    path("<int:pk>/files/", views.file_list, name="network_files"),
    path("<int:pk>/files/<int:file_pk>/", views.file_download_view, name="network_file"),
]
