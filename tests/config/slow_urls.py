"""The site's URLs plus two deliberately slow ones, for the statement-timeout tests."""

from django.db import connection
from django.http import JsonResponse
from django.urls import include, path

#: a statement that runs for seconds on either database
SLOW_SQL = {
    "postgresql": "SELECT pg_sleep(%s)",
    "sqlite": (
        "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c"
        " WHERE x < %s * 10000000) SELECT count(*) FROM c"
    ),
}


def run_slow_query(seconds):
    with connection.cursor() as cursor:
        cursor.execute(SLOW_SQL[connection.vendor], [seconds])
        return cursor.fetchone()


def slow(request):
    run_slow_query(float(request.GET.get("seconds", "10")))
    return JsonResponse({"done": True})


urlpatterns = [
    path("slow/", slow),
    path("api/slow/", slow),
    path("", include("config.urls")),
]
