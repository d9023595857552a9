import pytest

from tests.factories import make_letter


@pytest.mark.django_db
def test_a_letter_is_placed_at_its_earliest_known_day():
    import datetime as dt

    letter = make_letter(
        date=None, date_end=dt.date(1914, 7, 25), date_precision="before"
    )
    letter.refresh_from_db()
    assert letter.date_min == dt.date(1914, 7, 25)
    assert letter.date_max == dt.date(1914, 7, 25)
