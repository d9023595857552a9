"""Only reviewed code marks HTML safe.

Every ``mark_safe``, ``SafeString``/``SafeText``, ``|safe``, ``|safeseq`` and
``{% autoescape off %}`` in the project's own code and templates must be in
``ALLOWED`` below, with the reason it cannot carry a reader's or an editor's markup
unchecked. Anything else fails this test: escape it instead (``format_html``,
``escape``), or sanitise it through ``correspondence.annotations.annotation_html``.
"""

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
#: the project's code and templates (tests, virtualenvs and generated files aside)
SCANNED = [
    "config",
    "browse",
    "correspondence",
    "people",
    "editing",
    "network",
    "places",
    "templates",
    "benchmarks",
]
SKIPPED_PARTS = {"__pycache__", "work", "results"}

#: (file, function) -> why what it marks safe is safe
ALLOWED = {
    ("correspondence/annotations.py", "annotation_html"): (
        "editors' annotations: every paragraph has just been through the nh3 "
        "allow-list (i, em, b, strong, span.smallcaps, a[href http/https/mailto])"
    ),
    ("correspondence/templatetags/letter_text.py", "render_inline"): (
        "the letter's text: escaped first, then only the project's own footnote "
        "links, editorial brackets and <br> are added"
    ),
    ("browse/search/snippets.py", "_html"): (
        "search snippets: the database's snippet is escaped, then only its private "
        "sentinels become <mark> and </mark>"
    ),
    ("correspondence/templatetags/letter_rows.py", "letter_row"): (
        "a row of a list: every value goes through escaped (conditional_escape "
        "without its lazy-text check) or is a number; the rest is the tag's own markup"
    ),
    ("browse/templatetags/browse_facets.py", "facet_values"): (
        "a facet's values: every value goes through escaped (conditional_escape "
        "without its lazy-text check) or is the tag's own choice of two words"
    ),
    ("browse/templatetags/browse_timeline.py", "timeline_bars"): (
        "the timeline's bars: the link, label and description go through escaped; "
        "the counts and heights are numbers; the rest is the tag's own markup"
    ),
    ("network/templatetags/correspondents.py", "correspondent_rows"): (
        "a person's correspondents: every name and link goes through escaped; the "
        "counts and years are numbers; the rest is the tag's own markup"
    ),
    ("correspondence/exports/citation.py", "to_html"): (
        "the citation: each segment escaped, italic ones wrapped in <i>"
    ),
}

PY_NAMES = {"mark_safe", "SafeString", "SafeText", "mark_for_escaping"}
TEMPLATE_PATTERN = re.compile(r"\|\s*safe(seq)?\b|autoescape\s+off")


def _files(suffix):
    for top in SCANNED:
        for path in sorted((ROOT / top).rglob(f"*{suffix}")):
            if not SKIPPED_PARTS.intersection(path.relative_to(ROOT).parts):
                yield path


class _Finder(ast.NodeVisitor):
    def __init__(self):
        self.stack = []
        self.found = []  # (line, function)

    def _function(self, node):
        self.stack.append(node.name)
        self.generic_visit(node)
        self.stack.pop()

    visit_FunctionDef = visit_AsyncFunctionDef = _function

    def _hit(self, node, name):
        if name in PY_NAMES:
            self.found.append((node.lineno, self.stack[-1] if self.stack else None))

    def visit_Name(self, node):
        self._hit(node, node.id)

    def visit_Attribute(self, node):
        self._hit(node, node.attr)
        self.generic_visit(node)


def _python_uses():
    """(file, function, line) of every use of a marking-safe name (imports aside)."""
    for path in _files(".py"):
        finder = _Finder()
        finder.visit(ast.parse(path.read_text(), str(path)))
        name = str(path.relative_to(ROOT))
        for line, function in finder.found:
            yield name, function, line


def _template_uses():
    """(file, line, text) of ``|safe`` or ``autoescape off`` in templates and in the
    strings of Python files (an inline ``Template(...)``)."""
    for suffix in (".html", ".txt", ".xml", ".py"):
        for path in _files(suffix):
            for number, line in enumerate(path.read_text().splitlines(), 1):
                if TEMPLATE_PATTERN.search(line):
                    yield str(path.relative_to(ROOT)), number, line.strip()


def test_nothing_but_the_allow_list_marks_html_safe():
    unexpected = [
        f"{name}:{line} in {function or 'module level'}"
        for name, function, line in _python_uses()
        if (name, function) not in ALLOWED
    ]
    assert not unexpected, (
        "HTML marked safe outside the allow-list (tests/test_safe_markup.py):\n"
        + "\n".join(unexpected)
    )


def test_no_template_turns_escaping_off():
    found = [f"{name}:{number}: {text}" for name, number, text in _template_uses()]
    assert not found, "\n".join(found)


def test_every_allowed_place_still_exists():
    """The allow-list only shrinks: an entry whose code has gone must go too."""
    used = {(name, function) for name, function, _ in _python_uses()}
    assert set(ALLOWED) <= used, set(ALLOWED) - used


def test_the_scan_finds_what_it_looks_for(tmp_path):
    source = "from django.utils.safestring import mark_safe\n\ndef f(x):\n"
    source += "    return mark_safe(x)\n"
    finder = _Finder()
    finder.visit(ast.parse(source))
    assert finder.found == [(4, "f")]
    for line in [
        "{{ x|safe }}",
        "{{ x | safe }}",
        "{% autoescape off %}",
        "{{ y|safeseq }}",
    ]:
        assert TEMPLATE_PATTERN.search(line), line
    assert not TEMPLATE_PATTERN.search("{{ x|safe_title }} safely")
