"""ERPNext's Item: our documents on its dashboard, and its kept figures through a rename."""

from cs_service.figures import kept
from cs_service.integrations.erpnext import add_dashboard_group


def dashboard(data: dict) -> dict:
	"""Item's dashboard links by ``item_code``; our documents call the part ``item``."""
	return add_dashboard_group(
		data,
		["Quality Feedback Sheet", "Customer Part", "Trial Fit Verification"],
		{"Quality Feedback Sheet": "item", "Customer Part": "item", "Trial Fit Verification": "item"},
	)


def after_rename(doc, method=None, old: str | None = None, new: str | None = None, merge: bool = False):
	"""A renamed or merged Item takes its kept monthly figures along (R-RP-2)."""
	kept.on_rename(doc, method, old, new, merge)
