"""Writes that touch several rows of an assessment, each in one transaction."""

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime

from django.db import IntegrityError, transaction

from assessments.domain import quick_ratings, scoring
from assessments.domain.catalogue import Catalogue
from assessments.domain.profile import SCORING_VERSION, Profile
from assessments.models import Assessment, QuickRating, Rating
from assessments.queries.assessments import draft_inputs
from careers.models import Competency, Discipline, Role, usable_q


class AssessmentLocked(Exception):
    """The assessment was submitted and can no longer change."""


@dataclass
class IncompleteAssessment(Exception):
    """Submit was asked for while some competencies have no rating, neither their own nor
    their discipline's quick rating."""

    missing: list[tuple[str, str]]  # (slug, name) in catalogue order

    def __str__(self) -> str:
        return f"{len(self.missing)} competencies are not rated yet."


@dataclass
class EvidenceWithoutLevel(Exception):
    """Evidence was given for competencies that have no level yet."""

    names: list[str]

    def __str__(self) -> str:
        return "Choose a level before adding evidence for: " + ", ".join(self.names) + "."


@transaction.atomic
def start_assessment(owner, source: str = Assessment.Source.FORM) -> tuple[Assessment, bool]:
    """The owner's draft, created pre-filled from their last submitted assessment if needed,
    recording where it was started (`source`).

    Returns (draft, created). At most one draft exists per owner (a database constraint),
    so two clicks on "Start" lead to the same draft.
    """
    draft = Assessment.objects.filter(owner=owner, status=Assessment.Status.DRAFT).first()
    if draft is not None:
        return draft, False
    last = (
        Assessment.objects.filter(owner=owner, status=Assessment.Status.SUBMITTED)
        .order_by("-submitted_at", "-pk")
        .first()
    )
    # Only what the catalogue still offers is carried over: the form could neither show
    # nor change a rating of a retired competency, or a retired target role.
    target = None
    if last is not None and last.target_role_id:
        target = Role.objects.usable().filter(pk=last.target_role_id).first()
    try:
        with transaction.atomic():
            draft = Assessment.objects.create(
                owner=owner,
                source=source,
                target_role=target,
                country=last.country if last else Assessment._meta.get_field("country").default,
                experience_level=(
                    last.experience_level
                    if last
                    else Assessment._meta.get_field("experience_level").default
                ),
            )
    except IntegrityError:
        # Another request created the draft a moment ago.
        return Assessment.objects.get(owner=owner, status=Assessment.Status.DRAFT), False
    if last is not None:
        Rating.objects.bulk_create(
            Rating(
                assessment=draft,
                competency_id=rating.competency_id,
                level=rating.level,
                evidence=rating.evidence,
            )
            for rating in last.ratings.filter(usable_q("competency__"))
        )
        QuickRating.objects.bulk_create(
            QuickRating(assessment=draft, discipline_id=quick.discipline_id, level=quick.level)
            for quick in last.quick_ratings.filter(usable_q("discipline__", model=Discipline))
        )
        draft.interests.set(
            last.interests.filter(usable_q(model=Discipline)).values_list("pk", flat=True)
        )
    return draft, True


def aim_at(owner, role: Role) -> Assessment:
    """Make `role` the target of the owner's draft, starting one (from their last
    assessment) if they have none."""
    draft, _created = start_assessment(owner)
    return save_draft(draft, settings={"target_role": role})


@dataclass(frozen=True)
class Stale:
    """A rating written since the page that posts it was shown: what is saved now
    (`saved_level`, at `version`) against what the page posted (`posted_level`)."""

    slug: str
    name: str
    saved_level: int | None
    saved_evidence: str
    posted_level: int | None
    posted_evidence: str
    version: int

    @property
    def change(self) -> str:
        """What is saved now against what the page has, in a few words."""
        if self.saved_level == self.posted_level and self.saved_evidence != self.posted_evidence:
            return (
                f"the evidence is now “{self.saved_evidence}” — yours was “{self.posted_evidence}”"
            )
        now = "not rated" if self.saved_level is None else f"level {self.saved_level}"
        return f"now {now} — yours was {self.posted_level}"

    @property
    def message(self) -> str:
        return f"Changed in another tab or device: {self.change}."


@dataclass
class StaleRatings(Exception):
    """Ratings changed elsewhere (another tab or device) since the page was shown; nothing
    was saved."""

    stale: list[Stale]

    def __str__(self) -> str:
        return "Changed in another tab or device since the page was shown: " + "; ".join(
            f"{item.name}: {item.change}" for item in self.stale
        )


