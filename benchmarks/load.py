"""REST load run: 32 concurrent clients create sent feedback sheets against two
gunicorn processes on the same site (requests alternate between them: no state lives in a
process), while readers run the quality reports and number cards, which a site with
``read_from_replica`` serves from its replica.

The replica here is the same MariaDB server reached with a user that may only SELECT: a report
or card that wrote anything would fail. The server's user statistics show the reads the
replica user served and that it changed no row.

Checked afterwards: every 2xx answer is exactly one row (0 lost, 0 duplicated), nothing was
created without a 2xx, and the monthly figures of the month still equal the raw records after
320 concurrent additions to the same row.
"""

from __future__ import annotations

import contextlib
import json
import os
import socket
import statistics
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path

import frappe
import requests

from benchmarks import churn, writes

READER_CALLS = (
	("frappe.desk.query_report.run", {"report_name": "Delivery Quality"}),
	("frappe.desk.query_report.run", {"report_name": "Line Stop Minutes"}),
	("frappe.desk.query_report.run", {"report_name": "Complaint Handling KPI"}),
	("cs_service.figures.cards.card_ppm_this_month", {}),
	("cs_service.figures.cards.card_line_stop_minutes_this_month", {}),
	("cs_service.figures.cards.card_on_time_rate_this_month", {}),
)
REPLICA_USER = "cs_bench_replica"


def _free_port() -> int:
	with socket.socket() as s:
		s.bind(("127.0.0.1", 0))
		return s.getsockname()[1]


def _mysql_root(sql: str) -> str:
	return subprocess.run(
		["mysql", "-uroot", "-h127.0.0.1", "-N", "-e", sql], check=True, capture_output=True, text=True
	).stdout


def replica(site: str, on: bool) -> None:
	"""A read-only "replica": the same server, a user that may only SELECT the site's database."""
	conf = frappe.get_site_config()
	if on:
		password = frappe.generate_hash(length=16)
		_mysql_root(
			f"DROP USER IF EXISTS '{REPLICA_USER}'@'%'; CREATE USER '{REPLICA_USER}'@'%' IDENTIFIED BY '{password}';"
			f"GRANT SELECT ON `{conf.db_name}`.* TO '{REPLICA_USER}'@'%'; SET GLOBAL userstat = 1; FLUSH USER_STATISTICS;"
		)
		values = {
			"read_from_replica": 1,
			"replica_host": "127.0.0.1",
			"different_credentials_for_replica": 1,
			"replica_db_name": REPLICA_USER,
			"replica_db_password": password,
		}
	else:
		values = dict.fromkeys(
			(
				"read_from_replica",
				"replica_host",
				"different_credentials_for_replica",
				"replica_db_name",
				"replica_db_password",
			)
		)
	from frappe.installer import update_site_config

	for key, value in values.items():
		update_site_config(key, value if value is not None else None, validate=False)


def replica_statistics() -> dict:
	row = _mysql_root(
		f"SELECT SELECT_COMMANDS, UPDATE_COMMANDS, OTHER_COMMANDS, ROWS_READ, ROWS_UPDATED, ROWS_INSERTED, ROWS_DELETED "
		f"FROM information_schema.USER_STATISTICS WHERE USER = '{REPLICA_USER}'"
	).split()
	keys = ("selects", "updates", "other", "rows_read", "rows_updated", "rows_inserted", "rows_deleted")
	return dict(zip(keys, map(int, row), strict=True)) if row else dict.fromkeys(keys, 0)


class Gunicorn:
	def __init__(self, sites: str, workers: int = 1):
		self.port = _free_port()
		self.process = subprocess.Popen(
			[str(Path(sys.executable).with_name("gunicorn")), "-b", f"127.0.0.1:{self.port}", "-w", str(workers),
			 "-t", "120", "frappe.app:application"],
			cwd=sites,
			env={**os.environ, "PYTHONPATH": os.pathsep.join(p for p in sys.path if p)},
			stdout=subprocess.DEVNULL,
			stderr=subprocess.DEVNULL,
		)  # fmt: skip

	def wait(self, site: str):
		for _i in range(120):
			with contextlib.suppress(requests.ConnectionError):
				requests.get(
					f"http://127.0.0.1:{self.port}/api/method/ping", headers={"Host": site}, timeout=5
				)
				return self
			time.sleep(0.5)
		raise RuntimeError("gunicorn did not start")

	def stop(self):
		self.process.terminate()
		with contextlib.suppress(subprocess.TimeoutExpired):
			self.process.wait(timeout=20)


