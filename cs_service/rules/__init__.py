"""Pure business rules of the Customer Service department.

Nothing in this package imports frappe: every rule is a plain function over plain
values, so it is unit-tested without a site (``tests/unit``) and called from the
controllers, reports and scheduled jobs.
"""
