"""What the API reads and writes: request bodies and the shape of every response."""

from datetime import date, datetime
from typing import Annotated, Literal

from ninja import Field, Schema
from pydantic import ConfigDict, StrictBool, StrictInt, StringConstraints

from assessments.domain.catalogue import Resource
from assessments.domain.coverage import LayerBalance
from assessments.domain.dashboard import ShapeCount
from assessments.domain.diagnostics import Diagnostic
from assessments.domain.profile import Action, ProfileWarning
from assessments.domain.roles import Gap
from assessments.domain.trend import TrendPoint
from assessments.models import EVIDENCE_MAX_LENGTH
from assessments.validators import NO_CONTROL_CHARACTERS_PATTERN
from careers.choices import MAX_LEVEL, MIN_LEVEL, Basis, Country, ExperienceLevel

# --- errors ---------------------------------------------------------------------------------


class Error(Schema):
    detail: str = Field(description="What went wrong, in a sentence.")


class Problems(Error):
    problems: list[str] = Field(description="Every problem found, one sentence each.")


class MissingCompetency(Schema):
    competency: str
    name: str


class Incomplete(Problems):
    missing: list[MissingCompetency] = Field(
        default_factory=list, description="The competencies still to rate, in catalogue order."
    )


# --- the catalogue --------------------------------------------------------------------------


class Ref(Schema):
    slug: str
    name: str


class LayerOut(Schema):
    slug: str
    name: str
    order: int
    purpose: str
    metaphor: str
    description: str
    depends_on: str
    disciplines: list[Ref]


class DisciplineOut(Schema):
    slug: str
    name: str
    layer: str
    summary: str
    competencies: list[Ref]


class Anchor(Schema):
    level: int = Field(ge=1, le=5)
    description: str


class CompetencyOut(Schema):
    slug: str
    name: str
    description: str
    discipline: str
    layer: str
    anchors: list[Anchor] = Field(description="What each level from 1 to 5 looks like.")
    resources: list[Resource]


# Where a catalogue fact comes from, as the curator marked it.
BasisCode = Annotated[
    Literal[*Basis.values],  # type: ignore[valid-type]
    Field(description="“source”: stated in the catalogue's source; “editorial”: T-Profile's own."),
]


class Requirement(Schema):
    competency: str
    name: str
    discipline: str
    level: int = Field(ge=1, le=5)
    weight: int = Field(ge=1, le=3, description="1 useful, 2 important, 3 essential.")
    basis: BasisCode


class SalaryBand(Schema):
    country: str
    currency: str
    experience_level: str
    experience_note: str
    low: int
    high: int
    high_is_open: bool = Field(description="The high end is a floor (“+”).")
    year: int
    source: str
    basis: BasisCode


class Transition(Schema):
    role: str
    name: str
    kind: str
    note: str
    basis: BasisCode


class RoleOut(Schema):
    slug: str
    name: str
    aliases: list[str] = Field(description="Other names people use for the role.")
    basis: BasisCode
    layer: str
    discipline: str
    stage: str
    focus: str
    summary: str
    goals: list[str]
    tools: list[str]
    key_metrics: list[str]
    requirements: list[Requirement]
    salary_bands: list[SalaryBand]
    transitions: list[Transition] = Field(description="Roles this one commonly leads to.")


# --- scored profiles (the same contract as `manage.py score`) ------------------------------
# A gap, a next action, a warning and a learning resource are answered as the domain's own
# dataclasses; a match and a profile are what ``assessments.domain.profile.contract`` keeps of
# theirs.


class Match(Schema):
    role: str
    fit: int = Field(ge=0, le=100)
    gaps: list[Gap]


class Profile(Schema):
    scoring_version: str
    depth: int = Field(ge=0, le=100)
    depth_discipline: str | None
    breadth: int = Field(ge=0, le=100)
    shape: str
    phase: int = Field(ge=1, le=3)
    phase_name: str
    layers: dict[str, int] = Field(description="Layer slug → score 0-100.")
    disciplines: dict[str, int] = Field(description="Discipline slug → score 0-100.")
    matches: list[Match]
    next_actions: list[Action]
    warnings: list[ProfileWarning] = Field(
        description="What about the ratings limits how far the numbers can be trusted, by "
        "code (flat-ratings, quick-ratings); empty when nothing does."
    )


Level = Annotated[StrictInt, Field(ge=MIN_LEVEL, le=MAX_LEVEL)]
Evidence = Annotated[
    str,
    StringConstraints(
        strip_whitespace=True,
        max_length=EVIDENCE_MAX_LENGTH,
        pattern=NO_CONTROL_CHARACTERS_PATTERN,
    ),
]
# The codes are the catalogue's choices, unpacked at import: mypy cannot evaluate that.
CountryCode = Literal[*Country.values]  # type: ignore[valid-type]
ExperienceLevelCode = Literal[*ExperienceLevel.values]  # type: ignore[valid-type]


class ScoreIn(Schema):
    """Documents the body of ``POST /score``; the endpoint checks it as the command does."""

    model_config = ConfigDict(extra="forbid")

    ratings: dict[str, Level] = Field(
        description="Competency slug → level 0-5; competencies left out take their "
        "discipline's quick rating, or count as 0 without one."
    )
    quick_ratings: dict[str, Level] = Field(
        default_factory=dict,
        description="Discipline slug → level 0-5 for the discipline as a whole: it stands for "
        "each of its competencies not in `ratings`.",
    )
    interests: list[str] = Field(default_factory=list, description="Discipline slugs.")
    target_role: str | None = Field(None, description="A role slug.")


# --- assessments ----------------------------------------------------------------------------


class Rating(Schema):
    competency: str
    level: int = Field(ge=0, le=5)
    evidence: str


