"""CSV exports of a team's coverage, safe to open in a spreadsheet.

Every cell goes through `assessments.domain.cells.safe_cell`: member names come from
people's own accounts, so formula-looking text is neutralised.
"""

import csv
import io
from collections.abc import Iterable, Sequence

from assessments.domain.cells import safe_cell
from assessments.domain.dashboard import TeamCoverage


def to_csv(header: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    """CSV text with a byte-order mark, so spreadsheets read it as UTF-8."""
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([safe_cell(cell) for cell in header])
    for row in rows:
        writer.writerow([safe_cell(cell) for cell in row])
    return buffer.getvalue()


def heatmap_csv(team_coverage: TeamCoverage) -> str:
    """One row per member who has submitted: discipline scores, depth, breadth, shape."""
    disciplines = team_coverage.structure.disciplines
    header = ["Member", *(d.name for d in disciplines), "Depth", "Breadth", "Shape", "Submitted"]
    rows = (
        [
            row.display_name,
            *(cell.score for cell in row.cells),
            row.depth,
            row.breadth,
            row.shape,
            row.submitted_on.isoformat(),
        ]
        for row in team_coverage.heatmap
    )
    return to_csv(header, rows)


def coverage_csv(team_coverage: TeamCoverage) -> str:
    """One row per discipline: who covers it and how thinly."""
    layer_names = {layer.slug: layer.name for layer in team_coverage.structure.layers}
    header = [
        "Discipline",
        "Layer",
        "Members at proficient (3+)",
        "Members at advanced (4+)",
        "Best score",
        "Single point of failure",
        "Nobody covers it",
        "Go-to people",
    ]
    rows = (
        [
            d.name,
            layer_names.get(d.layer, d.layer),
            d.proficient_count,
            d.advanced_count,
            d.best_score,
            d.single_point_of_failure,
            d.uncovered,
            "; ".join(f"{person.display_name} ({person.score})" for person in d.go_to),
        ]
        for d in team_coverage.disciplines
    )
    return to_csv(header, rows)
