"""Synthetic editions of realistic size, for benchmarks (``manage.py generate_corpus``).

Everything follows from one seed through ``random.Random(seed)`` (the places' details
through a second generator of the same seed, so the letters are those the seed gave
before there were places), so the same seed
gives the same edition on SQLite and on PostgreSQL, and benchmarks on both
databases (and on Datasette, through :func:`export.export_sqlite`) answer the same
letters. A Django app (``benchmarks.synthetic``) only for its command; the edition's
own code never imports it.

- ``shape.py``: sizes, years, the vocabulary, names (no Django)
- ``records.py``: :class:`CorpusGenerator`, the plain records from a seed
- ``writing.py``: :func:`generate`, the records and their search index rows into a
  database
- ``export.py``: :func:`export_sqlite`, a plain SQLite copy for Datasette

The shape of an edition of ``n`` letters
----------------------------------------
- **People**: about one per 50 letters. Who writes and receives follows Zipf's law over
  a shuffled ranking, so a few people are in thousands of letters and most in a handful.
  A third have variant names (spellings such as -sky/-ski, initials such as "W.L.", code
  names such as "brother"); most have life dates ("1851-1917", "1881-?").
- **Topics**: 60, Zipf-weighted; a letter has 0-3.
- **Places**: the distinct names of 200 drawn (about 200 places, the same at every
  size), each with a slug; a quarter have one or two other spellings ("Thekjam",
  "Thecjam"), which a letter sent from or to them prints three times in ten; 85% have
  synthetic coordinates (somewhere in Europe's box, invented: no authority record).
  Every letter prints where it was sent from and three in ten where it was sent to,
  linked (``sent_from``, ``sent_to``) to the place of that name or spelling, as
  ``places.linking`` would. ``--append`` makes places of its own (slugs made unique).
- **Dates**: 1850-1950, peaking around 1915, in chronological order of ids. Most are
  exact days; some are printed in two calendars ("25 May (7 June) 1914"), some are a
  month or a year, a range ("3-9 May 1901"), only a bound ("[Before 12 July 1914]",
  "[After 3 March 1890]"), supplied by the editor (square brackets) or missing.
- **Text**: 200-2,000 words a letter (median about 450), drawn Zipf-wise from the
  :data:`shape.COMMON_WORDS` of English followed by ~30,000 pronounceable
  pseudo-words, so a common word ("letter") is in a large share of letters and a rare
  one in a few dozen. 0-10 footnotes a letter, their markers ``[^N]`` glued to a word
  in the body; headnotes and postscripts on some letters.

Writing
-------
:func:`writing.generate` writes ``chunk`` letters at a time with ``bulk_create``
(through tables too), with explicit ids (people, topics and places first), inside one
transaction, and fills the search index rows itself with the edition's own code
(``correspondence.search_index``'s ``index_row`` and ``write_rows``, from the records,
without reading the letters back), the GIN index on PostgreSQL dropped meanwhile and
built once at the end.

:func:`export.export_sqlite` copies the letters of a database into a plain SQLite file
with an FTS5 index that Datasette serves as it is.
"""
