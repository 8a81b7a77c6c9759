"""Monthly Quality Report: the month's frozen figures and the two slide decks (R-RP-1..3, R-US-4).

- :mod:`.months` and :mod:`.decks` are plain Python (no frappe import): month arithmetic and the
  python-pptx deck builders, unit-tested without a site;
- :mod:`.figures` collects the live figures of a month from :mod:`cs_service.figures.quality`;
- :mod:`.tasks` is the scheduled job and the background jobs that create, regenerate and send
  the reports.
"""
