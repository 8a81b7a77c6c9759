"""The monthly slide decks built from plain data, read back with python-pptx (R-RP-1..3).

Seed: report month March 2026, major customers 一汽大众 (two parts) and B; customer C is not
major but had a line stop in March; one major problem in Chinese.
"""

import io
from datetime import date

import pytest
from pptx import Presentation
from pptx.enum.chart import XL_CHART_TYPE
from pptx.oxml.ns import qn
from pptx.util import Emu, Pt

from cs_service.decks import series, slides
from cs_service.rules import months, quality
from tests.meta.checks import load_translations

A, B, C = "一汽大众", "CS Customer B", "CS Customer C"
MONTH = "2026-03"
DELIVERY = [
	# 12-month figures of A as delivery_quality gives them (per month and part)
	{"month": "2025-06", "customer": A, "item": "P1", "delivered": 4000, "returned": 0, "defective": 2},
	{"month": "2026-03", "customer": A, "item": "P1", "delivered": 10000, "returned": 500, "defective": 19},
	{"month": "2026-03", "customer": A, "item": "P2", "delivered": 500, "returned": 0, "defective": 1},
	{"month": "2026-03", "customer": B, "item": "P9", "delivered": 0, "returned": 0, "defective": 3},
]
STOPS = [
	{"month": "2026-01", "customer": A, "minutes": 30, "cumulative": 30, "sheets": ["QFS-2026-00001"]},
	{
		"month": "2026-03",
		"customer": A,
		"minutes": 45,
		"cumulative": 75,
		"sheets": ["QFS-2026-00007"],
		"undecided_minutes": 20,
		"undecided_sheets": ["QFS-2026-00008"],
	},
	{"month": "2026-03", "customer": C, "minutes": 20, "cumulative": 20, "sheets": ["QFS-2026-00009"]},
	{"month": "2026-02", "customer": "CS Customer D", "minutes": 15, "cumulative": 15, "sheets": ["QFS-X"]},
]
PROBLEM = {
	"name": "QFS-2026-00007",
	"customer": A,
	"item": "P1",
	"item_name": "门板卡扣",
	"description": "总装线卡扣断裂，停线 45 分钟",
	"problem_type": "Quality Problem",
	"tracking_status": "Actions in Progress",
	"occurred_at": "2026-03-09 10:15:00",
}


def figures(**overrides):
	trend_months = series.trend_months(MONTH)
	data = {
		"company": "CS 测试公司",
		"month": MONTH,
		"major_customers": [A, B],
		"delivery": [
			{
				**r,
				"item_name": r["item"],
				"net_delivered": r["delivered"] - r["returned"],
				"ppm": quality.ppm(r["defective"], r["delivered"] - r["returned"]),
			}
			for r in DELIVERY
			if r["month"] == MONTH
		],
		"trend": series.customer_trend(DELIVERY, A, trend_months)
		+ series.customer_trend(DELIVERY, B, trend_months),
		"line_stops": STOPS,
		"kpi": {
			"received": 4,
			"by_source": {"Found on Site": 3, "Reported by Customer": 1},
			"handled": 3,
			"rate": 75.0,
			"target": 100,
			"on_time_rate": 87.5,
		},
		"major_problems": [PROBLEM],
	}
	data.update(overrides)
	return data


def open_deck(content: bytes):
	return Presentation(io.BytesIO(content))


def charts(slide):
	return [shape.chart for shape in slide.shapes if shape.has_chart]


def tables(slide):
	return [
		[[cell.text for cell in row.cells] for row in shape.table.rows]
		for shape in slide.shapes
		if shape.has_table
	]


def title(slide):
	return slide.shapes.title.text_frame.text


def chart_series(chart):
	plot = chart.plots[0]
	return list(plot.categories), {s.name: list(s.values) for s in plot.series}


# ---------------------------------------------------------------- months


