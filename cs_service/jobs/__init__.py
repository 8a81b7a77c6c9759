"""The scheduled jobs (R-US-4): the scheduler's thin entry points (:mod:`.scheduled`) and the
run-once record and job queueing (:mod:`.once`)."""
