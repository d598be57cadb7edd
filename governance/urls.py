from django.urls import path

from governance import export_views, views

app_name = "governance"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("indicators/", views.indicators, name="indicators"),
    path("goals/", views.goals, name="goals"),
    path("goals/new/", views.goal_create, name="goal_create"),
    path("goals/<int:pk>/", views.goal_detail, name="goal"),
    path("goals/<int:pk>/work/", views.goal_work, name="goal_work"),
    path("work/<slug:kind>/<int:pk>/goals/", views.work_goals, name="work_goals"),
    path("activities/<int:pk>/status/", views.activity_status, name="activity_status"),
    path("targets/", views.targets, name="targets"),
    path("reports/", views.reports, name="reports"),
    path("reports/periods/", views.period_open, name="period_open"),
    path("reports/start/", views.report_start, name="report_start"),
    path("reports/<int:pk>/", views.report_detail, name="report"),
    path("reports/<int:pk>/submit/", views.report_submit, name="report_submit"),
    path("reports/<int:pk>/review/", views.report_review, name="report_review"),
    path("reports/<int:pk>/deadline/", views.report_deadline, name="report_deadline"),
    path("reports/<int:pk>/report.pdf", export_views.report_pdf, name="report_pdf"),
    path("reports/<int:pk>/report.xlsx", export_views.report_xlsx, name="report_xlsx"),
    path("city/<int:year>/<str:period>/report.pdf", export_views.city_pdf, name="city_pdf"),
    path("city/<int:year>/<str:period>/report.pdf/build/", export_views.city_pdf_build, name="city_pdf_build"),
    path("city/<int:year>/<str:period>/report.pdf/status/", export_views.city_pdf_build_status, name="city_pdf_status"),
    path("city/<int:year>/<str:period>/report.xlsx", export_views.city_xlsx, name="city_xlsx"),
    path("values.csv", export_views.values_csv, name="values_csv"),
]
