"""The guards every record of the module passes (hooks.doc_events): free text stays text
(:mod:`.text`), numbers in bounds (:mod:`.numbers`), an attachment is a File of its own
document (:mod:`.attachments`)."""
