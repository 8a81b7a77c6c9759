"""Checks of the app's metadata that need no site and no frappe import.

Each check is a pure function over loaded data that returns a list of problems (empty
when all is well), so that ``test_checks_fail_on_broken_samples.py`` can prove it fails.
"""

from __future__ import annotations

import ast
import csv
import json
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
APP = ROOT / "cs_service"
MODULE = APP / "cs_service"
EXTERNAL_DOCTYPES_FILE = Path(__file__).with_name("external_doctypes.txt")

LINKING_FIELDTYPES = {"Link", "Table", "Table MultiSelect"}
NO_VALUE_FIELDTYPES = {"Section Break", "Column Break", "Tab Break", "HTML", "Button", "Fold", "Heading"}
VALID_FIELDTYPES = {
	"Autocomplete", "Attach", "Attach Image", "Barcode", "Button", "Check", "Code", "Color",
	"Column Break", "Currency", "Data", "Date", "Datetime", "Duration", "Dynamic Link", "Float",
	"Fold", "Geolocation", "Heading", "HTML", "HTML Editor", "Icon", "Image", "Int", "JSON", "Long Int",
	"Link", "Long Text", "Markdown Editor", "Password", "Percent", "Phone", "Read Only", "Rating",
	"Section Break", "Select", "Signature", "Small Text", "Tab Break", "Table", "Table MultiSelect",
	"Text", "Text Editor", "Time",
}  # fmt: skip
# Child doctypes and whole-table doctypes that must never be exported without a filter.
UNFILTERABLE_FIXTURES = {"Custom Field", "Property Setter", "Workflow Transition", "Workflow Document State"}


# ---------------------------------------------------------------- loading


def load_json_files(folder: Path, kind: str) -> dict[str, dict]:
	"""``{name: json}`` of every ``<kind>/<name>/<name>.json`` under ``folder``."""
	found = {}
	for path in sorted(folder.glob(f"{kind}/*/*.json")):
		if path.stem == path.parent.name:
			found[path.stem] = json.loads(path.read_text(encoding="utf-8"))
	return found


def load_doctypes() -> dict[str, dict]:
	return {d["name"]: d for d in load_json_files(MODULE, "doctype").values()}


def load_external_doctypes() -> set[str]:
	lines = EXTERNAL_DOCTYPES_FILE.read_text(encoding="utf-8").splitlines()
	return {line.strip() for line in lines if line.strip() and not line.startswith("#")}


def load_hooks() -> dict:
	"""The hooks module's public names, read by executing it (it imports no frappe)."""
	namespace: dict = {}
	exec(compile((APP / "hooks.py").read_text(encoding="utf-8"), "hooks.py", "exec"), namespace)
	return {k: v for k, v in namespace.items() if not k.startswith("_")}


def load_translations(lang: str = "zh") -> dict[str, str]:
	path = APP / "translations" / f"{lang}.csv"
	if not path.exists():
		return {}
	with path.open(encoding="utf-8", newline="") as fh:
		return {row[0]: row[1] for row in csv.reader(fh) if len(row) >= 2}


# ---------------------------------------------------------------- doctype JSON


def check_doctype(doc: dict) -> list[str]:
	name = doc.get("name", "?")
	problems = []
	for key in ("name", "module", "fields", "field_order", "modified"):
		if key not in doc:
			problems.append(f"{name}: missing key {key!r}")
	if doc.get("doctype") != "DocType":
		problems.append(f"{name}: 'doctype' must be 'DocType'")
	fields = doc.get("fields", [])
	fieldnames = [f.get("fieldname") for f in fields]
	if doc.get("field_order") != fieldnames:
		problems.append(f"{name}: field_order does not match fields")
	repeated = sorted({f for f in fieldnames if fieldnames.count(f) > 1})
	if repeated:
		problems.append(f"{name}: repeated fieldnames {repeated}")
	for f in fields:
		if f.get("fieldtype", "Data") not in VALID_FIELDTYPES:
			problems.append(f"{name}.{f.get('fieldname')}: unknown fieldtype {f.get('fieldtype')!r}")
		if f.get("fieldtype") in LINKING_FIELDTYPES | {"Select"} and not f.get("options"):
			problems.append(f"{name}.{f.get('fieldname')}: {f['fieldtype']} without options")
	if not doc.get("istable") and not doc.get("permissions"):
		problems.append(f"{name}: no permissions")
	return problems


def check_links(doctypes: dict[str, dict], external: set[str]) -> list[str]:
	"""Every Link / Table option names a DocType of the app or of frappe / ERPNext, and
	every Table points to a child table (istable)."""
	problems = []
	for name, doc in doctypes.items():
		for f in doc.get("fields", []):
			if f.get("fieldtype") not in LINKING_FIELDTYPES:
				continue
			target = f.get("options")
			where = f"{name}.{f.get('fieldname')}"
			if target not in doctypes and target not in external:
				problems.append(f"{where}: links to unknown DocType {target!r}")
			elif f["fieldtype"] != "Link" and target in doctypes and not doctypes[target].get("istable"):
				problems.append(f"{where}: {f['fieldtype']} of {target!r}, which is not a child table")
		for link in doc.get("links", []):
			if link.get("link_doctype") not in doctypes and link.get("link_doctype") not in external:
				problems.append(f"{name}: dashboard link to unknown DocType {link.get('link_doctype')!r}")
	return problems


