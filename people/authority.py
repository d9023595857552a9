"""Authority records: the URIs that tie a person, an organisation or a place of this
edition to the same entity elsewhere (correspSearch joins letters across editions by
them).

An editor pastes an address as the authority's site shows it; ``authority_uri`` checks
it is one of the authorities recognised for that kind of record and gives it in the
canonical form the CMIF examples and correspSearch use (``http://d-nb.info/gnd/…``,
``http://www.geonames.org/…``), so the same record is always written the same way.
Nothing here looks anything up: an identifier is taken as the editor gives it.
"""

import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError


@dataclass(frozen=True)
class Authority:
    name: str
    #: the address with the identifier in group "id"
    pattern: re.Pattern
    #: the canonical URI, with "{id}"
    canonical: str
    #: what an editor is shown as an example
    example: str


def _address(host, path):
    """http or https, with or without "www.", a trailing slash or a page after the
    identifier (GeoNames adds "/mannheim.html", VIAF "/about", Wikidata "#…")."""
    return re.compile(rf"^https?://(?:www\.)?{host}/{path}(?:[/#?].*)?$", re.IGNORECASE)


VIAF = Authority(
    "VIAF",
    _address(r"viaf\.org", r"viaf/(?P<id>\d{1,22})"),
    "http://viaf.org/viaf/{id}",
    "http://viaf.org/viaf/36924137",
)
GND = Authority(
    "GND",
    _address(r"d-nb\.info", r"gnd/(?P<id>\d[\dX-]{0,13})"),
    "http://d-nb.info/gnd/{id}",
    "http://d-nb.info/gnd/118571249",
)
WIKIDATA = Authority(
    "Wikidata",
    _address(r"wikidata\.org", r"(?:entity|wiki)/(?P<id>Q[1-9]\d{0,11})"),
    "http://www.wikidata.org/entity/{id}",
    "http://www.wikidata.org/entity/Q1394",
)
GEONAMES = Authority(
    "GeoNames",
    _address(r"(?:sws\.)?geonames\.org", r"(?P<id>[1-9]\d{0,11})"),
    "http://www.geonames.org/{id}",
    "http://www.geonames.org/2661552",
)

#: the authorities each kind of record may name
FOR_PEOPLE = (VIAF, GND, WIKIDATA)
FOR_PLACES = (GEONAMES, WIKIDATA)


def authority_uri(value, authorities):
    """``value`` as the canonical URI of one of ``authorities``; "" for an empty
    value. A ValidationError names the authorities and gives an example of each."""
    value = (value or "").strip()
    if not value:
        return ""
    for authority in authorities:
        match = authority.pattern.match(value)
        if match:
            identifier = match["id"]
            if authority is WIKIDATA:
                identifier = identifier.upper()
            return authority.canonical.format(id=identifier)
    examples = "; ".join(f"{a.name}: {a.example}" for a in authorities)
    raise ValidationError(
        f"“{value}” is not an address this edition recognises. Give the record's "
        f"address at {_names(authorities)}, e.g. {examples}.",
        code="unrecognised_authority",
    )


def authority_name(uri):
    """Which authority a stored URI belongs to ("GND"), or "" if none is recognised."""
    for authority in (VIAF, GND, WIKIDATA, GEONAMES):
        if uri and authority.pattern.match(uri):
            return authority.name
    return ""


def _names(authorities):
    names = [a.name for a in authorities]
    return ", ".join(names[:-1]) + " or " + names[-1] if len(names) > 1 else names[0]


def clean_authority_field(form, authorities, name="authority_uri"):
    """A ModelForm's ``clean_<name>``: the canonical URI of what the editor typed.

    A value the editor did not touch is returned as stored, unchecked: a save never
    rewrites what its editor left alone."""
    value = form.cleaned_data.get(name, "")
    if name not in form.changed_data:
        return value
    return authority_uri(value, authorities)


def authority_help(authorities):
    """The admin's help text for an authority field."""
    examples = "; ".join(a.example for a in authorities)
    return (
        f"The record's address at {_names(authorities)}, as its site shows it "
        f"(saved in the canonical form), e.g. {examples}. Leave empty if none is known."
    )
