"""The quality feedback (R-FB-1..8): the e-mail to QA (:mod:`.qa_mail`), the month-end
escalation (:mod:`.escalation`), what is known of a part (:mod:`.parts`), the defect catalogs
(:mod:`.catalog`), what the sheet shares with the documents made from it (:mod:`.sheets`) and
the 8D report's due times (:mod:`.due_times`). The sheet's and the 8D report's life cycles are
their controllers'."""
