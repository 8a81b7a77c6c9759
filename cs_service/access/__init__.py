"""Who may reach what: the outsiders' gate (:mod:`cs_service.access.gate`)."""
