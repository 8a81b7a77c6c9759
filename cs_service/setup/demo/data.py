"""The demo department's fictional world. No frappe here.

Two car makers of our own invention, a plant each, three resident engineers, a CS manager, a QA
engineer, one SQE per customer, twenty parts, and the calendar of three months of deliveries,
returns and quality problems before the current month. Names are in Chinese and English, as a
plant's people write them. Every record has a *key*: the demo makes a key once and removes
exactly the records of its keys.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

EMAIL_DOMAIN = "cs-demo.example.com"  # example.com is reserved: nothing is ever delivered there

CUSTOMERS = (
	# key, customer name, site name, city, time zone, part-number prefix
	("lingxi", "凌曦汽车 Lingxi Motors", "长春总装厂 Changchun Plant", "Changchun", "Asia/Shanghai", "LX"),
	("yuanlan", "远岚汽车 Yuanlan Automobile", "佛山工厂 Foshan Plant", "Foshan", "Asia/Shanghai", "YL"),
)

# stations per shop (the site's default shops: body shop, paint shop, final assembly, logistics)
STATIONS = (
	("Body Shop", "Side frame", "BS-04"),
	("Body Shop", "Doors", "BS-11"),
	("Paint Shop", "Inspection", "PS-02"),
	("Final Assembly", "Trim 1", "FA-12"),
	("Final Assembly", "Chassis 2", "FA-27"),
	("Logistics Warehouse", "Receiving", "LW-01"),
)
SHIFTS = (
	("早班 Day", "08:00", "20:00"),
	("夜班 Night", "20:00", "08:00"),
)  # the night shift runs over midnight


@dataclass(frozen=True)
class Person:
	key: str
	first_name: str
	last_name: str
	roles: tuple[str, ...]
	customer: str | None = None  # the SQE's customer key

	@property
	def email(self) -> str:
		return f"demo.{self.key}@{EMAIL_DOMAIN}"


PEOPLE = (
	Person("engineer1", "伟 Wei", "张 Zhang", ("CS Engineer",)),
	Person("engineer2", "敏 Min", "李 Li", ("CS Engineer",)),
	Person("engineer3", "强 Qiang", "王 Wang", ("CS Engineer",)),
	Person("manager", "静 Jing", "刘 Liu", ("CS Manager",)),
	Person("qa", "磊 Lei", "陈 Chen", ("QA Engineer",)),
	Person("sqe-lingxi", "芳 Fang", "赵 Zhao", ("Customer SQE",), "lingxi"),
	Person("sqe-yuanlan", "军 Jun", "孙 Sun", ("Customer SQE",), "yuanlan"),
)
# which engineers are resident at which customer's plant
RESIDENTS = {"lingxi": ("engineer1", "engineer2"), "yuanlan": ("engineer3",)}

PARTS = (
	("门饰板卡扣 Door trim clip", "Final Assembly", "Trim 1", "FA-12"),
	("前保险杠支架 Front bumper bracket", "Body Shop", "Side frame", "BS-04"),
	("后视镜底座 Mirror base", "Final Assembly", "Trim 1", "FA-12"),
	("车门铰链 Door hinge", "Body Shop", "Doors", "BS-11"),
	("顶棚扶手 Roof grab handle", "Final Assembly", "Trim 1", "FA-12"),
	("油箱盖 Fuel filler door", "Body Shop", "Side frame", "BS-04"),
	("线束固定夹 Harness clip", "Final Assembly", "Chassis 2", "FA-27"),
	("座椅滑轨 Seat slide rail", "Final Assembly", "Chassis 2", "FA-27"),
	("雨刮臂 Wiper arm", "Final Assembly", "Trim 1", "FA-12"),
	("尾门撑杆 Tailgate strut", "Final Assembly", "Chassis 2", "FA-27"),
	("轮罩衬板 Wheel arch liner", "Final Assembly", "Chassis 2", "FA-27"),
	("门槛饰条 Sill trim", "Final Assembly", "Trim 1", "FA-12"),
	("引擎盖锁扣 Hood latch", "Body Shop", "Doors", "BS-11"),
	("门把手 Door handle", "Body Shop", "Doors", "BS-11"),
	("仪表板横梁 Cross-car beam", "Body Shop", "Side frame", "BS-04"),
	("A柱饰板 A-pillar trim", "Final Assembly", "Trim 1", "FA-12"),
	("保险杠导轨 Bumper guide", "Paint Shop", "Inspection", "PS-02"),
	("天窗导轨 Sunroof rail", "Final Assembly", "Trim 1", "FA-12"),
	("散热器支架 Radiator bracket", "Body Shop", "Side frame", "BS-04"),
	("备胎盖板 Spare wheel cover", "Logistics Warehouse", "Receiving", "LW-01"),
)


def part_code(index: int) -> str:
	return f"CSD-{1001 + index}"


def fictional_part_no(prefix: str, index: int) -> str:
	return f"{prefix}-{5610 + index * 7:04d}-{index % 3 + 1:02d}"


def parts_of(customer_index: int) -> list[int]:
	"""Each customer buys twelve of the twenty parts; four are bought by both."""
	return list(range(0, 12)) if customer_index == 0 else list(range(8, 20))


# ---------------------------------------------------------------- the calendar


def demo_months(today: date) -> list[date]:
	"""The first days of the three months before ``today``'s month, oldest first."""
	months = []
	first = today.replace(day=1)
	for _ in range(3):
		first = (first - timedelta(days=1)).replace(day=1)
		months.insert(0, first)
	return months


