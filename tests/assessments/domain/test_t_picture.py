"""The T as a picture: exact geometry for chosen profiles, and properties for any."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from assessments.domain import t_picture
from assessments.domain.t_picture import Outline
from assessments.domain.thresholds import THRESHOLDS
from assessments.pages.profiles import t_chart

LAYERS = [
    ("producers", "Producers"),
    ("distributors", "Distributors"),
    ("converters", "Converters & Nurturers"),
    ("architects", "Architects"),
]
DISCIPLINES = [
    ("copywriting", "Copywriting", "producers"),
    ("design", "Graphic design", "producers"),
    ("seo", "Search engine optimisation", "distributors"),
    ("email", "Email marketing", "distributors"),
    ("analytics", "Marketing analytics", "converters"),
    ("strategy", "Marketing strategy", "architects"),
]


def layers(*scores):
    return [
        {"slug": slug, "name": name, "score": score}
        for (slug, name), score in zip(LAYERS, scores, strict=False)
    ]


def disciplines(**scores):
    return [
        {"slug": slug, "name": name, "layer": layer, "score": scores.get(slug, 0), "total": 3}
        for slug, name, layer in DISCIPLINES
    ]


def picture(scores=(40, 40, 40, 40), breadth=50, outline=None, **by_discipline):
    return t_picture.t_picture(layers(*scores), disciplines(**by_discipline), breadth, outline)


# --- the frame and the marks -------------------------------------------------------------


def test_the_marks_come_from_the_thresholds():
    chart = picture(seo=60)
    assert (chart.width, chart.font, chart.bar_y, chart.bar_height, chart.stem_top) == (
        380,
        15,
        84,
        72,
        156,
    )
    # Working level 40 of a 72-high bar that ends at 156; deep 80 of a 160-long stem.
    assert (chart.working_y, chart.working_label) == (127.2, "working 40")
    assert (chart.deep_y, chart.deep_label) == (284.0, "deep 80")
    assert (chart.broad_x, chart.broad_label) == (285.0, "broad 75")
    assert THRESHOLDS.deep == 80
    assert THRESHOLDS.broad == 75


def test_layers_fill_up_to_their_scores_and_say_which_are_below_working_level():
    chart = picture((0, 39, 40, 150))
    assert [
        (b.short_name, b.score, b.x, b.width, b.fill_y, b.fill_height, b.below_working)
        for b in chart.bars
    ] == [
        ("Producers", 0, 0.0, 95.0, 156.0, 0.0, True),
        ("Distributors", 39, 95.0, 95.0, 127.9, 28.1, True),
        ("Converters", 40, 190.0, 95.0, 127.2, 28.8, False),
        ("Architects", 100, 285.0, 95.0, 84.0, 72.0, False),
    ]
    assert [b.label_x for b in chart.bars] == [47.5, 142.5, 237.5, 332.5]


# --- the stems ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("scores", "stems"),
    [
        # Nothing rated: no stem.
        ({}, []),
        # None deep: the deepest alone.
        ({"seo": 60, "copywriting": 40}, [("seo", 124.5, 36, 96.0)]),
        # Every deep discipline, two in a layer side by side: a Π with three stems.
        (
            {"seo": 85, "email": 80, "strategy": 90, "copywriting": 79},
            [
                ("seo", 103.5, 36, 136.0),
                ("email", 145.5, 36, 128.0),
                ("strategy", 314.5, 36, 144.0),
            ],
        ),
    ],
)
def test_every_deep_discipline_hangs_as_a_stem_under_its_layer(scores, stems):
    chart = picture(**scores)
    assert [(s.slug, s.x, s.width, s.height) for s in chart.stems] == stems


def test_stem_labels_take_a_row_each_and_stay_inside_the_picture():
    chart = picture(copywriting=100, seo=90, email=80)
    assert [(s.label, s.label_x, s.label_y) for s in chart.stems] == [
        ("Copywriting 100", 67.0, 338.0),
        ("Search engine optimisation 90", 125.8, 356.0),
        ("Email marketing 80", 163.5, 374.0),
    ]
    assert chart.height == 382
    for stem in chart.stems:
        half = len(stem.label) * t_picture.CHAR / 2
        assert stem.label_x - half >= 0
        assert stem.label_x + half <= chart.width


def test_a_long_discipline_name_is_shortened():
    long = [{"slug": "x", "name": "A" * 40, "layer": "architects", "score": 90, "total": 1}]
    (stem,) = t_picture.t_picture(layers(0, 0, 0, 0), long, 0).stems
    assert stem.label == "A" * 29 + "… 90"


# --- the distance to the next mark ------------------------------------------------------


def test_the_stretch_to_deep_is_marked_under_the_deepest_stem():
    chart = picture(seo=60)
    assert chart.depth_gap == t_picture.Gap(124.5, 252.0, 36, 32.0)
    assert chart.depth_distance == t_picture.Distance("+20 to deep", 164.5, 273.0, "start")


def test_the_stretch_to_deep_label_turns_left_at_the_right_edge():
    chart = picture(strategy=70)
    assert chart.depth_distance == t_picture.Distance("+10 to deep", 310.5, 281.0, "end")


@pytest.mark.parametrize(
    ("breadth", "seo", "mark", "label"),
    [
        (50, 60, ("deep", 80, 20), "Breadth 50 (+25 to broad)"),
        (70, 60, ("broad", 75, 5), "Breadth 70 (+5 to broad)"),
        # A tie goes to deep.
        (65, 70, ("deep", 80, 10), "Breadth 65 (+10 to broad)"),
        (75, 79, ("deep", 80, 1), "Breadth 75"),
        (90, 80, None, "Breadth 90"),
        (10, 0, ("broad", 75, 65), "Breadth 10 (+65 to broad)"),
    ],
)
def test_the_next_mark_is_the_nearer_one_not_reached(breadth, seo, mark, label):
    chart = picture(breadth=breadth, seo=seo)
    found = chart.next_mark
    assert (found and (found.threshold, found.at, found.points)) == mark
    assert chart.breadth_label == label
    assert (chart.breadth_gap is None) == (breadth >= 75)


# --- the outline ------------------------------------------------------------------------


def test_a_target_outline_adds_the_roles_stem_and_its_needs():
    needs = {"strategy": 87, "seo": 20}
    outline = t_picture.target_outline(
        "Marketing Director", needs, disciplines(), layers(0, 0, 0, 0)
    )
    assert outline.layers == {
        "producers": 0,
        "distributors": 10,
        "converters": 0,
        "architects": 87,
    }
    # Two disciplines in four layers: a quarter for strategy (counts fully at 40 and more)
    # and a quarter of 20/40 shared by two disciplines for SEO.
    assert (outline.breadth, outline.label) == (31, "what Marketing Director needs")
    chart = picture(outline=outline, seo=85, strategy=30)
    assert [(s.slug, s.height, s.outline_height) for s in chart.stems] == [
        ("seo", 136.0, None),
        ("strategy", 48.0, 139.2),
    ]
    assert [(b.outline_y, b.outline_height) for b in chart.bars] == [
        (156.0, 0.0),
        (148.8, 7.2),
        (156.0, 0.0),
        (93.4, 62.6),
    ]
    assert chart.outline_breadth_x == 117.8


def test_the_text_alternative_says_what_the_picture_shows():
    outline = Outline("what CMO needs", "target", {"architects": 60}, {"strategy": 80}, 40)
    chart = picture((45, 62, 30, 20), 62, outline, seo=85, copywriting=82, strategy=20)
    assert chart.sentences == (
        "Layers: Producers 45, Distributors 62, Converters & Nurturers 30, Architects 20.",
        "Below working level (40): Converters & Nurturers and Architects.",
        "Breadth 62, 13 short of broad (75).",
        "Deep (80 or more): Copywriting 82 and Search engine optimisation 85.",
        "Next mark: broad (75), 13 points away.",
        "Dashed outline, what CMO needs: Producers 0, Distributors 0,"
        " Converters & Nurturers 0, Architects 60; stem Marketing strategy 80.",
    )


@pytest.mark.parametrize(
    ("scores", "breadth", "sentences"),
    [
        (
            {},
            0,
            (
                "Below working level (40): Producers, Distributors, Converters & Nurturers"
                " and Architects.",
                "Breadth 0, 75 short of broad (75).",
                "No discipline is rated above 0 yet.",
                "Next mark: broad (75), 75 points away.",
            ),
        ),
        (
            {"seo": 70},
            80,
            (
                "Every layer is at working level (40) or above.",
                "Breadth 80: broad (75 or more).",
                "Deepest discipline: Search engine optimisation 70, 10 short of deep (80).",
                "Next mark: deep (80), 10 points away.",
            ),
        ),
    ],
)
def test_the_text_alternative_of_an_empty_and_a_generalist_t(scores, breadth, sentences):
    layer_scores = (0, 0, 0, 0) if not scores else (40, 50, 40, 40)
    assert picture(layer_scores, breadth, **scores).sentences[1:] == sentences


# --- a profile's T ------------------------------------------------------------------------


def test_a_profile_without_stored_needs_has_no_outline():
    result = {
        "layers": layers(40, 40, 40, 40),
        "disciplines": disciplines(seo=90),
        "breadth": 60,
        "target": {"role": "cmo", "name": "CMO"},
    }
    assert t_chart(result).outline is None
    chart = t_chart(result | {"target_needs": {"strategy": 80}})
    assert chart.outline is not None
    assert chart.outline.label == "what CMO needs"


# --- properties ---------------------------------------------------------------------------

score = st.integers(min_value=-20, max_value=120)


@given(
    layer_scores=st.lists(score, min_size=4, max_size=4),
    scores=st.lists(score, min_size=len(DISCIPLINES), max_size=len(DISCIPLINES)),
    breadth=score,
    needs=st.dictionaries(st.sampled_from([d[0] for d in DISCIPLINES]), score),
)
def test_everything_is_drawn_inside_the_picture(layer_scores, scores, breadth, needs):
    by_slug = {slug: value for (slug, _n, _l), value in zip(DISCIPLINES, scores, strict=True)}
    outline = t_picture.target_outline("A role", needs, disciplines(), layers(0, 0, 0, 0))
    chart = picture(tuple(layer_scores), breadth, outline, **by_slug)
    for bar in chart.bars:
        assert chart.bar_y <= bar.fill_y <= chart.bar_y + chart.bar_height
        assert bar.x + bar.width <= chart.width + 0.1
    deep = {slug for slug, value in by_slug.items() if value >= THRESHOLDS.deep}
    drawn = {stem.slug for stem in chart.stems}
    # Every deep discipline is drawn, and with none deep the deepest is.
    assert deep <= drawn
    if not deep and any(value > 0 for value in scores):
        assert max(by_slug, key=lambda s: (by_slug[s], -list(by_slug).index(s))) in drawn
    for stem in chart.stems:
        assert stem.x >= 0
        assert stem.x + stem.width <= chart.width
        assert stem.label_y < chart.height
        half = len(stem.label) * t_picture.CHAR / 2
        assert stem.label_x - half >= 0
        assert stem.label_x + half <= chart.width
    # Labels never share a row.
    assert len({stem.label_y for stem in chart.stems}) == len(chart.stems)


@given(
    seo=st.integers(min_value=0, max_value=100),
    raised=st.integers(min_value=0, max_value=100),
    breadth=st.integers(min_value=0, max_value=100),
)
def test_a_deeper_stem_is_never_shorter_nor_further_from_deep(seo, raised, breadth):
    low, high = sorted((seo, raised))
    before, after = picture(breadth=breadth, seo=low), picture(breadth=breadth, seo=high)
    height = {s.slug: s.height for s in after.stems}.get("seo", 0.0)
    assert height >= {s.slug: s.height for s in before.stems}.get("seo", 0.0)
    if after.next_mark and after.next_mark.threshold == "deep":
        assert before.next_mark is not None
        assert after.next_mark.points <= before.next_mark.points
