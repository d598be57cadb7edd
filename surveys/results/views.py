from django.http import Http404


def results(request, pk: int):
    raise Http404
