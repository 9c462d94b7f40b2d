"""The team's combined T: the best score in each discipline, drawn as a person's T."""

from assessments.domain.coverage import DisciplineCoverage, DisciplineSpec, LayerSpec, Structure
from assessments.domain.team_picture import team_t

STRUCTURE = Structure(
    (
        LayerSpec("producers", "Producers", (DisciplineSpec("copy", "Copywriting"),)),
        LayerSpec(
            "distributors",
            "Distributors",
            (DisciplineSpec("seo", "SEO"), DisciplineSpec("email", "Email marketing")),
        ),
        LayerSpec("architects", "Architects", (DisciplineSpec("strategy", "Strategy"),)),
    )
)


def best(slug, layer, score):
    return DisciplineCoverage(slug, slug, layer, 0, 0, score, ())


def test_the_team_t_takes_the_best_score_in_each_discipline():
    chart = team_t(
        STRUCTURE,
        [
            best("copy", "producers", 87),
            best("seo", "distributors", 93),
            best("email", "distributors", 20),
        ],
    )
    assert [(b.slug, b.score) for b in chart.bars] == [
        ("producers", 87),
        ("distributors", 57),
        ("architects", 0),
    ]
    # Producers count fully (a third), SEO a sixth, email 20/40 of a sixth, strategy nothing.
    assert chart.breadth == 58
    assert [(s.slug, s.name, s.score) for s in chart.stems] == [
        ("copy", "Copywriting", 87),
        ("seo", "SEO", 93),
    ]
    assert chart.outline is None
    assert chart.sentences[1] == "Below working level (40): Architects."


def test_a_discipline_nobody_has_rated_counts_as_0():
    chart = team_t(STRUCTURE, [])
    assert [b.score for b in chart.bars] == [0, 0, 0]
    assert (chart.breadth, chart.stems) == (0, ())
