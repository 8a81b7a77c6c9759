"""The monthly quality figures (issue 14) are new: fill them from the records already there."""

from cs_service.figures import aggregate


def execute():
	aggregate.rebuild(progress=lambda done, total, month: print(f"quality figures: {done}/{total} {month}"))