def test_the_report_window_runs_from_the_report_day_and_catches_up_after_the_21st():
	"""Due before the 22nd (R-RP-3); a report not sent by then is made good by the next run
	of the month, late, rather than never."""
	assert not series.in_report_window(date(2026, 4, 19), None)
	assert series.in_report_window(date(2026, 4, 20), None)
	assert series.in_report_window(date(2026, 4, 21), 0)
	assert series.in_report_window(date(2026, 4, 22), None)
	assert series.in_report_window(date(2026, 4, 30), None)
	assert not series.in_report_window(date(2026, 5, 1), None)
	assert series.in_report_window(date(2026, 4, 16), 15)
	assert not series.is_report_late(date(2026, 4, 21)) and series.is_report_late(date(2026, 4, 22))


def test_a_report_month_is_finished_the_day_after_its_last_day():
	"""No report of a month still running (it would go out with partial figures)."""
	assert not series.is_finished("2026-03", date(2026, 3, 31))
	assert series.is_finished("2026-03", date(2026, 4, 1))
	assert not series.is_finished("2026-04", date(2026, 4, 20))
	assert series.is_finished("2025-12", date(2026, 1, 1))


def test_months_of_the_trend_and_of_the_year():
	assert series.trend_months(MONTH) == [
		"2025-04", "2025-05", "2025-06", "2025-07", "2025-08", "2025-09",
		"2025-10", "2025-11", "2025-12", "2026-01", "2026-02", "2026-03",
	]  # fmt: skip
	assert months.months_of_year_to(MONTH) == ["2026-01", "2026-02", "2026-03"]
	assert months.months_of_year_to("2026-01") == ["2026-01"]
	assert series.is_month("2026-03") and not series.is_month("2026-3") and not series.is_month("2026-13")


def test_customer_trend_sums_the_parts_and_has_no_ppm_without_delivery():
	"""March: (19 + 1) defective of (9,500 + 500) net delivered = 2,000 PPM; June 2 of 4,000 = 500;
	months without delivery have no PPM (None), never 0."""
	trend = series.customer_trend(DELIVERY, A, series.trend_months(MONTH))
	by_month = {r["month"]: r for r in trend}
	assert len(trend) == 12
	assert (by_month["2026-03"]["net_delivered"], by_month["2026-03"]["defective"]) == (10000, 20)
	assert by_month["2026-03"]["ppm"] == 2000
	assert by_month["2025-06"]["ppm"] == 500
	assert by_month["2026-01"] == {
		"customer": A,
		"month": "2026-01",
		"net_delivered": 0,
		"defective": 0,
		"ppm": None,
	}
	assert series.customer_trend(DELIVERY, B, ["2026-03"])[0]["ppm"] is None  # defects, nothing delivered


def test_line_stop_series_fills_months_without_stops_and_runs_the_total():
	series_ = series.line_stop_series(STOPS, A, months.months_of_year_to(MONTH))
	assert [(r["month"], r["minutes"], r["cumulative"]) for r in series_] == [
		("2026-01", 30, 30),
		("2026-02", 0, 30),
		("2026-03", 45, 75),
	]
	assert series_[-1]["sheets"] == ["QFS-2026-00007"]
	# R-RP-3: the minutes of a Tracking problem apart, in no running total
	assert [r["undecided_minutes"] for r in series_] == [0, 0, 20]
	assert series_[-1]["undecided_sheets"] == ["QFS-2026-00008"]


# ---------------------------------------------------------------- quality deck


def test_quality_deck_has_title_summary_one_chart_per_major_customer_and_the_problems():
	prs = open_deck(slides.build_quality_deck(figures()))
	pages = list(prs.slides)
	assert [title(s) for s in pages] == [
		slides.LABELS["quality_title"],
		"Summary",
		A,
		B,
		"Major problems of the month",
	]
	assert "CS 测试公司" in pages[0].placeholders[1].text_frame.text


