from django.urls import path

from calls import applicant_views, chair_views, jury_views, office_views

app_name = "calls"

urlpatterns = [
    # Applicants and the public (calls/applicant_views.py).
    path("", applicant_views.call_list, name="list"),
    path("mine/", applicant_views.my_applications, name="mine"),
    path("<int:pk>/", applicant_views.call_detail, name="call"),
    path("<int:pk>/apply/", applicant_views.apply, name="apply"),
    path("<int:pk>/results/", applicant_views.call_results, name="results"),
    path("applications/<int:pk>/", applicant_views.application_detail, name="application"),
    path("applications/<int:pk>/edit/", applicant_views.application_edit, name="edit"),
    path("applications/<int:pk>/save/", applicant_views.application_autosave, name="autosave"),
    path("applications/<int:pk>/budget-row/", applicant_views.budget_row, name="budget_row"),
    path("applications/<int:pk>/withdraw/", applicant_views.application_withdraw, name="withdraw"),
    path("applications/<int:pk>/final-report/", applicant_views.final_report, name="final_report"),
    path("files/<int:pk>/", applicant_views.application_file, name="file"),
    path("files/<int:pk>/remove/", applicant_views.application_file_remove, name="remove_file"),
    # The office (calls/office_views.py), the jurors (calls/jury_views.py) and the chair (calls/chair_views.py).
    path("new/", office_views.call_create, name="call_create"),
    path("<int:pk>/manage/", office_views.call_manage, name="manage"),
    path("<int:pk>/manage/publish/", office_views.call_publish, name="publish"),
    path("<int:pk>/manage/results/", office_views.results_publish, name="publish_results"),
    path("<int:pk>/manage/edit/", office_views.call_edit, name="edit_call"),
    path("<int:pk>/manage/jurors/<int:user_pk>/remove/", office_views.juror_remove, name="remove_juror"),
    path("<int:pk>/manage/criteria/<int:criterion_pk>/remove/", office_views.criterion_remove, name="remove_criterion"),
    path("<int:pk>/manage/classes/<int:category_pk>/remove/", office_views.category_remove, name="remove_category"),
    path("applications/<int:pk>/manage/", office_views.application_manage, name="manage_application"),
    path("jury/", jury_views.jury_home, name="jury"),
    path("applications/<int:pk>/score/", jury_views.score, name="score"),
    path("applications/<int:pk>/conflict/", jury_views.conflict_declare, name="conflict"),
    path("<int:pk>/ranking/", chair_views.ranking, name="ranking"),
    path("applications/<int:pk>/decide/", chair_views.decide, name="decide"),
]