# ---------------------------------------------------------------- hooks


DOTTED = re.compile(r"^[a-z_][a-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)+$")


def hook_paths(value, app: str = "cs_service") -> Iterator[str]:
	"""Every dotted path of the app inside a hook value (strings, lists, dicts, nested)."""
	if isinstance(value, str):
		if value.startswith(app + ".") and DOTTED.match(value):
			yield value
	elif isinstance(value, dict):
		for v in value.values():
			yield from hook_paths(v, app)
	elif isinstance(value, list | tuple | set):
		for v in value:
			yield from hook_paths(v, app)


def top_level_names(source: str) -> set[str]:
	names = set()
	for node in ast.parse(source).body:
		if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
			names.add(node.name)
		elif isinstance(node, ast.Assign):
			names.update(t.id for t in node.targets if isinstance(t, ast.Name))
		elif isinstance(node, ast.ImportFrom):
			names.update(a.asname or a.name for a in node.names)
	return names


def check_hook_path(path: str, root: Path = ROOT) -> str | None:
	"""None when ``path`` (``pkg.module.callable``) names something defined in a module of
	the app; else the problem. Checked on the source, so no frappe import is needed."""
	module, _, attr = path.rpartition(".")
	base = root.joinpath(*module.split("."))
	for candidate in (base.with_suffix(".py"), base / "__init__.py"):
		if candidate.exists():
			if attr in top_level_names(candidate.read_text(encoding="utf-8")):
				return None
			return f"{path}: {candidate.relative_to(root)} defines no {attr!r}"
	return f"{path}: no module {module}"


def check_hooks(hooks: dict, root: Path = ROOT) -> list[str]:
	problems = []
	for key, value in hooks.items():
		for path in hook_paths(value):
			problem = check_hook_path(path, root)
			if problem:
				problems.append(f"hooks.{key}: {problem}")
	return problems


# ---------------------------------------------------------------- fixtures


def check_fixtures(fixtures: list, folder: Path) -> list[str]:
	problems = []
	for entry in fixtures:
		if not isinstance(entry, dict) or not entry.get("filters"):
			problems.append(f"fixture {entry!r}: has no filters")
			continue
		dt = entry["dt"]
		if dt in UNFILTERABLE_FIXTURES and not _names_in_filters(entry["filters"]):
			problems.append(f"fixture {dt}: must be filtered by name")
		path = folder / (dt.lower().replace(" ", "_") + ".json")
		if not path.exists():
			problems.append(f"fixture {dt}: file {path.name} missing")
			continue
		records = json.loads(path.read_text(encoding="utf-8"))
		allowed = _names_in_filters(entry["filters"])
		for record in records:
			if record.get("doctype") != dt:
				problems.append(f"fixture {path.name}: record of doctype {record.get('doctype')!r}")
			if allowed is not None and record.get("name") not in allowed:
				problems.append(f"fixture {path.name}: record {record.get('name')!r} is outside the filter")
		if allowed is not None:
			missing = sorted(set(allowed) - {r.get("name") for r in records})
			if missing:
				problems.append(f"fixture {path.name}: filtered names without a record {missing}")
	return problems


def _names_in_filters(filters) -> list[str] | None:
	for f in filters:
		if isinstance(f, list | tuple) and len(f) == 3 and f[0] == "name" and f[1] == "in":
			return list(f[2])
	return None


# ---------------------------------------------------------------- translations


def doctype_strings(doc: dict) -> Iterator[str]:
	"""What the desk shows of a DocType: its name, labels, descriptions, Select options."""
	yield doc["name"]
	if doc.get("description"):
		yield doc["description"]
	for f in doc.get("fields", []):
		for key in ("label", "description"):
			if f.get(key):
				yield f[key]
		if f.get("fieldtype") == "Select" and f.get("options") and f.get("fieldname") != "naming_series":
			yield from (o for o in f["options"].split("\n") if o.strip())


def python_strings(source: str) -> Iterator[str]:
	"""Literal first arguments of ``_()`` calls."""
	for node in ast.walk(ast.parse(source)):
		if (
			isinstance(node, ast.Call)
			and isinstance(node.func, ast.Name)
			and node.func.id == "_"
			and node.args
			and isinstance(node.args[0], ast.Constant)
			and isinstance(node.args[0].value, str)
		):
			yield node.args[0].value


JS_STRING = re.compile(r"""__\(\s*(["'`])((?:\\.|(?!\1).)*)\1""")


def js_strings(source: str) -> Iterator[str]:
	for match in JS_STRING.finditer(source):
		yield match.group(2).replace("\\'", "'").replace('\\"', '"')