DELIVERY_DAYS = (3, 10, 17, 24)


def delivery_plan(today: date) -> list[tuple[str, int, date, list[tuple[int, int]]]]:
	"""``(key, customer index, posting date, [(part index, qty)])`` of every demo delivery: the
	three months before ``today``'s and this month's days before today (so this month's figures
	on the workspace have deliveries too)."""
	plan = []
	for month in [*demo_months(today), today.replace(day=1)]:
		for c in (0, 1):
			for n, day in enumerate(DELIVERY_DAYS):
				if month.replace(day=day) >= today:
					continue
				parts = parts_of(c)
				lines = [(p, 200 + ((p * 37 + n * 53 + month.month * 11) % 9) * 100) for p in parts[n::2]]
				plan.append((f"dn-{month:%Y%m}-{c}-{n}", c, month.replace(day=day), lines))
	return plan


@dataclass(frozen=True)
class Problem:
	key: str
	customer: int
	part: int
	problem_type: str
	occurred: datetime
	report_minutes: int  # from occurrence to the first report
	send_minutes: int  # from the first report to sending: over 15 is late
	line_stop: int
	quantity: int
	defect: str
	description: str
	source: str = "Found on Site"
	major: bool = False


DEFECTS = (
	("卡扣断裂 Broken clip", "装配时卡扣断裂，门饰板无法卡到位 Clip breaks at assembly, trim does not seat"),
	(
		"孔位偏移 Hole offset",
		"安装孔偏移约1.5mm，螺栓无法拧入 Mounting hole offset about 1.5 mm, bolt cannot be driven",
	),
	("表面划伤 Surface scratch", "外观面划伤，长约20mm Visible surface scratched, about 20 mm long"),
	("尺寸超差 Out of tolerance", "检具检测超差 Out of tolerance on the checking fixture"),
	("漏装垫片 Missing washer", "总成漏装垫片 Washer missing in the assembly"),
	("毛刺 Burr", "边缘毛刺划手 Sharp burr on the edge"),
)
TYPES = ("Quality Problem", "Quality Problem", "Tracking Problem", "Disputed Problem")


def problem_plan(today: date) -> list[Problem]:
	"""Fourteen quality problems over the three months and the current one: all three types,
	on time and late, with and without line stops, one reported by the customer, one major."""
	problems = []
	months = demo_months(today)
	n = 0
	for m, month in enumerate(months):
		for k in range(4):
			c = (m + k) % 2
			part = parts_of(c)[(m * 5 + k * 3) % 12]
			day = 5 + k * 6 + m
			shift_hour = (9, 14, 22, 2)[k]  # two in the night shift, one after midnight
			occurred = datetime.combine(month.replace(day=day), time(shift_hour, 10 + k * 7))
			defect = DEFECTS[(n + c) % len(DEFECTS)]
			problems.append(
				Problem(
					key=f"qfs-{month:%Y%m}-{k}",
					customer=c,
					part=part,
					problem_type=TYPES[(m + k) % len(TYPES)],
					occurred=occurred,
					report_minutes=3 + k,
					send_minutes=(8, 12, 35, 10)[(m + k) % 4],  # one in four is late
					line_stop=(0, 15, 0, 40)[(k + m) % 4],
					quantity=2 + (n * 3) % 11,
					defect=defect[0],
					description=defect[1],
					source="Reported by Customer" if (m, k) == (1, 1) else "Found on Site",
					major=(m, k) == (2, 3),
				)
			)
			n += 1
	# two in the current month (so the phone page and the tracking report have fresh ones)
	current = today.replace(day=1)
	for k in range(2):
		when = datetime.combine(current, time(10 + k * 3, 5))
		if when.date() < today:
			problems.append(
				Problem(
					key=f"qfs-{current:%Y%m}-{k}",
					customer=k,
					part=parts_of(k)[k + 2],
					problem_type="Quality Problem",
					occurred=when,
					report_minutes=4,
					send_minutes=9,
					line_stop=20 * k,
					quantity=4,
					defect=DEFECTS[k][0],
					description=DEFECTS[k][1],
				)
			)
	return problems


def vin(customer_prefix: str, n: int) -> str:
	"""A vehicle body number of 17 characters (no I, O or Q)."""
	return f"L{customer_prefix}DEMO{n:010d}"[:17].replace("O", "0").replace("I", "1").replace("Q", "9")
