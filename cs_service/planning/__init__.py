"""Planning and visits (R-PL-1..6): the plan against the visits made (:mod:`.visits`) and a
customer site's shops, stations, shifts and the names the app gives them (:mod:`.sites`)."""
