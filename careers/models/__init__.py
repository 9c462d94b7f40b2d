"""The marketing-ecosystem catalogue: layers, disciplines, competencies, roles, salaries."""

from careers.models.roles import (
    RESERVED_SLUGS,
    ROLE_NAME_TAKEN,
    FormerRoleSlug,
    Role,
    RoleRequirement,
    RoleTransition,
    SalaryBand,
)
from careers.models.skills import (
    CatalogueEntry,
    Competency,
    Discipline,
    DisciplineAnchor,
    Layer,
    LearningResource,
    LevelAnchor,
    usable_q,
)

__all__ = [
    "RESERVED_SLUGS",
    "ROLE_NAME_TAKEN",
    "CatalogueEntry",
    "Competency",
    "Discipline",
    "DisciplineAnchor",
    "FormerRoleSlug",
    "Layer",
    "LearningResource",
    "LevelAnchor",
    "Role",
    "RoleRequirement",
    "RoleTransition",
    "SalaryBand",
    "usable_q",
]
