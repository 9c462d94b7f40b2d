"""The history as a picture: exact geometry for chosen histories, properties for any."""

import itertools

from hypothesis import given
from hypothesis import strategies as st

from assessments.domain.history_chart import CHAR, Band, Moment, history_chart

THREE = [
    Moment("6 Jan 2025", 40, 20, "Emerging", 1),
    Moment("13 Jan 2025", 60, 30, "Emerging", 2),
    Moment("20 Jan 2025", 100, 95, "T-shaped", 3),
]


def test_the_frame_and_the_marks_come_from_the_thresholds():
    chart = history_chart(THREE)
    assert (chart.width, chart.height, chart.left, chart.top) == (400, 246, 32, 28)
    assert (chart.plot_width, chart.plot_height, chart.font) == (360, 190, 14)
    # Deep 80 and broad 75 on a 190-high plot from 28.
    assert (chart.deep_y, chart.broad_y) == (66.0, 75.5)
    assert (chart.deep_label, chart.broad_label) == ("deep 80", "broad 75")
    assert [(t.y, t.label) for t in chart.y_ticks] == [
        (218.0, "0"),
        (180.0, "20"),
        (142.0, "40"),
        (104.0, "60"),
        (66.0, "80"),
        (28.0, "100"),
    ]


def test_each_shape_and_phase_is_a_band_reaching_halfway_to_its_neighbours():
    assert history_chart(THREE).bands == (
        Band(1, "Emerging", 1, "Start wide", "6 Jan 2025", 32, 97.0, "#f1f3f5", "1", 80.5),
        Band(
            2,
            "Emerging",
            2,
            "Go deep",
            "13 Jan 2025",
            129.0,
            166.0,
            "#e3eefa",
            "Emerging, phase 2",
            212.0,
        ),
        Band(3, "T-shaped", 3, "Broaden again", "20 Jan 2025", 295.0, 97.0, "#e6f4ea", "3", 343.5),
    )


def test_every_point_is_labelled_the_higher_value_above():
    depth, breadth = history_chart(THREE).lines
    assert [(m.x, m.y, m.value, m.label_y) for m in depth.markers] == [
        (46.0, 142.0, 40, 135.0),
        (212.0, 104.0, 60, 97.0),
        # No room above 100: below its marker, and breadth's label below that.
        (378.0, 28.0, 100, 45.0),
    ]
    assert [(m.value, m.label_y) for m in breadth.markers] == [(20, 197.0), (30, 178.0), (95, 61.0)]
    assert depth.path == "M46.0,142.0 L212.0,104.0 L378.0,28.0"
    assert (depth.marker, breadth.marker, depth.dash, breadth.dash) == (
        "circle",
        "square",
        "",
        "6 4",
    )


def test_dates_stay_inside_the_picture():
    chart = history_chart(THREE)
    # The newest date would reach past the right edge at its point (378): it moves in.
    assert [(d.x, d.label) for d in chart.dates] == [
        (46.0, "6 Jan 2025"),
        (212.0, "13 Jan 2025"),
        (355.9, "20 Jan 2025"),
    ]


def test_one_assessment_sits_in_the_middle_and_says_so():
    chart = history_chart([Moment("6 Jan 2025, 10:04", 50, 50, "Emerging", 1)])
    assert [(d.x, d.label) for d in chart.dates] == [(212.0, "6 Jan 2025, 10:04")]
    assert [(m.x, m.label_y) for line in chart.lines for m in line.markers] == [
        (212.0, 116.0),
        (212.0, 140.0),
    ]
    assert chart.sentences == (
        "Depth and breadth, from 0 to 100, at 1 submitted assessment, 6 Jan 2025, 10:04.",
        "Depth 50, breadth 50.",
        "Shaded bands show shape and phase: 1 Emerging, phase 1 (Start wide), from 6 Jan"
        " 2025, 10:04.",
        "Lines mark deep (80) and broad (75).",
    )


def test_the_text_alternative_names_the_span_and_the_bands():
    assert history_chart(THREE).sentences[:2] == (
        "Depth and breadth, from 0 to 100, at each of 3 submitted assessments, from 6 Jan"
        " 2025 to 20 Jan 2025.",
        "Depth went from 40 to 100, breadth from 20 to 95.",
    )


def test_beyond_eight_assessments_only_the_ends_and_the_changes_are_labelled():
    moments = [Moment(f"{day} Jan 2025", 40, 20, "Emerging", 1) for day in range(1, 10)]
    moments[4] = Moment("5 Jan 2025", 60, 20, "Emerging", 2)
    depth, _breadth = history_chart(moments).lines
    assert [i for i, m in enumerate(depth.markers) if m.label_y is not None] == [0, 4, 5, 8]


moment = st.builds(
    Moment,
    st.sampled_from(["6 Jan 2025", "25 Nov 2026, 14:05", "1 May 2026"]),
    st.integers(0, 100),
    st.integers(0, 100),
    st.sampled_from(["Emerging", "T-shaped", "Π-shaped"]),
    st.integers(1, 3),
)


@given(st.lists(moment, min_size=1, max_size=30))
def test_everything_stays_inside_the_picture(moments):
    chart = history_chart(moments)
    for date in chart.dates:
        half = len(date.label) * CHAR / 2
        assert date.x - half >= 0
        assert date.x + half <= chart.width
    for left, right in zip(chart.dates, chart.dates[1:], strict=False):
        assert right.x - left.x >= (len(left.label) + len(right.label)) * CHAR / 2
    for line in chart.lines:
        for marker in line.markers:
            assert chart.left <= marker.x <= chart.left + chart.plot_width
            assert chart.top <= marker.y <= chart.top + chart.plot_height
            if marker.label_y is not None:
                assert chart.top + chart.font <= marker.label_y
    bands = chart.bands
    assert bands[0].x == chart.left
    assert round(bands[-1].x + bands[-1].width, 1) == chart.left + chart.plot_width
    for before, after in itertools.pairwise(bands):
        assert round(before.x + before.width, 1) == after.x
