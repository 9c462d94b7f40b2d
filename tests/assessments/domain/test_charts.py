"""Chart geometry: plain numbers in, exact coordinates out. No database."""

import pytest

from assessments.domain import charts

LAYERS = [
    ("producers", "Producers"),
    ("distributors", "Distributors"),
    ("converters", "Converters & Nurturers"),
    ("architects", "Architects"),
]


def layers(*scores):
    return [
        {"slug": slug, "name": name, "score": score}
        for (slug, name), score in zip(LAYERS, scores, strict=False)
    ]


def stem(layer, score, slug="seo", name="Search engine optimisation"):
    return {"slug": slug, "name": name, "layer": layer, "score": score}


# --- the line chart ---------------------------------------------------------------------


def test_line_chart_frame_and_grid():
    chart = charts.line_chart(["Jan"], [("depth", "Depth", "#000", [50])])
    assert (chart.width, chart.height, chart.left, chart.top) == (640, 300, 44, 16)
    assert (chart.plot_width, chart.plot_height) == (540, 230)
    assert [(t.position, t.label) for t in chart.y_ticks] == [
        (246.0, "0"),
        (200.0, "20"),
        (154.0, "40"),
        (108.0, "60"),
        (62.0, "80"),
        (16.0, "100"),
    ]


def test_line_chart_single_point_sits_in_the_middle():
    chart = charts.line_chart(["6 Jan 2025"], [("depth", "Depth", "#1d3557", [50])])
    (series,) = chart.series
    assert [(p.x, p.y, p.value) for p in series.points] == [(314.0, 131.0, 50)]
    assert series.path == "M314.0,131.0"
    assert [(t.position, t.label) for t in chart.x_ticks] == [(314.0, "6 Jan 2025")]


@pytest.mark.parametrize(
    ("values", "path"),
    [
        ([0, 100], "M44.0,246.0 L584.0,16.0"),
        ([33, 73, 93], "M44.0,170.1 L314.0,78.1 L584.0,32.1"),
        ([25, 50, 75, 100], "M44.0,188.5 L224.0,131.0 L404.0,73.5 L584.0,16.0"),
        ([120, -5, None], "M44.0,16.0 L314.0,246.0 L584.0,246.0"),
    ],
)
def test_line_chart_paths(values, path):
    labels = [f"day {i}" for i in range(len(values))]
    (series,) = charts.line_chart(labels, [("depth", "Depth", "#000", values)]).series
    assert series.path == path
    assert [p.value for p in series.points] == [max(0, min(100, v or 0)) for v in values]


def test_line_chart_tells_series_apart_without_colour():
    series = [(f"s{i}", f"Series {i}", f"#00000{i}", [i * 10]) for i in range(7)]
    chart = charts.line_chart(["Jan"], series)
    assert [(s.key, s.name, s.colour, s.dash, s.marker) for s in chart.series] == [
        ("s0", "Series 0", "#000000", "", "circle"),
        ("s1", "Series 1", "#000001", "6 4", "square"),
        ("s2", "Series 2", "#000002", "2 3", "diamond"),
        ("s3", "Series 3", "#000003", "8 3 2 3", "ring"),
        ("s4", "Series 4", "#000004", "12 4", "circle"),
        ("s5", "Series 5", "#000005", "4 4", "square"),
        ("s6", "Series 6", "#000006", "", "circle"),
    ]


@pytest.mark.parametrize(
    ("count", "labelled"),
    [
        (1, [0]),
        (2, [0, 1]),
        (6, [0, 1, 2, 3, 4, 5]),
        (7, [0, 2, 4, 6]),
        (8, [0, 2, 4, 7]),
        (12, [0, 2, 4, 6, 8, 11]),
        (13, [0, 3, 6, 9, 12]),
        (20, [0, 4, 8, 12, 16, 19]),
    ],
)
def test_line_chart_labels_at_most_about_six_dates_and_always_the_newest(count, labelled):
    labels = [f"d{i}" for i in range(count)]
    chart = charts.line_chart(labels, [("depth", "Depth", "#000", [0] * count)])
    assert [t.label for t in chart.x_ticks] == [f"d{i}" for i in labelled]
    xs = [p.x for p in chart.series[0].points]
    assert [t.position for t in chart.x_ticks] == [xs[i] for i in labelled]


def test_line_chart_with_seven_points_spaces_them_evenly():
    chart = charts.line_chart([str(i) for i in range(7)], [("d", "D", "#000", [0] * 7)])
    assert [p.x for p in chart.series[0].points] == [44.0, 134.0, 224.0, 314.0, 404.0, 494.0, 584.0]


def test_line_chart_without_points():
    chart = charts.line_chart([], [("depth", "Depth", "#000", [])])
    assert chart.x_ticks == ()
    assert chart.series[0].points == ()
    assert chart.series[0].path == ""


def test_markers_sit_exactly_on_their_points():
    chart = charts.line_chart(["a", "b"], [("depth", "Depth", "#000", [33, 67])])
    point = chart.series[0].points[1]
    assert (point.corner_x, point.corner_y) == (round(point.x - 3, 1), round(point.y - 3, 1))


def test_line_chart_numbers_its_milestones_in_order_above_the_plot():
    chart = charts.line_chart(
        ["a", "b", "c", "d", "e"], [("depth", "Depth", "#000", [0] * 5)], milestones=[1, 4]
    )
    assert [(m.number, m.x, m.badge_y) for m in chart.milestones] == [
        (1, 179.0, 8),
        (2, 584.0, 8),
    ]


def test_line_chart_without_milestones_marks_nothing():
    chart = charts.line_chart(["a", "b"], [("depth", "Depth", "#000", [10, 20])])
    assert chart.milestones == ()
