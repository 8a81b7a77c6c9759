"""The demo department: a department of our own fictional names, made in one command
(``bench --site SITE cs-service-demo``, or the button on CS Service Settings) through the
app's controllers and ERPNext's, and removed exactly (``--remove``).

- :mod:`cs_service.setup.demo.data` (no frappe): the people, customers, plants, parts and calendar;
- :mod:`cs_service.setup.demo.builder`: the steps, in order; :mod:`cs_service.setup.demo.master` (people,
  customers, parts, plants, deliveries) and :mod:`cs_service.setup.demo.work` (three months of work)
  make them, with what they share in :mod:`cs_service.setup.demo.context`;
- :mod:`cs_service.setup.demo.registry`: what was made, under which key, and its removal.
"""
