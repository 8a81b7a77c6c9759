# Copyright (c) 2026, cs_service developers and contributors
# For license information, please see license.txt

from cs_service.access.rows import ScopedChildRow


class CSTrainingPlanTopic(ScopedChildRow):
	pass
