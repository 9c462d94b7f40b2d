"""A catalogue structure and member profiles for the coverage tests, in a few words each."""

from datetime import date

from assessments.domain.coverage import DisciplineSpec, LayerSpec, MemberProfile, Structure
from assessments.domain.dashboard import team_coverage

LAYERS = {
    "producers": ("content-strategy", "copywriting", "graphic-design", "ux-ui-design"),
    "distributors": ("seo", "social-media", "email-marketing", "paid-media"),
    "converters": (
        "conversion-optimisation",
        "marketing-analytics",
        "demand-generation",
        "community-management",
    ),
    "architects": (
        "marketing-management",
        "project-management",
        "marketing-strategy",
        "executive-leadership",
    ),
}
LAYER_NAMES = {
    "producers": "Producers",
    "distributors": "Distributors",
    "converters": "Converters",
    "architects": "Architects",
}
DISCIPLINE_NAMES = {
    "conversion-optimisation": "Conversion optimisation",
    "marketing-analytics": "Marketing analytics",
}


def make_structure(layers=LAYERS):
    return Structure(
        tuple(
            LayerSpec(
                slug,
                LAYER_NAMES.get(slug, slug.title()),
                tuple(DisciplineSpec(d, DISCIPLINE_NAMES.get(d, d.title())) for d in ds),
            )
            for slug, ds in layers.items()
        )
    )


STRUCTURE = make_structure()
TODAY = date(2026, 5, 20)


def mean_half_up(values):
    return (2 * sum(values) + len(values)) // (2 * len(values))


def member(
    member_id,
    name,
    scores=None,
    *,
    layer_scores=None,
    depth=None,
    breadth=50,
    shape="emerging",
    submitted_on=date(2026, 1, 15),
):
    """A profile; layer scores default to the rounded mean of the layer's disciplines."""
    scores = dict(scores or {})
    if layer_scores is None:
        layer_scores = {
            layer: mean_half_up([scores.get(d, 0) for d in ds]) for layer, ds in LAYERS.items()
        }
    return MemberProfile(
        member_id=member_id,
        display_name=name,
        discipline_scores=scores,
        layer_scores=layer_scores,
        depth=max(scores.values(), default=0) if depth is None else depth,
        breadth=breadth,
        shape=shape,
        submitted_on=submitted_on,
    )


def layered(producers=50, distributors=50, converters=50, architects=50, **overrides):
    """Discipline scores with every discipline of a layer at the layer's value."""
    per_layer = {
        "producers": producers,
        "distributors": distributors,
        "converters": converters,
        "architects": architects,
    }
    scores = {d: per_layer[layer] for layer, ds in LAYERS.items() for d in ds}
    scores.update({slug.replace("_", "-"): value for slug, value in overrides.items()})
    return scores


def coverage(*profiles, pending=(), history=(), today=TODAY, structure=STRUCTURE):
    return team_coverage(structure, profiles, pending, today, history=history)


def diagnostics_of(*profiles, **kwargs):
    return {d.key: d for d in coverage(*profiles, **kwargs).diagnostics}