def test_quality_chart_is_an_editable_line_chart_of_the_twelve_month_ppm():
	prs = open_deck(slides.build_quality_deck(figures()))
	(chart,) = charts(prs.slides[2])
	assert chart.chart_type == XL_CHART_TYPE.LINE_MARKERS
	categories, values = chart_series(chart)
	assert categories == series.trend_months(MONTH)
	expected = [None] * 12
	expected[2], expected[11] = 500, 2000  # June 2025, March 2026
	assert values == {"PPM": expected}
	(b_chart,) = charts(prs.slides[3])
	assert chart_series(b_chart)[1] == {"PPM": [None] * 12}


def test_quality_slide_lists_the_months_parts_most_defective_first():
	prs = open_deck(slides.build_quality_deck(figures()))
	(parts,) = tables(prs.slides[2])
	assert parts == [
		["Part", "Delivered (net of returns)", "Defective", "PPM"],
		["P1", "9,500", "19", "2,000"],
		["P2", "500", "1", "2,000"],
	]


def test_a_customers_parts_table_ends_on_its_slide_with_two_line_names():
	"""R-RP-3: twelve parts with bilingual names (two lines each beside the chart): the table
	stops at PARTS_ON_SLIDE with a "more parts" row and ends above the slide's bottom edge, each
	row as tall as two lines of its 11 pt text and the cell margins, a line of a CJK font (Noto
	Sans CJK, Microsoft YaHei) 1.45 times its size, as LibreOffice renders the deck."""
	delivery = [
		{
			"month": MONTH,
			"customer": A,
			"item": f"P{n}",
			"item_name": f"顶棚扶手 Roof grab handle {n}",
			"delivered": 1000 + n,
			"returned": 0,
			"net_delivered": 1000 + n,
			"defective": 0,
		}
		for n in range(12)
	]
	prs = open_deck(slides.build_quality_deck(figures(delivery=delivery)))
	slide = prs.slides[2]
	(shape,) = [s for s in slide.shapes if s.has_table]
	rows = shape.table.rows
	assert len(rows) == 1 + slides.PARTS_ON_SLIDE + 1
	assert rows[len(rows) - 1].cells[0].text == f"{12 - slides.PARTS_ON_SLIDE} more parts"
	margins = Pt(3.6) * 2  # PowerPoint's default top and bottom cell margins (0.05 in)
	two_lines = int(Pt(11) * 1.45 * 2 + margins)
	header = int(Pt(12) * 1.45 * 3 + margins)  # "Delivered (net of returns)" wraps to three lines
	bottom = shape.top + header + two_lines * (len(rows) - 1)
	assert bottom <= slides.SLIDE_HEIGHT, f"the table ends {Emu(bottom).inches:.2f} in down a 7.5 in slide"


def test_summary_shows_the_handling_rate_against_the_target_and_the_months_ppm():
	prs = open_deck(slides.build_quality_deck(figures()))
	(summary,) = tables(prs.slides[1])
	assert summary == [
		["", MONTH],
		["Complaints received", "4"],
		["  Found on Site", "3"],
		["  Reported by Customer", "1"],
		["Complaints handled (closed)", "3"],
		["Complaint handling rate", "75.0 % (target 100.0 %)"],
		["15-minute feedback on time", "87.5 %"],
		["Delivered (net of returns)", "10,000"],
		["Defective", "23"],
		["PPM", "2,300"],
	]
	table = next(s for s in prs.slides[1].shapes if s.has_table).table
	assert table.cell(5, 1).text_frame.paragraphs[0].runs[0].font.color.rgb == slides.RED


