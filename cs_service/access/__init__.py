"""Who reaches what (R-CT-9, R-US-2, R-ST-5): the roles (:mod:`.roles`), the outsiders' one door
(:mod:`.gate`, :mod:`.allowlist`), the customer scope of every DocType (:mod:`.scope`, found by
:mod:`.doctypes`; the SQEs' grants in :mod:`.sqes`), an engineer's personal records
(:mod:`.personal`), child rows (:mod:`.rows`), other people (:mod:`.people`), Frappe's generic
endpoints (:mod:`.doors`) and the shape of what a request writes (:mod:`.payloads`,
:mod:`.arguments`)."""