JINJA_STRING = re.compile(r"""_\(\s*(["'])((?:\\.|(?!\1).)*)\1\s*\)""")


def jinja_strings(source: str) -> Iterator[str]:
	"""Literal arguments of ``_()`` in Jinja templates, also inside macros' ``_(label)`` calls
	(``row("Shop", ...)``: the first argument of a ``row(`` macro is a label too)."""
	for match in JINJA_STRING.finditer(source):
		yield match.group(2)
	for match in re.finditer(r"""\brow\(\s*(["'])((?:\\.|(?!\1).)*)\1""", source):
		yield match.group(2)


def app_strings() -> dict[str, str]:
	"""``{string: where}`` of every user-facing string of the app."""
	found: dict[str, str] = {}

	def add(strings: Iterable[str], where: str):
		for s in strings:
			found.setdefault(s, where)

	for name, doc in load_doctypes().items():
		add(doctype_strings(doc), f"DocType {name}")
	for kind, key in (
		("report", "report_name"),
		("workspace", "label"),
		("number_card", "label"),
		("dashboard_chart", "chart_name"),
	):
		for name, doc in load_json_files(MODULE, kind).items():
			add([doc.get(key) or name], f"{kind} {name}")
	for name, doc in load_json_files(MODULE, "workspace").items():
		rows = doc.get("shortcuts", []) + doc.get("links", [])
		add([row["label"] for row in rows if row.get("label")], f"workspace {name}")
	fixtures = APP / "fixtures"
	for record in json.loads((fixtures / "role.json").read_text(encoding="utf-8")):
		add([record["name"]], "Role")
	for kind in ("workflow_state", "workflow_action_master"):
		if (fixtures / f"{kind}.json").exists():
			add(
				[r["name"] for r in json.loads((fixtures / f"{kind}.json").read_text(encoding="utf-8"))], kind
			)
	if (fixtures / "workflow.json").exists():
		for workflow in json.loads((fixtures / "workflow.json").read_text(encoding="utf-8")):
			add([s["state"] for s in workflow["states"]], f"Workflow {workflow['name']}")
			add(
				[s["message"] for s in workflow["states"] if s.get("message")], f"Workflow {workflow['name']}"
			)
			add([t["action"] for t in workflow["transitions"]], f"Workflow {workflow['name']}")
	for path in APP.rglob("*.py"):
		add(python_strings(path.read_text(encoding="utf-8")), str(path.relative_to(ROOT)))
	for path in APP.rglob("*.js"):
		add(js_strings(path.read_text(encoding="utf-8")), str(path.relative_to(ROOT)))
	for path in APP.rglob("*.html"):
		add(jinja_strings(path.read_text(encoding="utf-8")), str(path.relative_to(ROOT)))
	for doc in load_json_files(MODULE, "print_format").values():
		name = doc["name"]
		add([name], f"Print Format {name}")
		add(jinja_strings(doc.get("html") or ""), f"Print Format {name}")
	for path in dashboard_files():
		add(dashboard_labels(path.read_text(encoding="utf-8")), str(path.relative_to(ROOT)))
	return found


def check_translations(strings: dict[str, str], translations: dict[str, str]) -> list[str]:
	return [
		f"{where}: no zh translation for {s!r}"
		for s, where in sorted(strings.items())
		if not (translations.get(s) or "").strip()
	]


# ---------------------------------------------------------------- requirement IDs

# Requirement IDs (R-FB-3, R-CT-1/2, R-RP-1..3) belong in code, tests and docs, never in what
# a user reads.
REQUIREMENT_ID = re.compile(r"\bR-[A-Z]{2}-\d")


def custom_field_strings(source: str) -> Iterator[str]:
	"""Labels and descriptions of the Custom Fields the app adds to ERPNext / Frappe doctypes
	(the ``CUSTOM_FIELDS`` literal of ``cs_service/setup/install.py``)."""
	for node in ast.parse(source).body:
		target = node.target if isinstance(node, ast.AnnAssign) else None
		if isinstance(node, ast.Assign) and len(node.targets) == 1:
			target = node.targets[0]
		if isinstance(target, ast.Name) and target.id == "CUSTOM_FIELDS" and node.value is not None:
			for fields in ast.literal_eval(node.value).values():
				for field in fields:
					yield from (field[key] for key in ("label", "description") if field.get(key))


def user_facing_strings() -> dict[str, str]:
	"""``{string: where}`` of everything the app shows a user: :func:`app_strings` and the
	Custom Fields it adds to other apps' doctypes."""
	found = app_strings()
	install = APP / "setup" / "install.py"
	for s in custom_field_strings(install.read_text(encoding="utf-8")):
		found.setdefault(s, f"Custom Field in {install.relative_to(ROOT)}")
	return found


def check_no_requirement_ids(strings: dict[str, str]) -> list[str]:
	return [
		f"{where}: requirement ID in a user-facing string {s!r}"
		for s, where in sorted(strings.items())
		if REQUIREMENT_ID.search(s)
	]


