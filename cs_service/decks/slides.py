"""The two monthly slide decks, built with python-pptx (R-RP-1..3).

- *Delivery quality* (externally supplied parts): title, KPI summary, per major customer the
  PPM trend over 12 months (a native, editable line chart) with the month's parts, and the
  month's major problems with their status.
- *Line stops*: title, KPI summary, per customer the line-stop minutes caused by us by month
  (columns) and cumulative over the year (line), and the same major problems. Caused by us are
  the minutes of Quality problems; those of Tracking problems are not decided yet and are
  shown apart (a summary row and a line under the customer's charts), never in the charts;
  Disputed problems never count (R-RP-3).

A PPM is at most 1,000,000: a part row (or the month's total) with more defective than
delivered net of returns is marked with an asterisk and a footnote (R-RP-3).

:func:`build_quality_deck` and :func:`build_line_stop_deck` are plain functions of plain data
(no frappe import), so they unit-test without a site. Their ``data`` is a dict:

``company``, ``month`` ("YYYY-MM"), ``subtitle`` of the title slide (optional), ``labels``
(already translated, see :data:`LABELS`; titles included), ``font`` (optional, a CJK font),
``major_customers`` (list), ``kpi`` (received, handled, rate, target, on_time_rate,
by_source), ``delivery`` (the month's rows per customer and part), ``trend`` (per customer and
month: net_delivered, defective, ppm), ``line_stops`` (per customer and month: minutes,
cumulative, sheets, undecided_minutes, undecided_sheets) and ``major_problems`` (rows with
name, customer, item, item_name, description, problem_type, tracking_status, occurred_at).
:mod:`cs_service.decks.contents` is the frappe side that fills it.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Mapping, Sequence

from pptx import Presentation
from pptx.chart.data import CategoryChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_LEGEND_POSITION
from pptx.oxml.ns import qn
from pptx.oxml.xmlchemy import OxmlElement
from pptx.util import Emu, Inches, Pt

from cs_service.decks import series
from cs_service.rules import months, quality
from cs_service.rules.quality import format_rate

# Windows viewers have it; LibreOffice falls back to a CJK font such as Noto Sans CJK SC.
DEFAULT_FONT = "Microsoft YaHei"

# English defaults of every text the builders write; the frappe layer passes them translated.
LABELS: dict[str, str] = {
	"quality_title": "Monthly Delivery Quality of Externally Supplied Parts",
	"line_stop_title": "Customer Line Stop and Stoppage Minutes Caused by Us",
	"summary": "Summary",
	"complaints_received": "Complaints received",
	"complaints_handled": "Complaints handled (closed)",
	"handling_rate": "Complaint handling rate",
	"target": "target",
	"on_time_rate": "15-minute feedback on time",
	"net_delivered": "Delivered (net of returns)",
	"defective": "Defective",
	"ppm": "PPM",
	"month_minutes": "Line-stop minutes in the month",
	"ytd_minutes": "Line-stop minutes since January",
	"undecided_minutes": "Not yet decided (Tracking problems): line-stop minutes in the month",
	"undecided_in_month": "Not yet decided (Tracking problems), not counted above: {0} minutes in the month",
	"ppm_bounded": "* More defective than delivered net of returns: PPM bounded at 1,000,000",
	"ppm_trend": "PPM trend, last 12 months",
	"part": "Part",
	"minutes": "Minutes",
	"cumulative": "Cumulative",
	"minutes_by_month": "Line-stop minutes by month",
	"cumulative_minutes": "Cumulative minutes in the year",
	"sheets": "Feedback sheets",
	"major_problems": "Major problems of the month",
	"sheet": "Sheet",
	"customer": "Customer",
	"description": "Description",
	"problem_type": "Problem type",
	"status": "Status",
	"occurred_at": "Occurred",
	"no_major_problem": "No major problem in the month.",
	"no_customer": "No major customer in the month.",
	"more_parts": "{0} more parts",
}

SLIDE_WIDTH, SLIDE_HEIGHT = Inches(13.333), Inches(7.5)
LAYOUT_TITLE, LAYOUT_TITLE_ONLY = 0, 5
MARGIN = Inches(0.5)
TOP = Inches(1.45)
# parts listed on a customer's slide (then "N more parts"): a bilingual part name wraps to two
# lines beside the chart, and the table must end above the slide's bottom edge
PARTS_ON_SLIDE = 8
PROBLEMS_PER_SLIDE = 8
DESCRIPTION_CHARS = 90
RED = RGBColor(0xC0, 0x00, 0x00)
GREEN = RGBColor(0x00, 0x80, 0x3C)
HEADER_FILL = RGBColor(0x1F, 0x4E, 0x79)
WHITE = RGBColor(0xFF, 0xFF, 0xFF)


# ---------------------------------------------------------------- public builders


def build_quality_deck(data: Mapping) -> bytes:
	"""The delivery-quality deck (R-RP-3) as .pptx bytes."""
	deck = Deck(data)
	labels = deck.labels
	deck.title_slide(labels["quality_title"])
	delivery = [r for r in data.get("delivery") or [] if r.get("customer") in set(_customers(data))]
	delivered = sum(r.get("net_delivered") or 0 for r in delivery)
	defective = sum(r.get("defective") or 0 for r in delivery)
	deck.summary_slide(
		[
			(labels["net_delivered"], number(delivered)),
			(labels["defective"], number(defective)),
			(labels["ppm"], ppm_text(defective, delivered)),
		],
		footnote=labels["ppm_bounded"] if quality.defective_above_delivered(defective, delivered) else None,
	)
	months = series.trend_months(data["month"])
	for customer in _customers(data):
		deck.quality_slide(customer, months)
	if not _customers(data):
		deck.note_slide(labels["ppm_trend"], labels["no_customer"])
	deck.problem_slides()
	return deck.save()


def build_line_stop_deck(data: Mapping) -> bytes:
	"""The line-stop deck (R-RP-3) as .pptx bytes."""
	deck = Deck(data)
	labels = deck.labels
	deck.title_slide(labels["line_stop_title"])
	ytd_months = months.months_of_year_to(data["month"])
	shown = line_stop_customers(data)
	by_customer = {c: series.line_stop_series(data.get("line_stops") or [], c, ytd_months) for c in shown}
	deck.summary_slide(
		[
			(labels["month_minutes"], number(sum(s[-1]["minutes"] for s in by_customer.values()))),
			(labels["ytd_minutes"], number(sum(s[-1]["cumulative"] for s in by_customer.values()))),
			(
				labels["undecided_minutes"],
				number(sum(s[-1]["undecided_minutes"] for s in by_customer.values())),
			),
		]
	)
	for customer in shown:
		deck.line_stop_slide(customer, by_customer[customer])
	if not shown:
		deck.note_slide(labels["minutes_by_month"], labels["no_customer"])
	deck.problem_slides()
	return deck.save()


def _customers(data: Mapping) -> list[str]:
	return list(data.get("major_customers") or [])


def line_stop_customers(data: Mapping) -> list[str]:
	"""The major customers, then every other customer whose line we stopped in the month, or
	whose line stopped for a problem not decided yet (shown apart, R-RP-3)."""
	shown = _customers(data)
	for row in data.get("line_stops") or []:
		if (
			row["customer"] not in shown
			and row.get("month") == data["month"]
			and (row.get("minutes") or row.get("undecided_minutes"))
		):
			shown.append(row["customer"])
	return shown


# ---------------------------------------------------------------- formatting


def number(value: float | None) -> str:
	"""``9,500`` (whole quantities without decimals, others with two); ``-`` for no value."""
	if value is None:
		return "-"
	return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}"


def ppm_text(defective: float | None, delivered: float | None) -> str:
	"""The PPM as :func:`number` writes it, with an asterisk when it is bounded (R-RP-3)."""
	text = number(quality.ppm(defective, delivered))
	return f"{text} *" if quality.defective_above_delivered(defective, delivered) else text


def rate_against_target(rate: float | None, target: float | None, target_label: str) -> str:
	return f"{format_rate(rate)} ({target_label} {format_rate(target)})"


def shorten(text: str | None, limit: int = DESCRIPTION_CHARS) -> str:
	text = " ".join((text or "").split())
	return text if len(text) <= limit else text[: limit - 1] + "…"


def set_font(font, name: str, size: float | None = None, bold: bool | None = None, color=None) -> None:
	"""Latin *and* East Asian typeface of a run's (or a chart's default) font, so that Chinese
	renders in the named font: python-pptx sets only ``a:latin``, the ``a:ea`` element is
	written here (after ``a:latin``, as the schema orders them)."""
	font.name = name
	rPr = font._rPr
	ea = rPr.find(qn("a:ea"))
	if ea is None:
		ea = OxmlElement("a:ea")
		rPr.get_or_add_latin().addnext(ea)
	ea.set("typeface", name)
	if size is not None:
		font.size = Pt(size)
	if bold is not None:
		font.bold = bold
	if color is not None:
		font.color.rgb = color


# ---------------------------------------------------------------- the deck


class Deck:
	def __init__(self, data: Mapping):
		self.data = data
		self.labels = {**LABELS, **(data.get("labels") or {})}
		self.font = data.get("font") or DEFAULT_FONT
		self.prs = Presentation()
		self.prs.slide_width, self.prs.slide_height = SLIDE_WIDTH, SLIDE_HEIGHT

	def save(self) -> bytes:
		buffer = io.BytesIO()
		self.prs.save(buffer)
		return buffer.getvalue()

	# ------------------------------------------------------------ text

	def write(self, text_frame, text: str, size: float = 14, bold: bool = False, color=None) -> None:
		"""Replace the text of a frame by one run per line, each in the deck's font."""
		lines = str(text).split("\n")
		text_frame.text = ""
		for index, line in enumerate(lines):
			paragraph = text_frame.paragraphs[0] if index == 0 else text_frame.add_paragraph()
			run = paragraph.add_run()
			run.text = line
			set_font(run.font, self.font, size, bold, color)

	def slide(self, title: str):
		slide = self.prs.slides.add_slide(self.prs.slide_layouts[LAYOUT_TITLE_ONLY])
		shape = slide.shapes.title
		shape.left, shape.top, shape.width, shape.height = (
			MARGIN,
			Inches(0.3),
			SLIDE_WIDTH - 2 * MARGIN,
			Inches(1),
		)
		self.write(shape.text_frame, title, size=28, bold=True)
		return slide

	def title_slide(self, title: str) -> None:
		slide = self.prs.slides.add_slide(self.prs.slide_layouts[LAYOUT_TITLE])
		self.write(slide.shapes.title.text_frame, title, size=36, bold=True)
		subtitle = self.data.get("subtitle") or f"{self.data.get('company') or ''}\n{self.data['month']}"
		self.write(slide.placeholders[1].text_frame, subtitle, size=20)

	def note_slide(self, title: str, text: str) -> None:
		slide = self.slide(title)
		box = slide.shapes.add_textbox(MARGIN, TOP, SLIDE_WIDTH - 2 * MARGIN, Inches(1))
		self.write(box.text_frame, text, size=18)

	def footnote(self, slide, text: str, left=None, top=None, width=None, size: float = 11) -> None:
		"""A note in small type: at the foot of the slide unless placed."""
		box = slide.shapes.add_textbox(
			MARGIN if left is None else left,
			SLIDE_HEIGHT - Inches(0.9) if top is None else top,
			SLIDE_WIDTH - 2 * MARGIN if width is None else width,
			Inches(0.6),
		)
		box.text_frame.word_wrap = True
		self.write(box.text_frame, text, size=size)

	# ------------------------------------------------------------ tables

	def table(self, slide, header: Sequence[str], rows: Sequence[Sequence[str]], left, top, width, widths):
		"""A native table; ``widths`` are relative column widths."""
		height = Inches(0.4) * (len(rows) + 1)
		shape = slide.shapes.add_table(len(rows) + 1, len(header), left, top, width, height)
		table = shape.table
		total = sum(widths)
		for index, share in enumerate(widths):
			table.columns[index].width = Emu(int(width * share / total))
		for col, text in enumerate(header):
			cell = table.cell(0, col)
			cell.fill.solid()
			cell.fill.fore_color.rgb = HEADER_FILL
			self.write(cell.text_frame, text, size=12, bold=True, color=WHITE)
		for r, row in enumerate(rows, start=1):
			for col, text in enumerate(row):
				self.write(table.cell(r, col).text_frame, text, size=11)
		return table

	def summary_slide(self, extra: Iterable[tuple[str, str]] = (), footnote: str | None = None) -> None:
		"""R-RP-1: complaint handling rate against the 100 % target, the 15-minute on-time rate
		and the counts, then the deck's own figures (and a footnote, when given)."""
		labels, kpi = self.labels, self.data.get("kpi") or {}
		slide = self.slide(labels["summary"])
		rows = [
			(labels["complaints_received"], number(kpi.get("received") or 0)),
			*((f"  {source}", number(count)) for source, count in (kpi.get("by_source") or {}).items()),
			(labels["complaints_handled"], number(kpi.get("handled") or 0)),
			(
				labels["handling_rate"],
				rate_against_target(kpi.get("rate"), kpi.get("target", 100), labels["target"]),
			),
			(labels["on_time_rate"], format_rate(kpi.get("on_time_rate"))),
			*extra,
		]
		table = self.table(slide, ["", self.data["month"]], rows, MARGIN, TOP, Inches(9), (3, 2))
		rate, target = kpi.get("rate"), kpi.get("target", 100)
		if rate is not None and target is not None:
			row = [r[0] for r in rows].index(labels["handling_rate"]) + 1
			self.write(
				table.cell(row, 1).text_frame,
				rows[row - 1][1],
				size=11,
				bold=True,
				color=GREEN if rate >= target else RED,
			)
		if footnote:
			self.footnote(slide, footnote)

	def problem_slides(self) -> None:
		"""R-RP-2: the month's major problems with their status, a few per slide."""
		labels = self.labels
		problems = list(self.data.get("major_problems") or [])
		if not problems:
			self.note_slide(labels["major_problems"], labels["no_major_problem"])
			return
		header = [
			labels["sheet"],
			labels["customer"],
			labels["part"],
			labels["description"],
			labels["problem_type"],
			labels["status"],
			labels["occurred_at"],
		]
		pages = [problems[i : i + PROBLEMS_PER_SLIDE] for i in range(0, len(problems), PROBLEMS_PER_SLIDE)]
		for page, chunk in enumerate(pages, start=1):
			title = labels["major_problems"] + (f" ({page}/{len(pages)})" if len(pages) > 1 else "")
			slide = self.slide(title)
			rows = [
				(
					p.get("name") or "",
					p.get("customer") or "",
					p.get("item_name") or p.get("item") or "",
					shorten(p.get("description")),
					p.get("problem_type") or "",
					p.get("tracking_status") or "",
					str(p.get("occurred_at") or "")[:16],
				)
				for p in chunk
			]
			self.table(
				slide, header, rows, MARGIN, TOP, SLIDE_WIDTH - 2 * MARGIN, (1.6, 1.6, 1.6, 4, 1.3, 1.3, 1.6)
			)

	# ------------------------------------------------------------ charts

	def chart(self, slide, chart_type, categories, series: Sequence[tuple[str, list]], box, title: str):
		chart_data = CategoryChartData(number_format="#,##0")
		chart_data.categories = categories
		for name, values in series:
			chart_data.add_series(name, values)
		chart = slide.shapes.add_chart(chart_type, *box, chart_data).chart
		set_font(chart.font, self.font, 11)
		chart.has_title = True
		self.write(chart.chart_title.text_frame, title, size=14, bold=True)
		chart.has_legend = len(series) > 1
		if chart.has_legend:
			chart.legend.position = XL_LEGEND_POSITION.BOTTOM
			chart.legend.include_in_layout = False
		plot = chart.plots[0]
		plot.has_data_labels = True
		plot.data_labels.number_format = "#,##0"
		plot.data_labels.number_format_is_linked = False
		set_font(plot.data_labels.font, self.font, 10)
		set_font(chart.category_axis.tick_labels.font, self.font, 9)
		return chart

	def quality_slide(self, customer: str, months: list[str]) -> None:
		"""PPM trend of one customer over 12 months, and the month's parts beside it."""
		labels = self.labels
		trend = {r["month"]: r for r in self.data.get("trend") or [] if r.get("customer") == customer}
		values = [trend[m].get("ppm") if m in trend else None for m in months]
		slide = self.slide(customer)
		width = Inches(7.0)
		self.chart(
			slide,
			XL_CHART_TYPE.LINE_MARKERS,
			months,
			[(labels["ppm"], values)],
			(MARGIN, TOP, width, Inches(5.6)),
			labels["ppm_trend"],
		)
		parts = sorted(
			(r for r in self.data.get("delivery") or [] if r.get("customer") == customer),
			key=lambda r: (-(r.get("defective") or 0), -(r.get("net_delivered") or 0), r.get("item") or ""),
		)
		rows = [
			(
				r.get("item_name") or r.get("item") or "",
				number(r.get("net_delivered") or 0),
				number(r.get("defective") or 0),
				ppm_text(r.get("defective"), r.get("net_delivered")),
			)
			for r in parts[:PARTS_ON_SLIDE]
		]
		if len(parts) > PARTS_ON_SLIDE:
			rows.append((labels["more_parts"].format(len(parts) - PARTS_ON_SLIDE), "", "", ""))
		if rows:
			left = MARGIN + width + Inches(0.2)
			self.table(
				slide,
				[labels["part"], labels["net_delivered"], labels["defective"], labels["ppm"]],
				rows,
				left,
				TOP,
				SLIDE_WIDTH - MARGIN - left,
				(2.0, 1.5, 1.3, 1.0),
			)
		shown = parts[:PARTS_ON_SLIDE]
		if any(quality.defective_above_delivered(r.get("defective"), r.get("net_delivered")) for r in shown):
			# under the parts table, beside the chart
			left = MARGIN + width + Inches(0.2)
			top = TOP + Inches(0.4) * (len(rows) + 1) + Inches(0.1)
			self.footnote(slide, labels["ppm_bounded"], left, top, SLIDE_WIDTH - MARGIN - left)

	def line_stop_slide(self, customer: str, series: list[dict]) -> None:
		"""Minutes by month (columns) and cumulative over the year (line) of one customer."""
		labels = self.labels
		slide = self.slide(customer)
		categories = [row["month"] for row in series]
		width = (SLIDE_WIDTH - 2 * MARGIN - Inches(0.3)) / 2
		height = Inches(4.6)
		self.chart(
			slide,
			XL_CHART_TYPE.COLUMN_CLUSTERED,
			categories,
			[(labels["minutes"], [row["minutes"] for row in series])],
			(MARGIN, TOP, int(width), height),
			labels["minutes_by_month"],
		)
		self.chart(
			slide,
			XL_CHART_TYPE.LINE_MARKERS,
			categories,
			[(labels["cumulative"], [row["cumulative"] for row in series])],
			(int(MARGIN + width + Inches(0.3)), TOP, int(width), height),
			labels["cumulative_minutes"],
		)
		month = series[-1] if series else {}
		lines = []
		if month.get("sheets"):
			lines.append(f"{labels['sheets']}: {', '.join(month['sheets'])}")
		if month.get("undecided_minutes"):
			# R-RP-3: apart from the minutes caused by us, never in the charts
			undecided = labels["undecided_in_month"].format(number(month["undecided_minutes"]))
			sheets = month.get("undecided_sheets") or []
			lines.append(f"{undecided} ({', '.join(sheets)})" if sheets else undecided)
		if lines:
			box = slide.shapes.add_textbox(
				MARGIN, TOP + height + Inches(0.2), SLIDE_WIDTH - 2 * MARGIN, Inches(1)
			)
			box.text_frame.word_wrap = True
			self.write(box.text_frame, "\n".join(lines), size=11)
