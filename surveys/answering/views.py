from django.http import Http404


def answer(request, token: str):
    raise Http404