# ---------------------------------------------------------------- dashboards

# Frappe caches a DocType's form meta, its dashboard included, once for every user: a label
# translated on the server shows in the language of whoever loaded it first. The
# desk translates the labels itself (form_links.html), so they stay untranslated in Python.


def module_constants(source: str) -> dict[str, str]:
	"""``NAME = "text"`` assignments at the top of a module."""
	return {
		node.targets[0].id: node.value.value
		for node in ast.parse(source).body
		if isinstance(node, ast.Assign)
		and len(node.targets) == 1
		and isinstance(node.targets[0], ast.Name)
		and isinstance(node.value, ast.Constant)
		and isinstance(node.value.value, str)
	}


def tuple_names(source: str, name: str) -> list[str]:
	"""The names in the tuple assigned to ``name`` at the top of a module."""
	for node in ast.parse(source).body:
		if isinstance(node, ast.Assign) and any(
			isinstance(t, ast.Name) and t.id == name for t in node.targets
		):
			return [e.id for e in node.value.elts if isinstance(e, ast.Name)]
	raise KeyError(name)


def dashboard_files() -> list[Path]:
	return [
		*sorted(MODULE.glob("doctype/*/*_dashboard.py")),
		*sorted((APP / "integrations" / "erpnext").glob("*.py")),
	]


def dashboard_labels(source: str) -> Iterator[str]:
	"""Literal group labels of a dashboard module (``"label": "..."`` and module constants)."""
	tree = ast.parse(source)
	for node in tree.body:
		if isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant):
			if isinstance(node.value.value, str) and all(
				isinstance(t, ast.Name) and t.id.isupper() for t in node.targets
			):
				yield node.value.value
	for node in ast.walk(tree):
		if isinstance(node, ast.Dict):
			for key, value in zip(node.keys, node.values, strict=True):
				if isinstance(key, ast.Constant) and key.value == "label":
					if isinstance(value, ast.Constant) and isinstance(value.value, str):
						yield value.value


def check_dashboard_labels(source: str, where: str) -> list[str]:
	"""A dashboard label passed through ``_()`` is frozen in one language by Frappe's cache."""
	problems = []
	for node in ast.walk(ast.parse(source)):
		if isinstance(node, ast.Dict):
			for key, value in zip(node.keys, node.values, strict=True):
				if (
					isinstance(key, ast.Constant)
					and key.value == "label"
					and isinstance(value, ast.Call)
					and isinstance(value.func, ast.Name)
					and value.func.id == "_"
				):
					problems.append(
						f"{where}: dashboard label translated on the server (line {value.lineno})"
					)
	return problems


# ---------------------------------------------------------------- design: the import graph

# One design at a glance: no import cycle among the app's modules, and no Script
# Report that imports the scheduler or a DocType controller -- what a report shares with them
# lives in a plain module both import.
SCHEDULER_MODULES = ("cs_service.jobs.scheduled", "cs_service.decks.schedule")
CONTROLLERS = "cs_service.cs_service.doctype."
REPORTS = "cs_service.cs_service.report."


def app_modules(root: Path = ROOT, package: str = "cs_service") -> dict[str, Path]:
	"""``{dotted name: path}`` of every Python module of the package (a package by its
	``__init__.py``)."""
	modules = {}
	for path in sorted((root / package).rglob("*.py")):
		parts = list(path.relative_to(root).with_suffix("").parts)
		if parts[-1] == "__init__":
			parts = parts[:-1]
		modules[".".join(parts)] = path
	return modules


def _type_checking_only(node: ast.AST) -> bool:
	test = node.test if isinstance(node, ast.If) else None
	return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
		isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
	)


def imported_names(source: str, module: str, is_package: bool = False) -> set[str]:
	"""Dotted names a module imports, at its top and inside functions (a lazy import still
	ties two modules together), but not under ``if TYPE_CHECKING:`` (never run). ``from a.b
	import c`` gives ``a.b.c``, which :func:`import_graph` resolves to module ``a.b.c`` or
	``a.b``."""
	names: set[str] = set()
	package = module if is_package else module.rpartition(".")[0]

	def visit(node: ast.AST):
		if _type_checking_only(node):
			for child in node.orelse:
				visit(child)
			return
		if isinstance(node, ast.Import):
			names.update(alias.name for alias in node.names)
		elif isinstance(node, ast.ImportFrom):
			base = node.module or ""
			if node.level:
				parent = package.split(".")[: len(package.split(".")) - node.level + 1]
				base = ".".join([*parent, *([node.module] if node.module else [])])
			names.update(f"{base}.{alias.name}" for alias in node.names)
		for child in ast.iter_child_nodes(node):
			visit(child)

	visit(ast.parse(source))
	return names


