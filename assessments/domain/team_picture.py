"""The team's combined T: what the team can do together, drawn as one person's T would be.

Each discipline counts at the team's best score there (the strongest member takes it), each
layer at the mean of those, and breadth is scored from them as for a person; the marks
(working, broad, deep) are the model's. The team has no targets of its own yet, so the T is
measured against those marks alone.
"""

from collections.abc import Sequence

from assessments.domain.coverage import DisciplineCoverage, Structure
from assessments.domain.scoring import breadth_score, layer_score
from assessments.domain.t_picture import TPicture, t_picture


def team_t(structure: Structure, disciplines: Sequence[DisciplineCoverage]) -> TPicture:
    """The T of the team's best score in each discipline of ``structure``."""
    best = {d.discipline: d.best_score for d in disciplines}
    scores = [[best.get(d.slug, 0) for d in layer.disciplines] for layer in structure.layers]
    return t_picture(
        [
            {"slug": layer.slug, "name": layer.name, "score": layer_score(layer_scores)}
            for layer, layer_scores in zip(structure.layers, scores, strict=True)
        ],
        [
            {"slug": d.slug, "name": d.name, "layer": layer.slug, "score": best.get(d.slug, 0)}
            for layer in structure.layers
            for d in layer.disciplines
        ],
        breadth_score(scores),
    )
