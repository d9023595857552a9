"""The search index's text cleaning: what is indexed and searched for."""

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from correspondence.search_index import clean_text


def _by_the_rule(text):
    kept = []
    for char in unicodedata.normalize("NFC", text):
        category = unicodedata.category(char)
        if char in "\n\t":
            kept.append(char)
        elif category == "Cc":
            kept.append(" ")
        elif category not in ("Cf", "Cs", "Cn"):
            kept.append(char)
    return "".join(kept)


@given(st.text(alphabet=st.characters(max_codepoint=127)))
def test_ascii_text_keeps_newlines_and_tabs_and_turns_other_controls_to_spaces(text):
    assert clean_text(text) == _by_the_rule(text)


@given(st.text())
def test_any_text_loses_format_and_unassigned_characters_and_controls(text):
    assert clean_text(text) == _by_the_rule(text)


def test_a_control_character_between_words_leaves_them_apart():
    assert clean_text("Pravda\x07editor\r\nyours\u200b") == "Pravda editor \nyours"
