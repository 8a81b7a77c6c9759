"""The two phone pages: the resident engineer's ``/cs`` (:mod:`.capture`) and the customer's SQE's
``/sqe`` (:mod:`.portal`)."""