def import_graph(modules: dict[str, Path]) -> dict[str, set[str]]:
	"""``{module: the app's modules it imports}``."""

	def resolve(name: str) -> str | None:
		while name and name not in modules:
			name = name.rpartition(".")[0]
		return name or None

	graph = {}
	for module, path in modules.items():
		names = imported_names(path.read_text(encoding="utf-8"), module, path.name == "__init__.py")
		graph[module] = {m for m in map(resolve, names) if m and m != module}
	return graph


def check_import_cycles(graph: dict[str, set[str]]) -> list[str]:
	"""One problem per group of modules that import each other (a strongly connected
	component of the graph), shown by one of its cycles: ``a -> b -> a``."""
	return [f"import cycle: {' -> '.join(_a_cycle(graph, group))}" for group in _tangles(graph)]


def _tangles(graph: dict[str, set[str]]) -> list[set[str]]:
	"""The strongly connected components of more than one module (Tarjan, iterative)."""
	index: dict[str, int] = {}
	low: dict[str, int] = {}
	stack: list[str] = []
	groups = []
	for root in sorted(graph):
		if root in index:
			continue
		work = [(root, iter(sorted(graph[root])))]
		index[root] = low[root] = len(index)
		stack.append(root)
		while work:
			module, deps = work[-1]
			dep = next(deps, None)
			if dep is not None:
				if dep not in graph:
					continue
				if dep not in index:
					index[dep] = low[dep] = len(index)
					stack.append(dep)
					work.append((dep, iter(sorted(graph[dep]))))
				elif dep in stack:
					low[module] = min(low[module], index[dep])
				continue
			work.pop()
			if work:
				low[work[-1][0]] = min(low[work[-1][0]], low[module])
			if low[module] == index[module]:
				group = set()
				while True:
					member = stack.pop()
					group.add(member)
					if member == module:
						break
				if len(group) > 1:
					groups.append(group)
	return sorted(groups, key=min)


def _a_cycle(graph: dict[str, set[str]], group: set[str]) -> list[str]:
	"""The shortest cycle through the first module of ``group``, as a path back to it."""
	start = min(group)
	paths = {start: [start]}
	queue = [start]
	while queue:
		module = queue.pop(0)
		for dep in sorted(graph[module] & group):
			if dep == start:
				return [*paths[module], start]
			if dep not in paths:
				paths[dep] = [*paths[module], dep]
				queue.append(dep)
	return sorted(group)


def check_report_imports(graph: dict[str, set[str]]) -> list[str]:
	"""A Script Report imports neither the scheduler's modules nor a DocType controller."""
	return [
		f"{module} imports {dep}"
		for module in sorted(graph)
		if module.startswith(REPORTS)
		for dep in sorted(graph[module])
		if dep in SCHEDULER_MODULES or dep.startswith(CONTROLLERS)
	]


# ---------------------------------------------------------------- design: one home per concern

# A DocType's controller module: cs_service.cs_service.doctype.<folder>.<folder>
NOTIFICATIONS_HOME = "cs_service.notifications.mail"
# what leaves for a person: an e-mail through the queue, a desk alert
NOTIFICATION_CALLS = ("sendmail", "make_notification_logs")
# names Frappe calls by convention (hooks and reports look them up by these names)
FRAPPE_ENTRY_NAMES = frozenset(
	{
		"validate",
		"has_permission",
		"query_conditions",
		"after_rename",
		"dashboard",
		"on_submit",
		"on_cancel",
		"execute",
	}
)
# events a DocType of the module may have in doc_events: the guards every record of the module passes
MODULE_WIDE_EVENTS = frozenset({"validate", "before_update_after_submit"})


def controller_of(module: str) -> str | None:
	"""The DocType folder of a controller module, else None."""
	if not module.startswith(CONTROLLERS):
		return None
	parts = module[len(CONTROLLERS) :].split(".")
	return parts[0] if len(parts) == 2 and parts[0] == parts[1] else None


def in_doctype_folder(module: str) -> bool:
	return module.startswith(CONTROLLERS)


def check_controller_imports(graph: dict[str, set[str]]) -> list[str]:
	"""Nothing outside the DocType folders imports a controller: what others need of a DocType
	lives in a plain module that the controller imports too."""
	return [
		f"{module} imports the controller {dep}"
		for module in sorted(graph)
		if not in_doctype_folder(module)
		for dep in sorted(graph[module])
		if controller_of(dep)
	]


def check_controller_siblings(graph: dict[str, set[str]], children: dict[str, set[str]]) -> list[str]:
	"""A controller imports no other DocType's module but its own child rows' (``children``:
	DocType folder -> folders of its Table fields' DocTypes)."""
	problems = []
	for module in sorted(graph):
		folder = controller_of(module)
		if not folder:
			continue
		for dep in sorted(graph[module]):
			if not in_doctype_folder(dep):
				continue
			other = dep[len(CONTROLLERS) :].split(".")[0]
			if other != folder and other not in children.get(folder, set()):
				problems.append(f"{module} imports {dep}, of another DocType")
	return problems


