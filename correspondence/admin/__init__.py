"""The edition's admin: where editors correct and extend the annotations.

Every page keeps history (editing/admin.py: who, when, a field-by-field diff, revert),
annotations are sanitised on saving and markers are checked against notes
(editing/forms.py). Editors are the "Editors" group (README, "Editing").

- ``letters.py``: letters with their people, notes and sources inline; notes alone
- ``sources.py``: the works letters are printed in, merging duplicates; the links
- ``vocabularies.py``: languages and topics
"""

from . import letters, sources, vocabularies  # noqa: F401 (they register the pages)
