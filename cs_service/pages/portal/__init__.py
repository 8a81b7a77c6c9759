"""The SQE portal ``/sqe`` (R-CT-9, R-US-2): where a customer's SQE works.

A customer's SQE is a Website User behind the outsiders' gate (:mod:`cs_service.access.gate`),
which lets them reach the portal's pages and methods and nothing else. The portal shows the
documents of *their* customer waiting for them (Suspect Part Slips and Service Confirmation
Sheets sent for signing, 8D reports sent to the customer and not acknowledged yet), each as it
was sent; their signed documents; their customer's open problems without our internal measures.
They sign, return for correction (with a remark) and, for a confirmation sheet, give the
verdict: Frappe Workflow transitions applied by the SQE user themselves; and acknowledge 8D
reports.

- :mod:`.records`: who the SQE is, which records of which customer they reach, and the
  portal's lists (fields chosen here, read from the stored records -- never a whole document,
  so no level-restricted field leaks);
- :mod:`.views`: one document as it was sent, its sections of label / value pairs;
- :mod:`.shown`: values as the portal shows them (free text as typed, numbers, times);
- :mod:`.photos`: a document's photos, served only for a document the SQE may see, and the
  small thumbnails inlined into its page;
- :mod:`.actions`: sign, return for correction, acknowledge;
- :mod:`.api`: the whitelisted methods (each on the gate's allowlist);
- :mod:`.page`: the page renderer of ``/sqe`` (one request per page: data, styles, script and
  thumbnails inline);
- :mod:`.notices`: the e-mail telling an SQE that a document waits for them, in their language.
"""
