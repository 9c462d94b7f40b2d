"""How long scoring one profile takes against a catalogue the size of the default one.

Pure Python, no database: builds a synthetic catalogue of 4 layers, 16 disciplines,
48 competencies and 18 roles, scores a few thousand random profiles and prints the time per
profile and per role.

    python bench/bench_scoring.py [--profiles N] [--seed S]
"""

# ruff: noqa: S311 -- seeded pseudo-random data for a benchmark, not secrets

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from assessments.domain import scoring
from assessments.domain.catalogue import (
    Catalogue,
    Competency,
    Discipline,
    Layer,
    Requirement,
    Resource,
    Role,
)

LAYERS = {
    "producers": ["content-strategy", "copywriting", "graphic-design", "ux-ui-design"],
    "distributors": ["seo", "social-media", "email-marketing", "paid-media"],
    "converters": [
        "conversion-optimisation",
        "marketing-analytics",
        "demand-generation",
        "community-management",
    ],
    "architects": [
        "marketing-management",
        "project-management",
        "marketing-strategy",
        "executive-leadership",
    ],
}
COMPETENCIES_PER_DISCIPLINE = 3
# The 16 specialist roles, one per discipline, plus two more leadership roles.
EXTRA_ROLES = [("social-media-manager", "social-media", "manager")]
EXTRA_ROLES += [("marketing-director", "marketing-strategy", "director")]
LEADERSHIP = {
    "marketing-management": "manager",
    "project-management": "manager",
    "marketing-strategy": "director",
    "executive-leadership": "executive",
}


def build_catalogue(seed: int = 1) -> Catalogue:
    rng = random.Random(seed)
    layers = []
    for layer_slug, discipline_slugs in LAYERS.items():
        disciplines = []
        for slug in discipline_slugs:
            competencies = tuple(
                Competency(
                    f"{slug}-{i}",
                    f"{slug.replace('-', ' ').capitalize()} skill {i}",
                    slug,
                    (Resource(f"Guide {i}", f"https://example.com/{slug}/{i}", "guide"),),
                )
                for i in range(1, COMPETENCIES_PER_DISCIPLINE + 1)
            )
            disciplines.append(Discipline(slug, slug.title(), layer_slug, competencies))
        layers.append(Layer(layer_slug, layer_slug.title(), tuple(disciplines)))
    layer_of = {d: layer for layer, ds in LAYERS.items() for d in ds}
    all_competencies = [c for layer in layers for d in layer.disciplines for c in d.competencies]
    specs = [(f"{d}-role", d, LEADERSHIP.get(d, "specialist")) for d in layer_of]
    roles = []
    for slug, discipline, stage in specs + EXTRA_ROLES:
        own = [c for c in all_competencies if c.discipline == discipline]
        others = rng.sample([c for c in all_competencies if c.discipline != discipline], 4)
        requirements = tuple(Requirement(c.slug, rng.randint(3, 5), 3) for c in own) + tuple(
            Requirement(c.slug, rng.randint(1, 3), rng.randint(1, 2)) for c in others
        )
        roles.append(
            Role(slug, slug.title(), layer_of[discipline], discipline, stage, requirements)
        )
    return Catalogue(tuple(layers), tuple(roles))


def random_inputs(catalogue: Catalogue, rng: random.Random) -> dict:
    return {
        "ratings": {c.slug: rng.randint(0, 5) for c in catalogue.competencies},
        "interests": rng.sample([d.slug for d in catalogue.disciplines], 2),
        "target_role": rng.choice([None, *catalogue.role_by_slug]),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--profiles", type=int, default=3000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    catalogue = build_catalogue(args.seed)
    rng = random.Random(args.seed)
    inputs = [random_inputs(catalogue, rng) for _ in range(args.profiles)]
    for warm_up in inputs[:200]:
        scoring.score(catalogue, **warm_up)
    started = time.perf_counter()
    for one in inputs:
        scoring.score(catalogue, **one)
    elapsed = time.perf_counter() - started
    per_profile = elapsed / len(inputs) * 1e6
    roles = len(catalogue.roles)
    print(
        f"catalogue: {len(catalogue.layers)} layers, {len(catalogue.disciplines)} disciplines, "
        f"{len(catalogue.competencies)} competencies, {roles} roles"
    )
    print(f"profiles scored: {len(inputs)} in {elapsed * 1000:.1f} ms")
    print(f"per profile: {per_profile:.1f} µs")
    print(f"per role:    {per_profile / roles:.2f} µs (the whole profile's work / {roles})")


if __name__ == "__main__":
    main()
