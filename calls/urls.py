from django.urls import path

from calls import jury_views, views

app_name = "calls"

urlpatterns = [
    # Applicants and the public (calls/views.py).
    path("", views.call_list, name="list"),
    path("mine/", views.my_applications, name="mine"),
    path("<int:pk>/", views.call_detail, name="call"),
    path("<int:pk>/apply/", views.apply, name="apply"),
    path("<int:pk>/results/", views.call_results, name="results"),
    path("applications/<int:pk>/", views.application_detail, name="application"),
    path("applications/<int:pk>/edit/", views.application_edit, name="edit"),
    path("applications/<int:pk>/save/", views.application_autosave, name="autosave"),
    path("applications/<int:pk>/budget-row/", views.budget_row, name="budget_row"),
    path("applications/<int:pk>/withdraw/", views.application_withdraw, name="withdraw"),
    path("applications/<int:pk>/final-report/", views.final_report, name="final_report"),
    path("files/<int:pk>/", views.application_file, name="file"),
    path("files/<int:pk>/remove/", views.application_file_remove, name="remove_file"),
    # The office, the jury and the chair (calls/jury_views.py).
    path("new/", jury_views.call_create, name="call_create"),
    path("<int:pk>/manage/", jury_views.call_manage, name="manage"),
    path("<int:pk>/manage/publish/", jury_views.call_publish, name="publish"),
    path("<int:pk>/manage/results/", jury_views.results_publish, name="publish_results"),
    path("<int:pk>/manage/edit/", jury_views.call_edit, name="edit_call"),
    path("<int:pk>/manage/jurors/<int:user_pk>/remove/", jury_views.juror_remove, name="remove_juror"),
    path("<int:pk>/manage/criteria/<int:criterion_pk>/remove/", jury_views.criterion_remove, name="remove_criterion"),
    path("<int:pk>/manage/classes/<int:category_pk>/remove/", jury_views.category_remove, name="remove_category"),
    path("applications/<int:pk>/manage/", jury_views.application_manage, name="manage_application"),
    path("jury/", jury_views.jury_home, name="jury"),
    path("applications/<int:pk>/score/", jury_views.score, name="score"),
    path("applications/<int:pk>/conflict/", jury_views.conflict_declare, name="conflict"),
    path("<int:pk>/ranking/", jury_views.ranking, name="ranking"),
    path("applications/<int:pk>/decide/", jury_views.decide, name="decide"),
]
