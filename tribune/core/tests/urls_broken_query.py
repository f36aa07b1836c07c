"""A view with a genuine programming error (a query on a table that does not exist): it must stay a 500."""

from django.db import connection
from django.http import HttpResponse
from django.urls import path


def broken_query(request):
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM no_such_table_anywhere")
    return HttpResponse("unreachable")


urlpatterns = [path("broken-query/", broken_query)]
handler500 = "tribune.core.unavailable.server_error"
