"""ERPNext's Customer: our documents on its dashboard, and its kept figures through a rename."""

from cs_service.figures import kept
from cs_service.integrations.erpnext import CUSTOMER_KNOWLEDGE, add_dashboard_group


def dashboard(data: dict) -> dict:
	"""Customer's dashboard links by ``customer``, as our documents name it."""
	add_dashboard_group(data, ["Customer Site", "Quality Feedback Sheet"])
	data["transactions"].append(
		{
			"label": CUSTOMER_KNOWLEDGE,
			"items": ["Customer Part", "Annual Service Plan", "Customer Visit Log", "Trial Fit Verification"],
		}
	)
	return data


def after_rename(doc, method=None, old: str | None = None, new: str | None = None, merge: bool = False):
	"""A renamed or merged Customer takes its kept monthly figures along (R-RP-2)."""
	kept.on_rename(doc, method, old, new, merge)
