from django.urls import path

from procurement.dialogue import views

urlpatterns = [
    path("", views.rfi_list, name="rfis"),
    path("for-case/<int:case_pk>/", views.rfi_create, name="rfi_create"),
    path("<int:pk>/", views.rfi_detail, name="rfi"),
    path("<int:pk>/documents/<int:doc_pk>/", views.rfi_document, name="rfi_document"),
    path("<int:pk>/edit/", views.rfi_edit, name="rfi_edit"),
    path("<int:pk>/publish/", views.rfi_publish, name="rfi_publish"),
    path("<int:pk>/work/", views.workroom, name="rfi_work"),
    path("<int:pk>/work/questions/<int:question_pk>/", views.answer_write, name="rfi_answer"),
    path("<int:pk>/work/publish-answers/", views.answers_publish, name="rfi_answers_publish"),
    path("<int:pk>/work/meetings/", views.slots_offer, name="rfi_slots"),
    path("<int:pk>/work/meetings/<int:slot_pk>/minutes/", views.minutes_write, name="rfi_minutes"),
    path("<int:pk>/work/responses/", views.responses, name="rfi_responses"),
    path("<int:pk>/files/<int:file_pk>/", views.response_file, name="rfi_response_file"),
    path("<int:pk>/register/", views.register, name="rfi_register"),
    path("<int:pk>/ask/", views.question_ask, name="rfi_ask"),
    path("<int:pk>/meetings/<int:slot_pk>/book/", views.slot_book, name="rfi_book"),
    path("<int:pk>/meetings/<int:slot_pk>/cancel/", views.slot_cancel, name="rfi_cancel_booking"),
    path("<int:pk>/response/", views.response_write, name="rfi_response"),
]