def child_folders(doctypes: dict[str, dict]) -> dict[str, set[str]]:
	"""DocType folder -> the folders of the child DocTypes of its Table fields."""

	def folder(name: str) -> str:
		return name.lower().replace(" ", "_").replace("-", "_")

	return {
		folder(name): {
			folder(f["options"])
			for f in doc.get("fields", [])
			if f.get("fieldtype") in ("Table", "Table MultiSelect") and f.get("options")
		}
		for name, doc in doctypes.items()
	}


def _calls_of(source: str, names: tuple[str, ...]) -> list[int]:
	"""Lines where ``frappe.<name>`` (or a bare imported ``<name>``) is referred to."""
	lines = []
	for node in ast.walk(ast.parse(source)):
		if isinstance(node, ast.Attribute) and node.attr in names:
			lines.append(node.lineno)
		elif isinstance(node, ast.Name) and node.id in names:
			lines.append(node.lineno)
		elif isinstance(node, ast.ImportFrom) and any(a.name in names for a in node.names):
			lines.append(node.lineno)
	return sorted(set(lines))


def check_notifications_home(sources: dict[str, str]) -> list[str]:
	"""``frappe.sendmail`` and the desk's notification log are called in the notifications home
	only: every e-mail and desk alert of the app leaves through one module."""
	return [
		f"{module}:{line}: sends mail or a notification outside {NOTIFICATIONS_HOME}"
		for module, source in sorted(sources.items())
		if module != NOTIFICATIONS_HOME
		for line in _calls_of(source, NOTIFICATION_CALLS)
	]


JOBS_QUEUE_HOME = "cs_service.jobs.once"
# what puts work on RQ's queues
QUEUE_CALLS = ("enqueue", "enqueue_doc")


def check_jobs_queue_home(sources: dict[str, str]) -> list[str]:
	"""Work is queued through one function (:func:`cs_service.jobs.once.enqueue_once`): one job id
	per piece of work, no second job while the first waits, and tests that run it at once."""
	return [
		f"{module}:{line}: queues a job outside {JOBS_QUEUE_HOME}"
		for module, source in sorted(sources.items())
		if module != JOBS_QUEUE_HOME
		for line in _calls_of(source, QUEUE_CALLS)
	]


SETTINGS_HOME = "cs_service.settings"
SETTINGS_DOCTYPE = "CS Service Settings"
SETTINGS_READS = (
	"get_single_value",
	"get_cached_doc",
	"get_single",
	"get_doc",
	"get_cached_value",
	"get_value",
)
# the demo saves and restores the one setting it changes; a patch runs once, before the accessors
SETTINGS_EXEMPT = ("cs_service.setup.demo.context", "cs_service.patches.")


def check_settings_home(sources: dict[str, str]) -> list[str]:
	"""CS Service Settings are read in their home only (one accessor per setting, with its
	default): no module reads the Single with a default of its own."""
	problems = []
	for module, source in sorted(sources.items()):
		if module == SETTINGS_HOME or module.startswith(SETTINGS_EXEMPT):
			continue
		for node in ast.walk(ast.parse(source)):
			if (
				isinstance(node, ast.Call)
				and isinstance(node.func, ast.Attribute)
				and node.func.attr in SETTINGS_READS
				and node.args
				and isinstance(node.args[0], ast.Constant)
				and node.args[0].value == SETTINGS_DOCTYPE
			):
				problems.append(f"{module}:{node.lineno}: reads {SETTINGS_DOCTYPE} outside {SETTINGS_HOME}")
	return problems


def plain_modules(modules: dict[str, Path]) -> dict[str, Path]:
	"""The app's own modules outside the DocType and report folders and the patches."""
	return {
		m: p
		for m, p in modules.items()
		if not m.startswith(("cs_service.cs_service.", "cs_service.patches")) and m != "cs_service.hooks"
	}


def check_function_names(sources: dict[str, str]) -> list[str]:
	"""No public top-level function name is defined in two modules (a reader who meets
	``queue(...)`` knows which one it is); Frappe's conventional entry names are exempt."""
	where: dict[str, list[str]] = {}
	for module, source in sorted(sources.items()):
		for node in ast.parse(source).body:
			if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and not node.name.startswith("_"):
				where.setdefault(node.name, []).append(module)
	return [
		f"{name} is defined in {', '.join(modules)}"
		for name, modules in sorted(where.items())
		if len(modules) > 1 and name not in FRAPPE_ENTRY_NAMES
	]


def check_module_names(modules: dict[str, Path]) -> list[str]:
	"""No two module files of the package share a name (``rules/quality.py`` and
	``figures/quality.py`` read alike in an import)."""
	by_name: dict[str, list[str]] = {}
	for module, path in sorted(modules.items()):
		if path.name != "__init__.py":
			by_name.setdefault(path.stem, []).append(module)
	return [f"{name}: {', '.join(found)}" for name, found in sorted(by_name.items()) if len(found) > 1]