class Worker:
	"""Two RQ workers of the bench on the short queue (``bench worker-pool --queue short
	--num-workers 2``)."""

	def __init__(self, sites: str):
		self.process = subprocess.Popen(
			[
				sys.executable,
				"-m",
				"frappe.utils.bench_helper",
				"frappe",
				"worker-pool",
				"--queue",
				"short",
				"--num-workers",
				"2",
			],
			cwd=sites,
			env={**os.environ, "PYTHONPATH": os.pathsep.join(p for p in sys.path if p)},
			stdout=subprocess.DEVNULL,
			stderr=subprocess.DEVNULL,
		)

	def stop(self):
		self.process.terminate()
		with contextlib.suppress(subprocess.TimeoutExpired):
			self.process.wait(timeout=30)


def wait_for_mails(run_id: str, timeout: float = 120) -> float:
	"""Seconds until every sheet of the run has its e-mail to QA queued (or the timeout)."""
	started = time.perf_counter()
	while time.perf_counter() - started < timeout:
		frappe.db.rollback()
		left = frappe.db.sql(
			"""SELECT COUNT(*) FROM `tabQuality Feedback Sheet`
			WHERE description LIKE %s AND qa_mail_queued_at IS NULL""",
			(f"LOAD {run_id} %",),
		)[0][0]
		if not left:
			break
		time.sleep(0.5)
	return time.perf_counter() - started


def engineer(world: dict) -> str:
	"""A CS Engineer of the benchmark's plant, with an API key (token authentication)."""
	address = "bench-engineer@bench.example.com"
	credentials = api_user(address, "Bench Engineer", "CS Engineer")
	site = frappe.get_doc("Customer Site", world["site"])
	if address not in {row.user for row in site.engineers}:
		site.append("engineers", {"user": address})
		site.save()
		frappe.db.commit()  # nosemgrep
	return credentials


def manager() -> str:
	"""A CS Manager with an API key, who reads the reports and cards during the load."""
	return api_user("bench-manager@bench.example.com", "Bench Manager", "CS Manager")


def api_user(address: str, name: str, role: str) -> str:
	"""``token key:secret`` of a desk user holding ``role`` (made once, a new secret each run)."""
	if not frappe.db.exists("User", address):
		frappe.get_doc(
			{"doctype": "User", "email": address, "first_name": name, "send_welcome_email": 0,
			 "user_type": "System User", "roles": [{"role": role}]}
		).insert()  # fmt: skip
	user = frappe.get_doc("User", address)
	user.api_key = user.api_key or frappe.generate_hash(length=15)
	secret = frappe.generate_hash(length=15)
	user.api_secret = secret
	user.save()
	frappe.db.commit()  # nosemgrep
	return f"token {user.api_key}:{secret}"


def template(world: dict) -> dict:
	"""A sent sheet as a REST client posts it (made here: the client threads have no site)."""
	doc = writes.sheet_doc(world, 0).as_dict(no_default_fields=True)
	doc = {k: (str(v) if k in ("occurred_at", "reported_at") else v) for k, v in doc.items() if v is not None}
	return {**doc, "docstatus": 1}


