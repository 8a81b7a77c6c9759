"""The app's roles (shipped as filtered fixtures, see hooks.fixtures). No frappe import."""

CS_ENGINEER = "CS Engineer"  # resident engineer at a customer site
CS_MANAGER = "CS Manager"
QA_ENGINEER = "QA Engineer"  # our quality assurance department
CUSTOMER_SQE = "Customer SQE"  # the customer's supplier quality engineer, signs our sheets

APP_ROLES = (CS_ENGINEER, CS_MANAGER, QA_ENGINEER, CUSTOMER_SQE)

# Roles that see every customer; a user holding none of them but Customer SQE is
# limited to the customers of their User Permissions.
INTERNAL_ROLES = (CS_ENGINEER, CS_MANAGER, QA_ENGINEER, "System Manager")
# Roles that may edit any Customer Site, not only the sites they are assigned to.
SITE_ADMIN_ROLES = (CS_MANAGER, "System Manager")