def test_a_bounded_ppm_is_marked_with_a_footnote():
	"""R-RP-3: a recall leaves 1 part delivered net of returns and 2,500 defective:
	PPM 1,000,000, marked, on the customer's slide and in the summary."""
	recall = {
		"month": MONTH,
		"customer": A,
		"item": "P1",
		"item_name": "P1",
		"delivered": 10_000,
		"returned": 9_999,
		"net_delivered": 1,
		"defective": 2_500,
		"ppm": quality.ppm(2_500, 1),
	}
	prs = open_deck(slides.build_quality_deck(figures(major_customers=[A], delivery=[recall])))
	(parts,) = tables(prs.slides[2])
	assert parts[1] == ["P1", "1", "2,500", "1,000,000 *"]
	footnotes = [s.text_frame.text for s in prs.slides[2].shapes if s.has_text_frame]
	assert slides.LABELS["ppm_bounded"] in footnotes
	summary = dict((r[0], r[1]) for r in tables(prs.slides[1])[0])
	assert summary["PPM"] == "1,000,000 *"
	assert slides.LABELS["ppm_bounded"] in [
		s.text_frame.text for s in prs.slides[1].shapes if s.has_text_frame
	]
	# an ordinary month has neither
	prs = open_deck(slides.build_quality_deck(figures()))
	texts = [s.text_frame.text for slide in prs.slides for s in slide.shapes if s.has_text_frame]
	assert slides.LABELS["ppm_bounded"] not in texts


def test_rate_without_complaints_is_a_dash_not_zero():
	kpi = {"received": 0, "handled": 0, "rate": None, "target": 100, "on_time_rate": None, "by_source": {}}
	prs = open_deck(slides.build_quality_deck(figures(kpi=kpi)))
	rows = dict((r[0], r[1]) for r in tables(prs.slides[1])[0])
	assert rows["Complaint handling rate"] == "- (target 100.0 %)"
	assert rows["15-minute feedback on time"] == "-"


def test_major_problems_table_with_status():
	prs = open_deck(slides.build_quality_deck(figures()))
	(problems,) = tables(prs.slides[-1])
	assert problems == [
		["Sheet", "Customer", "Part", "Description", "Problem type", "Status", "Occurred"],
		[
			"QFS-2026-00007",
			A,
			"门板卡扣",
			"总装线卡扣断裂，停线 45 分钟",
			"Quality Problem",
			"Actions in Progress",
			"2026-03-09 10:15",
		],
	]


def test_many_problems_run_over_several_slides_and_none_is_said():
	many = [{**PROBLEM, "name": f"QFS-{i}"} for i in range(slides.PROBLEMS_PER_SLIDE + 1)]
	prs = open_deck(slides.build_line_stop_deck(figures(major_problems=many)))
	assert [title(s) for s in prs.slides][-2:] == [
		"Major problems of the month (1/2)",
		"Major problems of the month (2/2)",
	]
	assert [len(tables(s)[0]) - 1 for s in list(prs.slides)[-2:]] == [slides.PROBLEMS_PER_SLIDE, 1]
	prs = open_deck(slides.build_quality_deck(figures(major_problems=[])))
	last = prs.slides[-1]
	assert title(last) == "Major problems of the month"
	assert "No major problem in the month." in [s.text_frame.text for s in last.shapes if s.has_text_frame]


def test_translated_labels_and_titles_are_used():
	prs = open_deck(slides.build_quality_deck(figures(labels={"summary": "概要", "ppm": "百万分率"})))
	assert title(prs.slides[1]) == "概要"
	assert "百万分率" in chart_series(charts(prs.slides[2])[0])[1]


# ---------------------------------------------------------------- line-stop deck


def test_line_stop_deck_charts_minutes_by_month_and_cumulative_per_customer():
	"""Major customers A and B, then C (not major, but we stopped its line in March); D stopped
	only in February and gets no slide of its own."""
	prs = open_deck(slides.build_line_stop_deck(figures()))
	pages = list(prs.slides)
	assert [title(s) for s in pages] == [
		slides.LABELS["line_stop_title"],
		"Summary",
		A,
		B,
		C,
		"Major problems of the month",
	]
	columns, line = charts(pages[2])
	assert columns.chart_type == XL_CHART_TYPE.COLUMN_CLUSTERED
	assert line.chart_type == XL_CHART_TYPE.LINE_MARKERS
	assert chart_series(columns) == (["2026-01", "2026-02", "2026-03"], {"Minutes": [30, 0, 45]})
	assert chart_series(line) == (["2026-01", "2026-02", "2026-03"], {"Cumulative": [30, 30, 75]})
	assert chart_series(charts(pages[3])[0])[1] == {"Minutes": [0, 0, 0]}
	assert chart_series(charts(pages[4])[1])[1] == {"Cumulative": [0, 0, 20]}
	texts = [s.text_frame.text for s in pages[2].shapes if s.has_text_frame]
	assert (
		"Feedback sheets: QFS-2026-00007\n"
		"Not yet decided (Tracking problems), not counted above: 20 minutes in the month (QFS-2026-00008)"
	) in texts


