"""The values of a facet as the browsing page writes them (browse/templatetags)."""

from browse.templatetags.browse_facets import facet_values

ITEMS = [
    {"value": "inessa", "label": "Inessa <Armand> & co", "count": 1, "selected": True},
    {"value": "1914", "label": "1914", "count": 0, "selected": False},
    {"value": "zurich", "label": "Zurich", "count": 12, "selected": False},
]


def test_each_value_is_a_labelled_checkbox_with_its_count():
    html = facet_values("correspondent", ITEMS)
    assert html.count("<li ") == 3
    assert (
        '<input type="checkbox" id="f-correspondent-inessa" name="correspondent" '
        'value="inessa" checked> <label for="f-correspondent-inessa">'
        "Inessa &lt;Armand&gt; &amp; co "
        '<span class="facet__count">1<span class="visually-hidden"> letter</span>'
    ) in html
    assert 'value="zurich">' in html  # not chosen: not checked
    assert '12<span class="visually-hidden"> letters</span>' in html


def test_a_value_without_letters_is_marked_and_a_month_is_a_radio_button():
    html = facet_values("month", ITEMS[1:2])
    assert html.startswith('<li class="facet__value facet__value--none">')
    assert '<input type="radio" id="f-month-1914" name="month" value="1914">' in html
