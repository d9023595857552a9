"""The edition for other systems: CMIF, TEI, CSV, JSON dumps, citations, sitemaps.

Each format is a module of plain functions over querysets (``cmif``, ``tei``,
``tables``, ``dumps``, ``citation``); ``views`` only wires them to URLs. Whole-edition
files are generated on request and streamed from ``iterator(chunk_size=...)`` with
prefetching per chunk, so the memory a download needs does not grow with the edition.
"""
