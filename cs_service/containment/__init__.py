"""Containment and sign-off (R-CT-1..9): the SQE's sign-off of slips and confirmation sheets
(:mod:`.signoff`) and the breakpoint's follow-up reminder (:mod:`.follow_up`)."""
