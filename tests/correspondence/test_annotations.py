"""The annotation sanitiser under hypothesis: idempotent, and nothing outside the
allow-list ever comes out of it, whatever mixture of markup, entities and text goes in.
"""

from html.parser import HTMLParser
from urllib.parse import urlsplit

from hypothesis import given, settings
from hypothesis import strategies as st

from correspondence.annotations import (
    ALLOWED_TAGS,
    URL_SCHEMES,
    annotation_clean,
    annotation_html,
)

#: pieces an attacker or a careless paste would bring
PIECES = [
    "<i>", "</i>", "<em>", "</em>", "<b>", "</b>", "<strong>", "</strong>",
    '<span class="smallcaps">', '<span class="smallcaps evil">', "<span>", "</span>",
    '<a href="https://example.org/a?b=1&c=2">', '<a href="/letters/x/">',
    '<a href="mailto:e@example.org">', '<a href="javascript:alert(1)">',
    '<a href="JaVaScRiPt:alert(1)">', '<a href="&#106;avascript:alert(1)">',
    '<a href=" javascript:alert(1)">', '<a href="data:text/html,<script>x</script>">',
    '<a href="vbscript:x">', '<a href="//evil.example/">', "</a>",
    "<script>", "</script>", "alert(1)", "<style>", "</style>", "<img src=x onerror=",
    " onclick=alert(1)", ' style="color:red"', "<svg onload=alert(1)>", "<iframe>",
    "<!--", "-->", "<![CDATA[", "]]>", "<p>", "</p>", "<br>", "<div>", "&amp;", "&lt;",
    "&gt;", "&quot;", "&#60;", "&", "<", ">", '"', "'", "`", "=", "/", "\n", "\n\n",
    "\r\n", "\t", " ", "Malinowsky", "[^1]", "«", "\u00a0",
]  # fmt: skip
annotations = st.lists(
    st.one_of(st.sampled_from(PIECES), st.text(max_size=8)), max_size=25
).map("".join)

ATTRIBUTES = {"a": {"href", "title", "rel"}, "span": {"class"}}


class _Checker(HTMLParser):
    """Collects everything outside the allow-list in a piece of HTML."""

    def __init__(self, extra_tags=()):
        super().__init__(convert_charrefs=True)
        self.allowed = set(ALLOWED_TAGS) | set(extra_tags)
        self.problems = []

    def handle_starttag(self, tag, attrs):
        if tag not in self.allowed:
            self.problems.append(f"tag <{tag}>")
            return
        for name, value in attrs:
            if name not in ATTRIBUTES.get(tag, set()):
                self.problems.append(f"attribute {name} on <{tag}>")
            elif name == "class" and value != "smallcaps":
                self.problems.append(f"class {value!r}")
            elif name == "href":
                self._check_url(value or "")
            elif name == "rel" and value != "noopener noreferrer":
                self.problems.append(f"rel {value!r}")

    def handle_endtag(self, tag):
        if tag not in self.allowed:
            self.problems.append(f"end tag </{tag}>")

    def handle_comment(self, data):
        self.problems.append("a comment")

    def handle_decl(self, decl):
        self.problems.append(f"declaration {decl!r}")

    def unknown_decl(self, data):
        self.problems.append(f"declaration {data!r}")

    def handle_pi(self, data):
        self.problems.append(f"processing instruction {data!r}")

    def _check_url(self, url):
        scheme = urlsplit(url.strip()).scheme.lower()
        if scheme and scheme not in URL_SCHEMES:
            self.problems.append(f"URL scheme {scheme!r}")


def _problems(html, extra_tags=()):
    checker = _Checker(extra_tags)
    checker.feed(html)
    checker.close()
    return checker.problems


@settings(max_examples=400, deadline=None)
@given(annotations)
def test_sanitising_twice_changes_nothing(text):
    once = annotation_clean(text)
    assert annotation_clean(once) == once


@settings(max_examples=400, deadline=None)
@given(annotations)
def test_what_is_saved_is_within_the_allow_list(text):
    assert _problems(annotation_clean(text)) == []


@settings(max_examples=400, deadline=None)
@given(annotations)
def test_what_a_page_shows_is_within_the_allow_list(text):
    """Whether or not the text went through the admin's sanitising first."""
    for stored in (text, annotation_clean(text)):
        html = annotation_html(stored)
        assert _problems(html, extra_tags={"p", "br"}) == []
        line = annotation_html(stored, paragraphs=False)
        assert _problems(line, extra_tags={"br"}) == []


def test_the_checker_sees_what_is_not_allowed():
    assert _problems('<a href="javascript:x" onclick="y">') == [
        "URL scheme 'javascript'",
        "attribute onclick on <a>",
    ]
    assert _problems("<script></script><!-- x -->") == [
        "tag <script>",
        "end tag </script>",
        "a comment",
    ]