def run(bench: str, site: str, clients: int = 32, per_client: int = 10, readers: int = 4) -> int:
	world = writes.setup()
	auth = engineer(world)
	run_id = frappe.generate_hash(length=6)
	sites = os.path.join(os.path.abspath(os.path.expanduser(bench)), "sites")
	replica(site, True)
	servers = [Gunicorn(sites), Gunicorn(sites)]
	workers = [Worker(sites)]  # the e-mail jobs of the sheets, on the short queue
	try:
		for server in servers:
			server.wait(site)
		answers: list[tuple[str, int, str | None, float, int]] = []
		reads: list[tuple[str, int, float]] = []
		lock = threading.Lock()
		stop_reading = threading.Event()

		def client(c: int):
			session = requests.Session()
			for n in range(per_client):
				marker = f"LOAD {run_id} {c:02d}-{n:03d}"
				server = servers[
					(c + n) % len(servers)
				]  # a client's requests alternate between the processes
				started = time.perf_counter()
				try:
					r = session.post(
						f"http://127.0.0.1:{server.port}/api/resource/Quality Feedback Sheet",
						headers={"Host": site, "Authorization": auth, "Content-Type": "application/json"},
						data=json.dumps({**sheet, "description": marker}, default=str),
						timeout=120,
					)
					status, name = r.status_code, (r.json().get("data") or {}).get("name") if r.ok else None
				except requests.RequestException:
					status, name = 0, None
				with lock:
					answers.append(
						(marker, status, name, time.perf_counter() - started, (c + n) % len(servers))
					)

		sheet = template(world)
		today = frappe.utils.nowdate()
		report_filters = json.dumps({"from_date": f"{today[:4]}-01-01", "to_date": today})

		def reader(i: int):
			session = requests.Session()
			while not stop_reading.is_set():
				method, args = READER_CALLS[i % len(READER_CALLS)]
				i += 1
				if "report_name" in args:
					args = {**args, "filters": report_filters}
				server = servers[i % len(servers)]
				started = time.perf_counter()
				r = session.get(
					f"http://127.0.0.1:{server.port}/api/method/{method}",
					params=args,
					headers={"Host": site, "Authorization": auth_manager},
					timeout=120,
				)
				with lock:
					reads.append(
						(
							method + (" " + args.get("report_name", "") if "report_name" in args else ""),
							r.status_code,
							time.perf_counter() - started,
						)
					)

		auth_manager = manager()
		started = time.perf_counter()
		threads = [threading.Thread(target=client, args=(c,)) for c in range(clients)]
		reader_threads = [threading.Thread(target=reader, args=(i,)) for i in range(readers)]
		for t in threads + reader_threads:
			t.start()
		for t in threads:
			t.join()
		stop_reading.set()
		for t in reader_threads:
			t.join()
		elapsed = time.perf_counter() - started
		mails_started = time.perf_counter()
		waited = wait_for_mails(run_id)
	finally:
		for server in servers:
			server.stop()
		for worker in workers:
			worker.stop()
		statistics_ = replica_statistics()
		replica(site, False)

	frappe.db.rollback()
	rows = frappe.db.sql(
		"""SELECT description, COUNT(*) FROM `tabQuality Feedback Sheet`
		WHERE description LIKE %s GROUP BY description""",
		(f"LOAD {run_id} %",),
	)
	per_marker = dict(rows)
	ok = {marker for marker, status, *_ in answers if 200 <= status < 300}
	codes = Counter(status for _m, status, *_ in answers)
	lost = sum(1 for marker in ok if per_marker.get(marker, 0) == 0)
	duplicated = sum(count - 1 for count in per_marker.values() if count > 1)
	unanswered = sum(1 for marker in per_marker if marker not in ok)
	latencies = sorted(seconds for _m, status, _n, seconds, _s in answers if 200 <= status < 300)
	by_server = Counter(server for *_x, server in answers)
	print(
		f"load: {clients} clients x {per_client} sheets against 2 gunicorn processes "
		f"({dict(by_server)} requests each) in {elapsed:.1f} s = {len(answers) / elapsed:.1f} sheets/s",
		flush=True,
	)
	print(f"  answers: {dict(codes)}; rows: {sum(per_marker.values())}", flush=True)
	print(f"  lost: {lost}, duplicated: {duplicated}, created without a 2xx: {unanswered}", flush=True)
	if latencies:
		print(
			f"  latency: median {statistics.median(latencies) * 1000:.0f} ms, "
			f"p95 {latencies[int(len(latencies) * 0.95) - 1] * 1000:.0f} ms",
			flush=True,
		)
	mails = dict(
		frappe.db.sql(
			"""SELECT s.name, COUNT(q.name) FROM `tabQuality Feedback Sheet` s
			LEFT JOIN `tabEmail Queue` q ON q.reference_doctype = 'Quality Feedback Sheet' AND q.reference_name = s.name
			WHERE s.description LIKE %s GROUP BY s.name""",
			(f"LOAD {run_id} %",),
		)
	)
	mail_counts = Counter(mails.values())
	print(
		f"  e-mails to QA queued by 2 workers within {waited:.1f} s of the last answer "
		f"({time.perf_counter() - mails_started:.1f} s): sheets by e-mails queued {dict(mail_counts)}",
		flush=True,
	)
	read_codes = Counter((what, status) for what, status, _s in reads)
	for (what, status), count in sorted(read_codes.items()):
		print(f"  read {what}: {count} x {status}", flush=True)
	print(f"  replica user (SELECT only): {statistics_}", flush=True)
	failures = int(bool(lost or duplicated or unanswered or len(ok) != clients * per_client))
	failures += int(any(status != 200 for _w, status, _s in reads) or not reads)
	failures += int(
		statistics_["selects"] == 0 or statistics_["rows_updated"] or statistics_["rows_inserted"]
	)
	failures += int(set(mail_counts) != {1})
	failures += churn.check("after the load run")
	return failures
