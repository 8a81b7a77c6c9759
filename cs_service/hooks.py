from cs_service.access.doctypes import (
	customer_owned_parents,
	module_doctypes,
	module_parents,
	parents_of,
	scoped_doctypes,
)
from cs_service.staff import PERSONAL

app_name = "cs_service"
app_title = "CS Service"
app_publisher = "cs_service developers"
app_description = "Customer Service department of an automotive-parts supplier"
app_email = "cs-service@example.com"
app_license = "mit"

# The owner prefix keeps install-app from asking GitHub which organisation owns erpnext.
required_apps = ["frappe/erpnext"]

export_python_type_annotations = True

# Roles are shipped as filtered fixtures; cs_service.access.roles.APP_ROLES holds the same names.
fixtures = [
	{
		"dt": "Role",
		"filters": [["name", "in", ["CS Engineer", "CS Manager", "QA Engineer", "Customer SQE"]]],
	},
	# R-CT-9: the customer's SQE signs through these workflows (cs_service.containment.signoff enforces the signer).
	{
		"dt": "Workflow State",
		"filters": [["name", "in", ["Draft", "Pending SQE", "Signed", "Returned for Correction"]]],
	},
	{
		"dt": "Workflow Action Master",
		"filters": [["name", "in", ["Send to SQE", "Sign", "Return for Correction"]]],
	},
	{
		"dt": "Workflow",
		"filters": [["name", "in", ["Suspect Part Slip SQE Sign-off", "Service Confirmation SQE Sign-off"]]],
	},
]

# R-CT-9, R-US-2: a customer's SQE is an outsider: every request of theirs is refused unless it
# is on the one allowlist of cs_service/access/gate.py (the portal, login, logout, password).
# auth_hooks run after every way of logging in (cookie, API key, OAuth) and before routing.
auth_hooks = ["cs_service.access.gate.gate", "cs_service.access.payloads.check"]

# R-US-1, R-FB-4: the resident engineer's phone page /cs and its service worker;
# R-CT-9, R-US-2: the customer's SQE's portal /sqe
page_renderer = ["cs_service.pages.capture.CapturePage", "cs_service.pages.portal.page.SQEPortalPage"]
# the phone page on Frappe's apps screen (/apps), for the users who may use it; as
# a user's default app it is their landing page (cs_service.integrations.desk.home.set_default_app)
add_to_apps_screen = [
	{
		"name": "cs_service",
		"logo": "/assets/cs_service/images/quick-capture.svg",
		"title": "Quick Capture",
		"route": "/cs",
		"has_permission": "cs_service.pages.capture.can_capture",
	}
]
# the portal's routes skip the website's route map (made again for every request); every other
# path is Frappe's
website_path_resolver = ["cs_service.pages.portal.page.resolve_path"]

# R-US-1: the desk on a phone: the form top bar (15-minute clock, what is missing
# before sending, labelled actions), the SQE's sign-off confirmation, compact forms. Plain
# files, no build step.
# date-times to the second whatever the site's time format (cs_datetime.js)
app_include_js = ["/assets/cs_service/js/cs_datetime.js", "/assets/cs_service/js/cs_desk.js"]
app_include_css = ["/assets/cs_service/css/cs_desk.css"]

extend_bootinfo = "cs_service.integrations.desk.boot.extend_bootinfo"

# the print formats and e-mails print every value escaped; free text (stored with < and >
# as entities, cs_service.integrity.text) as ``value | as_typed | e``
# prints and e-mails show the app's standard names in the reader's language
# (one jinja hook: a second assignment would drop the first)
jinja = {
	"methods": ["cs_service.planning.sites.shown_name"],
	"filters": ["cs_service.integrity.text.as_typed"],
}

after_install = "cs_service.setup.install.after_install"
after_migrate = "cs_service.setup.install.after_migrate"
before_uninstall = "cs_service.setup.install.before_uninstall"

override_doctype_dashboards = {
	"Customer": "cs_service.integrations.erpnext.customer.dashboard",
	"Item": "cs_service.integrations.erpnext.item.dashboard",
	"Delivery Note": "cs_service.integrations.erpnext.delivery_note.dashboard",
}

# The customer scope (cs_service/access/scope.py) holds for every DocType of the module,
# found from its JSON, and for the ERPNext records a Customer SQE may touch: a new DocType
# is covered without editing this file (R-CT-9, R-US-2).
_SCOPED = scoped_doctypes()
# R-ST-5: an engineer's personal staff records (and their rows) are theirs and the manager's only.
_PERSONAL = {dt for dt in module_doctypes() if dt in PERSONAL or any(p in PERSONAL for p in parents_of(dt))}
has_permission = {
	**{
		dt: [
			"cs_service.access.scope.has_permission",
			*(["cs_service.access.personal.has_permission"] if dt in _PERSONAL else []),
		]
		for dt in _SCOPED
	},
	# An outsider finds no other person: not our staff, not another customer's SQE.
	"User": ["cs_service.access.people.user_has_permission"],
	# a File made from the URL of a private file needs read on a File of that URL
	"File": ["cs_service.access.doors.file_has_permission"],
}
permission_query_conditions = {
	**{
		dt: [
			"cs_service.access.scope.query_conditions",
			*(["cs_service.access.personal.query_conditions"] if dt in _PERSONAL else []),
		]
		for dt in _SCOPED
	},
	"User": ["cs_service.access.people.user_query_conditions"],
}

