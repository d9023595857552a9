from correspondence.text import plain_text, strip_markers


def test_strip_markers_removes_markers_glued_to_words_and_keeps_everything_else():
    text = "the liquidators[^2] say [sic] 7 June 1914[^1] in [St Petersburg].[^4]"
    assert (
        strip_markers(text)
        == "the liquidators say [sic] 7 June 1914 in [St Petersburg]."
    )


def test_strip_markers_keeps_bracketed_numbers_that_are_not_markers():
    assert strip_markers("see [1] and [^10]") == "see [1] and "


def test_strip_markers_leaves_none_alone():
    assert strip_markers(None) is None


def test_plain_text_separates_paragraphs_by_one_blank_line():
    body = "First[^1] paragraph.\n\n\n  \nSecond\nline.\r\n\r\nThird."
    assert plain_text(body) == "First paragraph.\n\nSecond\nline.\n\nThird."


def test_plain_text_of_nothing_is_none():
    assert plain_text("") is None
    assert plain_text("  [^1] ") is None
    assert plain_text(None) is None
