"""Install, migrate and uninstall (:mod:`.install`), and the demo department (:mod:`.demo`)."""
