"""The monthly slide decks and the Monthly Quality Report's machinery (R-RP-1..3, R-US-4).

- :mod:`.months` and :mod:`.slides` are plain Python (no frappe import): the report's month
  arithmetic and the python-pptx deck builders, unit-tested without a site;
- :mod:`.contents`: what the decks show -- the live figures of a month from
  :mod:`cs_service.figures`, the translated texts, both decks built in memory;
- :mod:`.storage`: the figures frozen in a report's tables and read back;
- :mod:`.files`: the decks attached to a report as private Files;
- :mod:`.mail`: the report's e-mail and its recipients;
- :mod:`.schedule`: the daily job and the background jobs that create, regenerate and send
  the reports;
- :mod:`.errors`: what the report refuses.

The Monthly Quality Report's controller is the document's life cycle and calls these.
"""
