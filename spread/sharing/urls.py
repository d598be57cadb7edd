from django.urls import path

from spread.sharing import views

urlpatterns = [
    path("examples.atom", views.examples_atom, name="shared_examples_atom"),
    path("import/", views.import_examples, name="shared_import"),
]