class AssessmentSummary(Schema):
    id: int
    status: Literal["draft", "submitted"]
    source: str
    created_at: datetime
    updated_at: datetime
    submitted_at: datetime | None
    target_role: str | None = Field(description="The target role's slug.")
    country: str
    experience_level: str
    depth: int | None = Field(description="Set once submitted, like breadth, shape, phase.")
    breadth: int | None
    shape: str | None
    phase: int | None


class AssessmentOut(AssessmentSummary):
    ratings: list[Rating] = Field(description="In catalogue order.")
    interests: list[str] = Field(description="Slugs of the disciplines to grow in.")
    quick_ratings: dict[str, int] = Field(
        description="Discipline slug → a level 0-5 for the whole discipline (the quick "
        "start), standing for each of its competencies without a rating of its own."
    )
    rated: int = Field(description="Competencies of the active catalogue rated so far.")
    total: int = Field(description="Competencies in the active catalogue.")
    profile: Profile | None = Field(description="The scored profile, once submitted.")


class RatingsPatch(Schema):
    """Change part of a draft: only what is sent changes."""

    model_config = ConfigDict(extra="forbid")

    levels: dict[str, Level] = Field(
        default_factory=dict, description="Competency slug → level 0-5."
    )
    evidence: dict[str, Evidence] = Field(
        default_factory=dict,
        description=f"Competency slug → a note or link (at most {EVIDENCE_MAX_LENGTH} "
        "characters; empty clears it). A competency needs a level for its evidence.",
    )
    interests: dict[str, StrictBool] = Field(
        default_factory=dict, description="Discipline slug → whether you want to grow there."
    )
    quick_ratings: dict[str, Level | None] = Field(
        default_factory=dict,
        description="Discipline slug → a level 0-5 for the whole discipline, standing for "
        "its competencies without a rating of their own; null takes it off.",
    )
    target_role: str | None = Field(None, description="A role slug, or null for none.")
    # Not nullable: a draft always has a country and a level (sent or not).
    country: CountryCode = Field(None, description="For salary figures.")
    experience_level: ExperienceLevelCode = Field(None, description="For salary figures.")


class RatingsPut(Schema):
    """The whole draft: ratings, evidence and interests not sent are cleared."""

    model_config = ConfigDict(extra="forbid")

    levels: dict[str, Level] = Field(description="Competency slug → level 0-5.")
    evidence: dict[str, Evidence] = Field(default_factory=dict)
    interests: list[str] = Field(
        default_factory=list, description="Slugs of the disciplines to grow in."
    )
    quick_ratings: dict[str, Level] = Field(
        default_factory=dict,
        description="Discipline slug → a level 0-5 for the whole discipline; disciplines "
        "not sent have none.",
    )
    target_role: str | None = None
    country: CountryCode
    experience_level: ExperienceLevelCode


class LatestProfile(Schema):
    assessment: AssessmentSummary
    profile: Profile


class HistoryPoint(Schema):
    assessment: int = Field(description="The assessment's id.")
    submitted_at: datetime
    depth: int
    breadth: int
    shape: str
    phase: int
    layers: dict[str, int] = Field(description="Layer slug → score 0-100.")


# --- teams ----------------------------------------------------------------------------------


class TeamOut(Schema):
    slug: str
    name: str
    role: Literal["member", "manager"] = Field(description="Your role in the team.")
    joined_at: datetime
    member_count: int


class Member(Schema):
    member_id: int = Field(description="The member's user id.")
    display_name: str


class Cell(Schema):
    discipline: str
    score: int = Field(ge=0, le=100)
    band: str


class HeatmapRow(Member):
    depth: int
    breadth: int
    shape: str
    submitted_on: date
    cells: list[Cell]


class Column(Schema):
    discipline: str
    name: str
    layer: str


class Heatmap(Schema):
    columns: list[Column]
    sort: str = Field(description="The sort applied: name, depth, breadth or a discipline.")
    rows: list[HeatmapRow]
    count: int = Field(description="Members with a submitted profile.")
    page: int
    page_size: int
    pages: int


class GoToPerson(Member):
    score: int
    band: str


class DisciplineCoverage(Schema):
    discipline: str
    name: str
    layer: str
    proficient_count: int = Field(description="Members at level 3 or more.")
    advanced_count: int = Field(description="Members at level 4 or more.")
    best_score: int
    single_point_of_failure: bool
    uncovered: bool
    go_to: list[GoToPerson]


class TeamCoverage(Schema):
    team: Ref
    as_of: date
    member_count: int
    submitted_count: int
    pending: list[Member] = Field(description="Members without a submitted assessment.")
    heatmap: Heatmap
    disciplines: list[DisciplineCoverage]
    layers: list[LayerBalance]
    diagnostics: list[Diagnostic]
    shape_mix: list[ShapeCount]
    trend: list[TrendPoint]


class MemberProfile(Schema):
    member: Member
    assessment: AssessmentSummary
    profile: Profile


# --- share links ----------------------------------------------------------------------------


class ShareIn(Schema):
    """What a share link shows beyond the T and the scores (nothing by default), and how
    many days it works."""

    name: StrictBool = Field(default=False, description="Show your name.")
    evidence: StrictBool = Field(
        default=False, description="Show your evidence notes and their links."
    )
    roles: StrictBool = Field(default=False, description="Show the three roles that fit you best.")
    days: Literal[7, 30, 90] = Field(default=30, description="How many days the link works.")
    model_config = ConfigDict(extra="forbid")


class ShareOut(Schema):
    url: str = Field(description="The link; shown this once, only its digest is kept.")
    expires: datetime = Field(description="When the link stops working.")
