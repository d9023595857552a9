"""The name a person is filed under in the list of people: the surname first.

``sort_name_for("A.A. Troianovsky")`` is "Troianovsky, A.A.": the last word of the
primary name that is not an initial comes first, the words before it follow after a
comma. A name of one word ("Lenin", "brother") is its own sort name. Editors may set
another in the admin (``Person.sort_name``); the rule only fills it for records that
have none (migration people 0004).
"""

import re

_INITIAL = re.compile(r"^(?:[A-Z][a-z]?\.)+$|^[A-Z]$")


def sort_name_for(name):
    words = (name or "").split()
    if len(words) < 2:
        return name or ""
    for index in range(len(words) - 1, 0, -1):
        if not _INITIAL.match(words[index]):
            before = " ".join(words[:index] + words[index + 1 :])
            return f"{words[index]}, {before}"
    return name


def fill_sort_names(people):
    """Give the people of queryset ``people`` who have no sort name one by the rule
    (loaded fixtures and imports carry none); an editor's sort name is kept."""
    missing = list(people.filter(sort_name=""))
    for person in missing:
        person.sort_name = sort_name_for(person.name)
    people.model.objects.bulk_update(missing, ["sort_name"], batch_size=500)
    return len(missing)
