"""The whole edition as one JSON file: every letter exactly as the API's letter detail
(``/api/letters/<slug>/``) gives it, with the data's version.

    {"edition": ..., "version": {"stamp", "changed", "last_letter_id"}, "count": N,
     "letters": [letter, ...]}

Streamed: the envelope, then each letter serialised on its own from a chunked iterator.
"""

import json

from correspondence.api import letter_detail
from correspondence.models import Letter

from .cmif import EDITION_TITLE

CHUNK_SIZE = 500


def stream(request, version, queryset=None):
    letters = Letter.objects.in_date_order() if queryset is None else queryset
    envelope = {
        "edition": EDITION_TITLE,
        "url": request.build_absolute_uri("/"),
        "version": version.as_dict(),
        "count": letters.count(),
    }
    yield json.dumps(envelope, ensure_ascii=False)[:-1] + ', "letters": ['
    for number, letter in enumerate(
        letters.with_everything().iterator(chunk_size=CHUNK_SIZE)
    ):
        prefix = ",\n" if number else "\n"
        yield prefix + json.dumps(letter_detail(request, letter), ensure_ascii=False)
    yield "\n]}\n"