def check_module_aliases(sources: dict[str, str]) -> list[str]:
	"""The app's modules are imported under their own names (``from cs_service.rules import
	quality``, never ``... import quality as rules``)."""
	problems = []
	for module, source in sorted(sources.items()):
		for node in ast.walk(ast.parse(source)):
			if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("cs_service"):
				for alias in node.names:
					full = f"{node.module}.{alias.name}"
					if alias.asname and alias.asname != alias.name and full in sources:
						problems.append(f"{module}:{node.lineno}: {full} imported as {alias.asname}")
	return problems


def check_doc_events(doc_events: dict, module_doctypes: set[str]) -> list[str]:
	"""doc_events holds other apps' DocTypes and the module-wide guards only: a DocType of the
	module has no event beyond the guards (its controller calls its own effects by name)."""
	return [
		f"doc_events[{doctype!r}][{event!r}]: the controller calls its effects by name"
		for doctype, events in sorted(doc_events.items())
		if doctype in module_doctypes
		for event in sorted(events)
		if event not in MODULE_WIDE_EVENTS
	]


# ---------------------------------------------------------------- the outsiders' gate

GATE_MODULE = "cs_service.access.gate"
GATE_HOOK = f"{GATE_MODULE}.gate"
ALLOWLIST_MODULE = "cs_service.access.allowlist"
ALLOWLIST_NAMES = ("ALLOWED_METHODS", "ALLOWED_PAGES", "NOT_FUNCTIONS")


# after the gate, the shape of what a request writes into the module's records
PAYLOAD_HOOK = "cs_service.access.payloads.check"


def check_auth_hooks(hooks: dict) -> list[str]:
	"""The gate is the app's first ``auth_hooks`` entry (it runs after every way of logging in,
	before anything else of ours); the only other is the payload check, which refuses and
	never allows."""
	if hooks.get("auth_hooks") not in ([GATE_HOOK], [GATE_HOOK, PAYLOAD_HOOK]):
		return [
			f"hooks.auth_hooks must be [{GATE_HOOK!r}] (optionally then {PAYLOAD_HOOK!r}), "
			f"not {hooks.get('auth_hooks')!r}"
		]
	return []


def load_allowlist(source: str) -> tuple[dict[str, set[str] | dict], list[str]]:
	"""The allowlist's literal values in the gate's source, by name, and the problems: each must
	be a literal of strings (``frozenset({...})``, a set or a dict), readable without running it."""
	found, problems = {}, []
	for node in ast.parse(source).body:
		if not (isinstance(node, ast.Assign) and len(node.targets) == 1):
			continue
		target = node.targets[0]
		if not (isinstance(target, ast.Name) and target.id in ALLOWLIST_NAMES):
			continue
		value = node.value
		if isinstance(value, ast.Call) and getattr(value.func, "id", None) == "frozenset" and value.args:
			value = value.args[0]
		try:
			literal = ast.literal_eval(value)
		except ValueError:
			problems.append(f"{target.id}: not a literal of strings")
			found[target.id] = frozenset()
			continue
		if not all(isinstance(k, str) for k in literal):
			problems.append(f"{target.id}: not a literal of strings")
		found[target.id] = literal
	problems += [
		f"{name}: not defined in {ALLOWLIST_MODULE}" for name in ALLOWLIST_NAMES if name not in found
	]
	return found, problems


def check_allowlist_in_one_module(sources: dict[str, str]) -> list[str]:
	"""``{module: source}`` of the app: the allowlist is defined and touched in its module only,
	and is literal there."""
	problems = []
	for module, source in sorted(sources.items()):
		if module == ALLOWLIST_MODULE:
			problems += load_allowlist(source)[1]
			continue
		for name in ALLOWLIST_NAMES:
			if re.search(rf"\b{name}\b", source):
				problems.append(f"{module}: names {name}; the allowlist lives in {ALLOWLIST_MODULE} only")
	if ALLOWLIST_MODULE not in sources:
		problems.append(f"no module {ALLOWLIST_MODULE}")
	return problems


def is_whitelisted_def(node: ast.AST) -> bool:
	def name_of(decorator):
		target = decorator.func if isinstance(decorator, ast.Call) else decorator
		return ast.unparse(target)

	return isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and any(
		name_of(d) in ("frappe.whitelist", "whitelist") for d in node.decorator_list
	)


def check_allowlisted_methods(methods, not_functions: dict, source_of) -> list[str]:
	"""Every allowlisted dotted path is a ``@frappe.whitelist`` function at module level of its
	module (read from ``source_of(module)``, None when there is no such module), or one of the
	gate's documented names that are no function."""
	problems = []
	for path in sorted(methods):
		if path in not_functions:
			continue
		module, _dot, name = path.rpartition(".")
		source = source_of(module)
		if source is None:
			problems.append(f"{path}: no module {module}")
			continue
		defs = [n for n in ast.parse(source).body if getattr(n, "name", None) == name]
		if not defs:
			problems.append(f"{path}: {module} defines no function {name!r}")
		elif not any(is_whitelisted_def(n) for n in defs):
			problems.append(f"{path}: not decorated with @frappe.whitelist")
	return problems


