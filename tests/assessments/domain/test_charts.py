"""Chart geometry: plain numbers in, exact coordinates out. No database."""

import pytest

from assessments.domain import charts
from assessments.pages.profiles import t_chart

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


# --- the T ------------------------------------------------------------------------------


def test_t_chart_frame():
    chart = charts.t_chart(layers(0, 0, 0, 0), [])
    assert (chart.width, chart.height, chart.bar_y, chart.bar_height) == (440, 318, 24, 64)
    assert chart.stems == ()


def test_t_chart_fills_each_layer_up_to_its_score():
    chart = charts.t_chart(layers(0, 25, 50, 100), [])
    assert [
        (s.slug, s.x, s.width, s.fill_y, s.fill_height, s.label_x, s.short_name, s.colour)
        for s in chart.segments
    ] == [
        ("producers", 0.0, 110.0, 88.0, 0.0, 55.0, "Producers", "#8a3b12"),
        ("distributors", 110.0, 110.0, 72.0, 16.0, 165.0, "Distributors", "#1f5f99"),
        ("converters", 220.0, 110.0, 56.0, 32.0, 275.0, "Converters", "#0f6e5c"),
        ("architects", 330.0, 110.0, 24.0, 64.0, 385.0, "Architects", "#5b3f8c"),
    ]
    assert [s.score for s in chart.segments] == [0, 25, 50, 100]


@pytest.mark.parametrize(
    ("score", "shown", "fill_y", "fill_height"),
    [
        (-10, 0, 88.0, 0.0),
        (None, 0, 88.0, 0.0),
        (0, 0, 88.0, 0.0),
        (1, 1, 87.4, 0.6),
        (33, 33, 66.9, 21.1),
        (99.6, 99, 24.6, 63.4),
        (100, 100, 24.0, 64.0),
        (150, 100, 24.0, 64.0),
    ],
)
def test_t_chart_clamps_scores_to_0_100(score, shown, fill_y, fill_height):
    (segment,) = charts.t_chart(layers(score), []).segments
    assert (segment.score, segment.fill_y, segment.fill_height) == (shown, fill_y, fill_height)
    assert (segment.x, segment.width, segment.label_x) == (0.0, 440.0, 220.0)


@pytest.mark.parametrize(
    ("layer", "score", "x", "height", "label_x", "label_y"),
    [
        # The stem hangs under the middle of its layer; its label stays 80 from each edge.
        ("producers", 100, 27.0, 200.0, 80.0, 304.0),
        ("distributors", 93, 137.0, 186.0, 165.0, 290.0),
        ("converters", 0, 247.0, 0.0, 275.0, 104.0),
        ("architects", 50, 357.0, 100.0, 360.0, 204.0),
        ("architects", 140, 357.0, 200.0, 360.0, 304.0),
        ("architects", -3, 357.0, 0.0, 360.0, 104.0),
    ],
)
def test_t_chart_stem_geometry(layer, score, x, height, label_x, label_y):
    chart = charts.t_chart(layers(10, 20, 30, 40), [stem(layer, score)])
    (drawn,) = chart.stems
    assert (drawn.x, drawn.width, drawn.height, drawn.label_x, drawn.label_y) == (
        x,
        56,
        height,
        label_x,
        label_y,
    )
    assert (drawn.slug, drawn.name, drawn.score) == (
        "seo",
        "Search engine optimisation",
        max(0, min(100, score)),
    )


def test_t_chart_with_two_layers_halves_the_bar():
    chart = charts.t_chart(layers(40, 80), [stem("distributors", 80), stem("producers", 60)])
    assert [(s.x, s.width, s.label_x) for s in chart.segments] == [
        (0.0, 220.0, 110.0),
        (220.0, 220.0, 330.0),
    ]
    assert [(s.x, s.height, s.label_x) for s in chart.stems] == [
        (302.0, 160.0, 330.0),
        (82.0, 120.0, 110.0),
    ]


def test_t_chart_with_three_layers_rounds_to_a_tenth():
    chart = charts.t_chart(layers(10, 20, 30), [stem("distributors", 50)])
    assert [(s.x, s.width, s.label_x) for s in chart.segments] == [
        (0.0, 146.7, 73.3),
        (146.7, 146.7, 220.0),
        (293.3, 146.7, 366.7),
    ]
    assert [(s.x, s.label_x) for s in chart.stems] == [(192.0, 220.0)]


def test_t_chart_skips_a_stem_whose_layer_is_not_drawn():
    chart = charts.t_chart(layers(10, 20), [stem("architects", 90), stem("producers", 90)])
    assert [s.x for s in chart.stems] == [82.0]


def test_t_chart_without_layers_draws_nothing():
    chart = charts.t_chart([], [stem("producers", 90)])
    assert (chart.segments, chart.stems, chart.width, chart.height) == ((), (), 440, 318)


def test_t_chart_uses_a_neutral_colour_for_an_unknown_layer():
    chart = charts.t_chart([{"slug": "new-layer", "name": "New layer", "score": 5}], [])
    assert [(s.colour, s.short_name) for s in chart.segments] == [("#495057", "New")]


# The stems a profile draws: the deepest discipline, and for a Π a second peak elsewhere.


def result(shape="t-shaped", depth_discipline="seo", peaks=("seo",), **scores):
    disciplines = {
        "seo": ("distributors", 93),
        "paid-media": ("distributors", 85),
        "copywriting": ("producers", 87),
        "marketing-strategy": ("architects", 81),
    }
    return {
        "layers": layers(40, 60, 40, 40),
        "disciplines": [
            {"slug": slug, "name": slug.title(), "layer": layer, "score": scores.get(slug, score)}
            for slug, (layer, score) in disciplines.items()
        ],
        "depth_discipline": depth_discipline,
        "shape": shape,
        "peaks": list(peaks),
    }


@pytest.mark.parametrize(
    ("profile", "stems"),
    [
        (result(), [("seo", 165.0)]),
        # A Π gets its strongest peak in another layer as a second stem.
        (
            result("pi-shaped", peaks=("seo", "paid-media", "copywriting", "marketing-strategy")),
            [("seo", 165.0), ("copywriting", 55.0)],
        ),
        # Peaks in the same layer do not make a second stem.
        (result("pi-shaped", peaks=("seo", "paid-media")), [("seo", 165.0)]),
        (result(depth_discipline=None, peaks=()), []),
        (result(depth_discipline="seo", peaks=(), seo=0), []),
    ],
)
def test_profile_stems(profile, stems):
    chart = t_chart(profile)
    assert [(s.slug, s.x + s.width / 2) for s in chart.stems] == stems


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
