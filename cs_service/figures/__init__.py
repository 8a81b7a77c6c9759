"""The quality figures, computed from the records (aggregated in the database) and shared by
the Script Reports, the workspace number cards and the Monthly Quality Report's decks, so
that the figures agree everywhere (R-RP-1..4).

- :mod:`.filters`: the period, the customer scope and the filters of the figures;
- :mod:`.quality`: delivery quality (PPM), line-stop minutes, the complaint-handling KPI,
  the major customers and the overdue corrective actions;
- :mod:`.cards`: the whitelisted methods of the number cards;
- :mod:`.aggregate`: the monthly figures kept as the records are submitted (DocType CS
  Quality Figure), which :mod:`.quality` reads for whole months.
"""