def package_root(package: str) -> Path | None:
	"""Where the top-level ``package`` is installed (found without importing it), or None."""
	import importlib.util

	if package == "cs_service":
		return APP
	spec = importlib.util.find_spec(package)
	return (
		Path(next(iter(spec.submodule_search_locations)))
		if spec and spec.submodule_search_locations
		else None
	)


def module_source(module: str) -> str | None:
	top, *rest = module.split(".")
	root = package_root(top)
	if root is None:
		return None
	base = root.joinpath(*rest)
	for candidate in (base.with_suffix(".py"), base / "__init__.py"):
		if candidate.exists():
			return candidate.read_text(encoding="utf-8")
	return None


# ---------------------------------------------------------------- every printed value escaped

JINJA_OUTPUT = re.compile(r"\{\{-?\s*(.*?)\s*-?\}\}", re.S)
JINJA_MACRO = re.compile(r"\{%-?\s*macro\s+(\w+)\s*\(")
JS_OUTPUT = re.compile(r"\{%=\s*(.*?)\s*%\}", re.S)
ESCAPED = re.compile(r"\|\s*e\s*(\|\s*replace\([^()]*\)\s*)?$")
TRANSLATED_LITERAL = re.compile(r'^_\(\s*"[^"]*"\s*\)$')
TRANSLATED_FORMAT = re.compile(r'^_\(\s*"[^"]*"\s*\)\.format\((.*)\)$', re.S)


def _top_level_args(text: str) -> list[str]:
	"""``a | e, f(b, c) | e`` -> ``["a | e", "f(b, c) | e"]``: commas outside brackets and quotes."""
	args, depth, quote, start = [], 0, None, 0
	for index, char in enumerate(text):
		if quote:
			if char == quote:
				quote = None
		elif char in "\"'":
			quote = char
		elif char in "([{":
			depth += 1
		elif char in ")]}":
			depth -= 1
		elif char == "," and depth == 0:
			args.append(text[start:index].strip())
			start = index + 1
	args.append(text[start:].strip())
	return [a for a in args if a]


def unescaped_jinja_outputs(source: str) -> list[str]:
	"""The ``{{ ... }}`` of a Jinja template (Frappe renders them without autoescape) that print a
	value without ``| e``: allowed are ``x | e`` (optionally ``| replace(...)`` after it), a
	translated literal, ``_("...").format(...)`` whose every argument ends with ``| e``, and calls of
	the template's own macros (which escape inside) or ``caller()``."""
	macros = set(JINJA_MACRO.findall(source)) | {"caller"}
	found = []
	for expression in JINJA_OUTPUT.findall(source):
		expression = expression.strip()
		if ESCAPED.search(expression) or TRANSLATED_LITERAL.match(expression):
			continue
		formatted = TRANSLATED_FORMAT.match(expression)
		if formatted and all(ESCAPED.search(arg) for arg in _top_level_args(formatted.group(1))):
			continue
		call = re.match(r"^(\w+)\s*\(", expression)
		if call and call.group(1) in macros and expression.endswith(")"):
			continue
		found.append(expression)
	return found


def unescaped_js_outputs(source: str) -> list[str]:
	"""The ``{%= ... %}`` of a report's print template (Frappe's microtemplate escapes nothing)
	that are neither ``esc(...)`` nor a translated literal."""
	return [
		expression
		for expression in JS_OUTPUT.findall(source)
		if not re.match(r"^esc\(.*\)$", expression, re.S) and not re.match(r'^__\("[^"]*"\)$', expression)
	]


def templates_printing_values(root: Path = ROOT) -> dict[str, str]:
	"""Every template of the app that Frappe renders without autoescape: the print formats, the
	e-mails and the phone page (the SQE portal's pages use an autoescaped environment)."""
	out = {}
	for path in sorted((root / "cs_service" / "cs_service" / "print_format").glob("*/*.json")):
		out[str(path.relative_to(root))] = json.loads(path.read_text(encoding="utf-8")).get("html") or ""
	for path in sorted((root / "cs_service" / "templates" / "emails").glob("*.html")):
		out[str(path.relative_to(root))] = path.read_text(encoding="utf-8")
	page = root / "cs_service" / "templates" / "pages" / "capture.html"
	out[str(page.relative_to(root))] = page.read_text(encoding="utf-8")
	return out


def check_templates_escape(root: Path = ROOT) -> list[str]:
	problems = [
		f"{where}: prints {expression!r} without | e"
		for where, source in templates_printing_values(root).items()
		for expression in unescaped_jinja_outputs(source)
	]
	for path in sorted((root / "cs_service" / "cs_service" / "report").glob("*/*.html")):
		problems += [
			f"{path.relative_to(root)}: prints {expression!r} without esc()"
			for expression in unescaped_js_outputs(path.read_text(encoding="utf-8"))
		]
	return problems