def _lock_draft(assessment: Assessment) -> Assessment:
    locked = Assessment.objects.select_for_update().get(pk=assessment.pk)
    if locked.status != Assessment.Status.DRAFT:
        raise AssessmentLocked
    return locked


@transaction.atomic
def save_draft(
    assessment: Assessment,
    *,
    levels: Mapping[str, int] = {},
    evidence: Mapping[str, str] = {},
    versions: Mapping[str, int] = {},
    interests: Mapping[str, bool] = {},
    quick: Mapping[str, int | None] = {},
    settings: Mapping[str, object] | None = None,
    rest: tuple[str, int] | None = None,
) -> Assessment:
    """Apply what was posted to a draft: all of it, or nothing if any part is refused.
    ``quick`` sets a discipline's quick rating, or takes it off with None. ``rest``
    (discipline, level) gives that level to each active competency of the discipline that
    has no rating and none in ``levels`` ("set the rest of this discipline").

    ``versions`` gives, by competency, the version of the rating the page was shown with
    (0: none yet). A competency written since, to something other than what is posted
    now, is refused with StaleRatings: the newer value is not overwritten unseen."""
    draft = _lock_draft(assessment)
    if rest is not None:
        levels = {**_unrated_in(draft, rest[0], rest[1]), **levels}
    slugs = set(levels) | set(evidence)
    ids = dict(Competency.objects.filter(slug__in=slugs).values_list("slug", "pk"))
    existing = {
        rating.competency_id: rating
        for rating in Rating.objects.filter(assessment=draft, competency_id__in=ids.values())
    }
    stale = _stale(ids, existing, levels, evidence, versions)
    if stale:
        raise StaleRatings(stale)
    orphans = [
        slug
        for slug, text in evidence.items()
        if text and ids[slug] not in existing and slug not in levels
    ]
    if orphans:
        names = dict(Competency.objects.filter(slug__in=orphans).values_list("slug", "name"))
        raise EvidenceWithoutLevel([names[slug] for slug in orphans])

    rows = []
    for slug in slugs:
        current = existing.get(ids[slug])
        level = levels.get(slug, current.level if current else None)
        if level is None:
            continue  # blank evidence for an unrated competency: nothing to keep
        note = evidence.get(slug, current.evidence if current else "")
        if current is not None and (current.level, current.evidence) == (level, note):
            continue  # unchanged: its version stays, so other pages showing it stay current
        # The draft is locked (_lock_draft), so no other write can come between the
        # version read above and this one.
        version = current.version + 1 if current else 1
        rows.append(
            Rating(
                assessment=draft,
                competency_id=ids[slug],
                level=level,
                evidence=note,
                version=version,
            )
        )
    if rows:
        Rating.objects.bulk_create(
            rows,
            update_conflicts=True,
            unique_fields=["assessment", "competency"],
            update_fields=["level", "evidence", "version"],
        )

    if quick:
        _save_quick(draft, quick)

    if interests:
        chosen = dict(Discipline.objects.filter(slug__in=interests).values_list("slug", "pk"))
        draft.interests.add(*(chosen[slug] for slug, on in interests.items() if on))
        draft.interests.remove(*(chosen[slug] for slug, on in interests.items() if not on))

    fields = ["updated_at"]
    for name, value in (settings or {}).items():
        setattr(draft, name, value)
        fields.append(name)
    draft.save(update_fields=fields)
    return draft


def _stale(
    ids: Mapping[str, int],
    existing: Mapping[int, Rating],
    levels: Mapping[str, int],
    evidence: Mapping[str, str],
    versions: Mapping[str, int],
) -> list[Stale]:
    """The posted competencies whose rating was written since the page's `versions`, and
    differs from what is posted now."""
    stale = []
    for slug, shown in versions.items():
        if slug not in ids:
            continue
        current = existing.get(ids[slug])
        if (current.version if current else 0) == shown:
            continue
        posted_level = levels.get(slug, current.level if current else None)
        posted_note = evidence.get(slug, current.evidence if current else "")
        if current is not None and (current.level, current.evidence) == (posted_level, posted_note):
            continue
        if current is None and posted_level is None:
            continue
        stale.append(
            Stale(
                slug=slug,
                name="",
                saved_level=current.level if current else None,
                saved_evidence=current.evidence if current else "",
                posted_level=posted_level,
                posted_evidence=posted_note,
                version=current.version if current else 0,
            )
        )
    if stale:
        # Named, and listed in the catalogue's order.
        by_slug = {item.slug: item for item in stale}
        stale = [
            replace(by_slug[slug], name=name)
            for slug, name in Competency.objects.filter(slug__in=by_slug).values_list(
                "slug", "name"
            )
        ]
    return stale