def test_line_stop_summary_totals_the_month_and_the_year():
	prs = open_deck(slides.build_line_stop_deck(figures()))
	rows = dict((r[0], r[1]) for r in tables(prs.slides[1])[0])
	assert rows["Line-stop minutes in the month"] == "65"  # 45 (A) + 20 (C)
	assert rows["Line-stop minutes since January"] == "95"  # 75 (A) + 20 (C)
	assert rows["Not yet decided (Tracking problems): line-stop minutes in the month"] == "20"  # A, apart


def test_a_customer_whose_line_stopped_only_for_an_undecided_problem_is_shown():
	"""R-RP-3: customer E is not major and we caused no stop, but 10 minutes of a Tracking
	problem are shown apart on its slide (0 in its charts)."""
	undecided = {"month": MONTH, "customer": "CS Customer E", "minutes": 0, "cumulative": 0, "sheets": []}
	undecided.update(undecided_minutes=10, undecided_sheets=["QFS-E"])
	data = figures(line_stops=[*STOPS, undecided])
	assert slides.line_stop_customers(data) == [A, B, C, "CS Customer E"]
	prs = open_deck(slides.build_line_stop_deck(data))
	slide = next(s for s in prs.slides if title(s) == "CS Customer E")
	assert chart_series(charts(slide)[0])[1] == {"Minutes": [0, 0, 0]}
	texts = [s.text_frame.text for s in slide.shapes if s.has_text_frame]
	assert any("10 minutes in the month (QFS-E)" in text for text in texts)


def test_no_major_customer_is_said():
	prs = open_deck(slides.build_quality_deck(figures(major_customers=[], delivery=[])))
	assert [title(s) for s in prs.slides][2] == "PPM trend, last 12 months"


# ---------------------------------------------------------------- Chinese


@pytest.mark.parametrize("build", [slides.build_quality_deck, slides.build_line_stop_deck])
def test_chinese_text_carries_an_east_asian_font(build):
	"""Every run holds the CJK-capable font as its latin *and* East Asian (a:ea) typeface, the
	a:ea right after a:latin as the schema orders them; charts too."""
	prs = open_deck(build(figures()))
	runs = [
		run
		for slide in prs.slides
		for shape in slide.shapes
		if shape.has_text_frame
		for paragraph in shape.text_frame.paragraphs
		for run in paragraph.runs
	]
	chinese = [run for run in runs if A in run.text]
	assert chinese, "no Chinese text written"
	for run in runs:
		rPr = run.font._rPr
		latin, ea = rPr.find(qn("a:latin")), rPr.find(qn("a:ea"))
		assert latin.get("typeface") == slides.DEFAULT_FONT
		assert ea.get("typeface") == slides.DEFAULT_FONT
		assert latin.getnext() is ea
	chart = next(c for s in prs.slides for c in charts(s))
	assert chart.font._rPr.find(qn("a:ea")).get("typeface") == slides.DEFAULT_FONT


def test_another_font_can_be_chosen():
	prs = open_deck(slides.build_quality_deck(figures(font="Noto Sans CJK SC")))
	run = prs.slides[0].shapes.title.text_frame.paragraphs[0].runs[0]
	assert run.font._rPr.find(qn("a:ea")).get("typeface") == "Noto Sans CJK SC"


def test_every_deck_label_has_a_zh_translation():
	"""The frappe layer passes the labels through _(): each needs its Simplified Chinese."""
	zh = load_translations("zh")
	assert [text for text in slides.LABELS.values() if not zh.get(text)] == []