# R-CT-9: signing is a logged-in act; Frappe's workflow e-mail links are guest endpoints.
override_whitelisted_methods = {
	"frappe.workflow.doctype.workflow_action.workflow_action.confirm_action": (
		"cs_service.containment.signoff.confirm_action"
	),
	"frappe.workflow.doctype.workflow_action.workflow_action.apply_action": "cs_service.containment.signoff.apply_action",
	# the leaderboard and the @-mention list show every user and every customer's sales
	"frappe.desk.page.leaderboard.leaderboard.get_leaderboard_config": (
		"cs_service.integrations.desk.overrides.get_leaderboard_config"
	),
	"frappe.desk.search.get_names_for_mentions": "cs_service.integrations.desk.overrides.get_names_for_mentions",
	# the apps screen's "Set as default" keeps the default workspace in step
	"frappe.apps.set_app_as_default": "cs_service.integrations.desk.home.set_app_as_default",
	# doors Frappe 15.70 leaves open to every desk user (cs_service/access/doors.py)
	"frappe.desk.search.search_link": "cs_service.access.doors.search_link",
	"frappe.desk.search.search_widget": "cs_service.access.doors.search_widget",
	"frappe.desk.listview.get_group_by_count": "cs_service.access.doors.get_group_by_count",
	**{
		method: "cs_service.integrations.desk.overrides." + method.rsplit(".", 1)[1]
		for method in (
			"erpnext.startup.leaderboard.get_all_customers",
			"erpnext.startup.leaderboard.get_all_items",
			"erpnext.startup.leaderboard.get_all_suppliers",
			"erpnext.startup.leaderboard.get_all_sales_partner",
			"erpnext.startup.leaderboard.get_all_sales_person",
		)
	},
}

# doc_events: the guards every document of the module passes, and what the app does when other
# apps' documents change. Our own documents' effects are called by name from their controllers.
doc_events = {
	**{
		dt: {
			"validate": [
				# a record's customer does not move, and what it links to belongs to the same customer
				*(["cs_service.access.scope.validate"] if dt in customer_owned_parents() else []),
				"cs_service.integrity.text.validate",  # free text shows as typed, never as markup
				"cs_service.staff.qualification.check_author",  # a revoked engineer creates nothing at a site
				"cs_service.access.rows.check_own_rows",  # a row named after another document's is refused
				"cs_service.integrity.numbers.validate",  # quantities and minutes in bounds, numbers fit
				"cs_service.integrity.attachments.validate",  # an attachment is a File of this document
			],
			"before_update_after_submit": [
				"cs_service.access.rows.check_own_rows",
				"cs_service.integrity.numbers.validate",
				"cs_service.integrity.attachments.validate",
			],
		}
		for dt in module_parents()
	},
	# ERPNext's documents (cs_service/integrations/erpnext/, one module per DocType)
	# R-PL-5: a contact's site and shop at the customer are checked against the Customer Site
	"Contact": {"validate": "cs_service.integrations.erpnext.contact.validate"},
	# R-RP-2: a renamed or merged Customer or Item takes its kept figures along
	"Customer": {"after_rename": "cs_service.integrations.erpnext.customer.after_rename"},
	"Item": {"after_rename": "cs_service.integrations.erpnext.item.after_rename"},
	# R-RP-2, R-RP-3: deliveries and returns in the monthly figures, in the note's own transaction
	"Delivery Note": {
		"on_submit": "cs_service.integrations.erpnext.delivery_note.on_submit",
		"on_cancel": "cs_service.integrations.erpnext.delivery_note.on_cancel",
	},
	# Frappe's documents
	# a File that ends up on another's private file needs read on one of its Files
	"File": {"validate": "cs_service.access.doors.validate_file"},
	# the desk home of our roles and of a customer's SQE
	"User": {"validate": "cs_service.integrations.desk.home.validate_user"},
}

# Thin entry points, all in cs_service/jobs/scheduled.py (the work is in the domain modules).
scheduler_events = {
	# R-PL-1: months that ended behind the annual service plan are flagged to the CS Managers once
	"daily": ["cs_service.jobs.scheduled.flag_visits_behind_plan"],
	# R-ST-3: handovers not confirmed in time after their shift are violations (booked once)
	"hourly": ["cs_service.jobs.scheduled.flag_unconfirmed_handovers"],
	"cron": {
		# R-FB-6: every morning; escalates the latest month-end once (on the last day, or on the
		# next run when the last-day run was missed), recorded in a CS Job Record
		"0 6 * * *": ["cs_service.jobs.scheduled.month_end_escalation"],
		# R-RP-3, R-US-4: every morning; acts only on the report day of CS Service Settings (the 20th)
		"0 5 * * *": ["cs_service.jobs.scheduled.monthly_quality_report"],
		# R-CT-7: ask the engineer to confirm the breakpoint once its follow-up shift is over; and
		# the sheets waiting for the SQE longer than a group-chat channel's hours
		"*/15 * * * *": [
			"cs_service.jobs.scheduled.remind_breakpoint_confirmation",
			"cs_service.jobs.scheduled.alert_waiting_for_sqe",
		],
		# R-FB-4: the e-mail to QA of a sent sheet whose job was lost is queued, once
		"*/5 * * * *": ["cs_service.jobs.scheduled.qa_mail_catch_up"],
		# group-chat alerts whose retry is due or whose job was lost
		"* * * * *": ["cs_service.jobs.scheduled.retry_alerts"],
	},
}