def _save_quick(draft: Assessment, quick: Mapping[str, int | None]) -> None:
    ids = dict(Discipline.objects.filter(slug__in=quick).values_list("slug", "pk"))
    QuickRating.objects.bulk_create(
        [
            QuickRating(assessment=draft, discipline_id=ids[slug], level=level)
            for slug, level in quick.items()
            if level is not None
        ],
        update_conflicts=True,
        unique_fields=["assessment", "discipline"],
        update_fields=["level"],
    )
    cleared = [ids[slug] for slug, level in quick.items() if level is None]
    if cleared:
        QuickRating.objects.filter(assessment=draft, discipline_id__in=cleared).delete()


@transaction.atomic
def replace_draft(
    assessment: Assessment,
    catalogue: Catalogue,
    *,
    levels: Mapping[str, int],
    evidence: Mapping[str, str],
    interests: Mapping[str, bool],
    settings: Mapping[str, object],
    quick: Mapping[str, int | None] = {},
) -> Assessment:
    """Make a draft exactly what is given, as ``save_draft`` does, and drop the ratings of
    the catalogue's competencies left out of `levels`. Ratings of competencies retired
    since stay, as the form keeps them."""
    draft = save_draft(
        assessment,
        levels=levels,
        evidence=evidence,
        interests=interests,
        quick=quick,
        settings=settings,
    )
    Rating.objects.filter(
        assessment=draft, competency__slug__in=list(catalogue.competency_by_slug)
    ).exclude(competency__slug__in=list(levels)).delete()
    return draft


@transaction.atomic
def submit_assessment(assessment: Assessment, catalogue: Catalogue, now: datetime) -> Assessment:
    """Score a complete draft and freeze it with its scored profile; only once."""
    draft = _lock_draft(assessment)
    given = draft_inputs(draft, catalogue)
    missing = quick_ratings.unrated(catalogue, given.ratings, given.quick)
    if missing:
        names = catalogue.competency_by_slug
        raise IncompleteAssessment([(slug, names[slug].name) for slug in missing])
    store_profiles([(draft, scoring.score_input(catalogue, given))], now)
    return draft


def profile_fields(profile: Profile) -> dict[str, object]:
    """What is stored of a scored profile: the whole result, and the compact scores that
    team dashboards read."""
    return {
        "result": profile.to_dict(),
        "scoring_version": SCORING_VERSION,
        "depth": profile.depth,
        "breadth": profile.breadth,
        "shape": profile.shape,
        "phase": profile.phase,
        "discipline_scores": {d.slug: d.score for d in profile.disciplines},
        "layer_scores": {layer.slug: layer.score for layer in profile.layers},
    }


# No savepoint of its own: an import stores a chunk at a time inside its own transaction.
@transaction.atomic(savepoint=False)
def store_profiles(
    scored: Sequence[tuple[Assessment, Profile]],
    now: datetime,
    *,
    previous: Collection[int] | None = None,
) -> None:
    """The one writer of scored profiles: each assessment gets its profile and becomes a
    submitted assessment of `now` and its owner's latest, the mark coming off the one
    before (`previous`: their ids, where the caller has read them; else they are looked
    up by owner). A locked draft is saved in place; new assessments are inserted together.
    At most one assessment per owner."""
    for assessment, profile in scored:
        for name, value in profile_fields(profile).items():
            setattr(assessment, name, value)
        assessment.status = Assessment.Status.SUBMITTED
        assessment.submitted_at = now
        assessment.is_latest = True
    saved = [assessment for assessment, _profile in scored if assessment.pk is not None]
    if previous is None:
        stale = Assessment.objects.filter(
            owner_id__in={assessment.owner_id for assessment, _profile in scored}, is_latest=True
        ).exclude(pk__in=[assessment.pk for assessment in saved])
    else:
        stale = Assessment.objects.filter(pk__in=previous)
    stale.update(is_latest=False)
    for assessment in saved:
        assessment.save()
    Assessment.objects.bulk_create(
        [assessment for assessment, _profile in scored if assessment.pk is None]
    )


def _unrated_in(draft: Assessment, discipline: str, level: int) -> dict[str, int]:
    """``level`` for each active competency of the discipline the draft has not rated."""
    rated = Rating.objects.filter(assessment=draft).values("competency_id")
    return dict.fromkeys(
        Competency.objects.active()
        .filter(discipline__slug=discipline)
        .exclude(pk__in=rated)
        .values_list("slug", flat=True),
        level,
    )
