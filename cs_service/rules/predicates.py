"""Predicates with one source for Python and SQL.

A rule such as "an action is overdue" or "a sheet counts as ours" is written once, here, as
a small predicate; :meth:`Predicate.matches` evaluates it on a mapping (a row, a child
document's ``as_dict()``) for the rules and their unit tests, and :meth:`Predicate.criterion`
turns it into a ``frappe.qb`` / pypika criterion on a table for the reports, cards and jobs.
No frappe or pypika import: ``criterion`` only uses the operators of the table's fields.

Parameters (``today``) are named in the predicate and given at evaluation.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import reduce


class Param:
	"""A value given when the predicate is evaluated, e.g. ``Param("today")``."""

	def __init__(self, name: str):
		self.name = name

	def __repr__(self):
		return f"Param({self.name!r})"


def _value(value, params: Mapping):
	return params[value.name] if isinstance(value, Param) else value


def _blank(value) -> bool:
	return value is None or (isinstance(value, str) and not value.strip())


class Predicate:
	def matches(self, row: Mapping, **params) -> bool:
		raise NotImplementedError

	def criterion(self, table, **params):
		raise NotImplementedError

	def __and__(self, other: Predicate) -> Predicate:
		return All((self, other))


@dataclass(frozen=True)
class Equals(Predicate):
	field: str
	value: object

	def matches(self, row, **params):
		return row.get(self.field) == _value(self.value, params)

	def criterion(self, table, **params):
		return getattr(table, self.field) == _value(self.value, params)


@dataclass(frozen=True)
class NotEquals(Predicate):
	"""The field holds a value other than ``value`` (an empty field does not match)."""

	field: str
	value: object

	def matches(self, row, **params):
		value = row.get(self.field)
		return not _blank(value) and value != _value(self.value, params)

	def criterion(self, table, **params):
		field = getattr(table, self.field)
		return field.isnotnull() & (field != _value(self.value, params))


@dataclass(frozen=True)
class OneOf(Predicate):
	field: str
	values: tuple

	def matches(self, row, **params):
		return row.get(self.field) in self.values

	def criterion(self, table, **params):
		return getattr(table, self.field).isin(list(self.values))


@dataclass(frozen=True)
class Before(Predicate):
	"""The field holds a value strictly before ``value`` (an empty field does not match)."""

	field: str
	value: object

	def matches(self, row, **params):
		value = row.get(self.field)
		return not _blank(value) and value < _value(self.value, params)

	def criterion(self, table, **params):
		field = getattr(table, self.field)
		return field.isnotnull() & (field < _value(self.value, params))


@dataclass(frozen=True)
class Filled(Predicate):
	field: str

	def matches(self, row, **params):
		return not _blank(row.get(self.field))

	def criterion(self, table, **params):
		field = getattr(table, self.field)
		return field.isnotnull() & (field != "")


@dataclass(frozen=True)
class All(Predicate):
	parts: tuple

	def matches(self, row, **params):
		return all(p.matches(row, **params) for p in self.parts)

	def criterion(self, table, **params):
		return reduce(lambda a, b: a & b, (p.criterion(table, **params) for p in self.parts))
