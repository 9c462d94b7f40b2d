"""Self-assessments (a marketer's ratings and the scored profile stored on submit) and
teams (who manages whom, for the coverage dashboard)."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone

from assessments.domain import invites
from careers.choices import MAX_LEVEL, MIN_LEVEL, Country, ExperienceLevel, Level
from careers.models import Competency, Discipline, Role


def submitted[T](value: T | None) -> T:
    """A field that every submitted assessment has, read where the model types it as
    nullable because a draft has none: the check constraint assessment_submitted_has_result
    requires the moment, result and depth, and the one writer of a scored profile
    (services.assessments.store_profiles) sets the other scores with them."""
    if value is None:
        raise ValueError("A submitted assessment is missing a field it always has.")
    return value


class Assessment(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        SUBMITTED = "submitted", "Submitted"

    class Source(models.TextChoices):
        FORM = "form", "Rated in the app"
        IMPORT = "import", "Imported from a sheet"
        API = "api", "Created through the API"

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="assessments"
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    target_role = models.ForeignKey(
        Role, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    country = models.CharField(max_length=2, choices=Country.choices, default=Country.US)
    experience_level = models.CharField(
        max_length=20, choices=ExperienceLevel.choices, default=ExperienceLevel.MID
    )
    interests = models.ManyToManyField(
        Discipline,
        blank=True,
        related_name="+",
        help_text="Disciplines the person wants to grow in.",
    )
    source = models.CharField(max_length=20, choices=Source.choices, default=Source.FORM)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(null=True, blank=True)

    # The scored profile, frozen at submit so history never shifts with the catalogue.
    scoring_version = models.CharField(max_length=20, blank=True)
    result = models.JSONField(null=True, blank=True)
    depth = models.PositiveSmallIntegerField(null=True, blank=True)
    breadth = models.PositiveSmallIntegerField(null=True, blank=True)
    shape = models.CharField(max_length=20, blank=True)
    phase = models.PositiveSmallIntegerField(null=True, blank=True)
    # Compact copies of the result's scores ({slug: 0-100}) for team dashboards, which
    # read them for thousands of members at once.
    discipline_scores = models.JSONField(null=True, blank=True)
    layer_scores = models.JSONField(null=True, blank=True)
    is_latest = models.BooleanField(
        default=False, help_text="The owner's most recently submitted assessment."
    )

    class Meta:
        ordering = ["-submitted_at", "-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["owner"],
                condition=Q(status="draft"),
                name="assessment_one_draft_per_owner",
            ),
            models.CheckConstraint(
                condition=Q(status="draft")
                | Q(submitted_at__isnull=False, result__isnull=False, depth__isnull=False),
                name="assessment_submitted_has_result",
            ),
            models.CheckConstraint(
                condition=Q(status__in=["draft", "submitted"]), name="assessment_known_status"
            ),
            models.UniqueConstraint(
                fields=["owner"], condition=Q(is_latest=True), name="assessment_one_latest"
            ),
            models.CheckConstraint(
                condition=Q(is_latest=False) | Q(status="submitted"),
                name="assessment_latest_is_submitted",
            ),
        ]
        indexes = [
            models.Index(fields=["owner", "status", "submitted_at"]),
            models.Index(fields=["owner"], condition=Q(is_latest=True), name="assessment_latest"),
        ]

    def __str__(self) -> str:
        when = self.submitted_at or self.created_at
        return f"{self.owner} · {self.get_status_display()} · {when:%Y-%m-%d}"

    def get_absolute_url(self) -> str:
        if self.status == self.Status.DRAFT:
            return reverse("assessments:edit", kwargs={"pk": self.pk})
        return reverse("assessments:profile", kwargs={"pk": self.pk})

    @property
    def is_draft(self) -> bool:
        return self.status == self.Status.DRAFT


EVIDENCE_MAX_LENGTH = 500


class Rating(models.Model):
    """One competency rated 0 (no exposure) to 5 (expert) in one assessment."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="ratings")
    competency = models.ForeignKey(Competency, on_delete=models.PROTECT, related_name="+")
    level = models.PositiveSmallIntegerField(choices=Level.choices)
    evidence = models.CharField(
        max_length=EVIDENCE_MAX_LENGTH,
        blank=True,
        help_text="A note or link that backs the rating.",
    )
    # Raised by one on every write, so a page showing an older value can be told apart
    # from one showing the current value (two tabs on one draft).
    version = models.PositiveIntegerField(default=1, db_default=1)

    class Meta:
        ordering = ["assessment", "competency"]
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "competency"], name="rating_unique_competency"
            ),
            models.CheckConstraint(
                condition=Q(level__gte=MIN_LEVEL, level__lte=MAX_LEVEL),
                name="rating_level_0_to_5",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.competency}: {self.level}"


class QuickRating(models.Model):
    """A whole discipline rated 0 to 5 in one answer (the quick start). It stands for each
    of the discipline's competencies that has no rating of its own in the same assessment
    (domain.quick_ratings)."""

    assessment = models.ForeignKey(
        Assessment, on_delete=models.CASCADE, related_name="quick_ratings"
    )
    discipline = models.ForeignKey(Discipline, on_delete=models.PROTECT, related_name="+")
    level = models.PositiveSmallIntegerField(choices=Level.choices)

    class Meta:
        ordering = ["assessment", "discipline"]
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "discipline"], name="quick_rating_unique_discipline"
            ),
            models.CheckConstraint(
                condition=Q(level__gte=MIN_LEVEL, level__lte=MAX_LEVEL),
                name="quick_rating_level_0_to_5",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.discipline} (quick): {self.level}"


def new_invite_code() -> str:
    """A team's new invite code (assessments.domain.invites): the field's default, by this
    name, which the migrations refer to."""
    return invites.new_invite_code()


class Team(models.Model):
    name = models.CharField(max_length=100)
    slug = models.SlugField(max_length=120, unique=True)
    invite_code = models.CharField(max_length=32, unique=True, default=new_invite_code)
    invite_issued_at = models.DateTimeField(
        default=timezone.now, help_text="When the invite code was issued; it works for 30 days."
    )
    invite_issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The manager who issued the invite code, named to the people it invites.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL, through="Membership", related_name="teams"
    )

    class Meta:
        ordering = ["name", "pk"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("assessments:team", kwargs={"slug": self.slug})


class RetiredInvite(models.Model):
    """An invite code a manager replaced, kept so that its link can say so."""

    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="retired_invites")
    code = models.CharField(max_length=32, unique=True)
    retired_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"{self.code} (replaced on {self.retired_at:%Y-%m-%d})"


class Membership(models.Model):
    class Role(models.TextChoices):
        MEMBER = "member", "Member"
        MANAGER = "manager", "Manager"

    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(max_length=20, choices=Role.choices, default=Role.MEMBER)
    joined_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["team", "user__username"]
        constraints = [
            models.UniqueConstraint(fields=["team", "user"], name="membership_unique"),
            models.CheckConstraint(
                condition=Q(role__in=["member", "manager"]), name="membership_known_role"
            ),
        ]
        indexes = [models.Index(fields=["user", "role"])]

    def __str__(self) -> str:
        return f"{self.user} in {self.team} ({self.get_role_display()})"

    @property
    def is_manager(self) -> bool:
        return self.role == self.Role.MANAGER


class Removal(models.Model):
    """A member a manager removed from a team, kept while the removal can be undone
    (assessments.domain.removals)."""

    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="removals")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    role = models.CharField(max_length=20, choices=Membership.Role.choices)
    joined_at = models.DateTimeField()
    removed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    removed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-removed_at", "-pk"]
        indexes = [models.Index(fields=["team", "removed_at"])]

    def __str__(self) -> str:
        return f"{self.user} removed from {self.team}"


class Notice(models.Model):
    """A line on a person's own page telling them what a manager did to a team of theirs."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notices"
    )
    text = models.CharField(max_length=400)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["user", "-created_at"])]

    def __str__(self) -> str:
        return self.text


class ApiToken(models.Model):
    """A personal API token: the API accepts it as ``Authorization: Bearer <token>``.

    Only a SHA-256 digest of the token is stored; the token itself is shown once, when it
    is created (see ``assessments.tokens``).
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(max_length=100, help_text="What the token is for.")
    prefix = models.CharField(
        max_length=16, help_text="The token's first characters, to tell tokens apart."
    )
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField(null=True, blank=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = "API token"
        constraints = [
            models.CheckConstraint(
                condition=Q(expires_at__isnull=True) | Q(expires_at__gt=F("created_at")),
                name="api_token_expires_after_creation",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"


class StagedImport(models.Model):
    """A ratings sheet of a team import, from its upload until it is imported.

    The uploaded file waits here (``upload``) for a task to read and check it; the checked
    rows (or the problems found) replace it. Only the manager who uploaded it, on its
    team's pages, can see or confirm it, for
    ``assessments.services.staged_imports.STAGED_SECONDS``; the confirm claims the row
    (``claimed_at``, state "importing") so that it is imported once, and a task writes its
    rows chunk by chunk, counting them in ``rows_done`` in the same transaction as each
    chunk, so that a task run again after a stopped worker carries on where it stopped.
    """

    class State(models.TextChoices):
        CHECKING = "checking", "waiting to be read and checked"
        REFUSED = "refused", "has problems"
        STAGED = "staged", "waiting for its confirm"
        IMPORTING = "importing", "importing"
        IMPORTED = "imported", "imported"
        FAILED = "failed", "failed"

    token = models.CharField(max_length=64, unique=True)
    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="+")
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    filename = models.CharField(max_length=255)
    upload = models.BinaryField(
        null=True, blank=True, help_text="The file uploaded, until it has been checked."
    )
    sheet = models.JSONField(
        help_text="The checked rows, or the problems found, as assessments.domain.sheet_files "
        "keeps them; emptied once the rows are imported."
    )
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    state = models.CharField(max_length=16, choices=State, default=State.STAGED)
    owners = models.JSONField(
        null=True, blank=True, help_text="The user id of each row's person, fixed at the confirm."
    )
    rows_total = models.PositiveIntegerField(default=0)
    rows_done = models.PositiveIntegerField(default=0)
    attempts = models.PositiveSmallIntegerField(
        default=0, help_text="Task runs started for the import."
    )
    task_id = models.CharField(max_length=64, blank=True)
    heartbeat_at = models.DateTimeField(
        null=True, blank=True, help_text="When the task last started or saved a chunk."
    )
    finished_at = models.DateTimeField(null=True, blank=True)
    message = models.TextField(blank=True, help_text="Why an import failed.")

    class Meta:
        verbose_name = "staged import"
        constraints = [
            models.CheckConstraint(
                condition=Q(rows_done__lte=F("rows_total")),
                name="staged_import_rows_done_at_most_total",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.filename} for {self.team_id}"


class ApiAllowance(models.Model):
    """The calls one API caller made in the last rate-limit period (``assessments.api.
    throttle``): a token, a signed-in person or an anonymous address. Its row is locked
    while a call is counted, so parallel calls are counted exactly."""

    caller = models.CharField(max_length=80, unique=True)
    calls = models.JSONField(default=list, help_text="When each counted call came, oldest first.")
    last_call = models.DateTimeField(db_index=True)

    def __str__(self) -> str:
        return self.caller


class ShareLink(models.Model):
    """A read-only link to one submitted profile, for whoever has it, until it expires or is
    revoked (assessments.services.shares). Only a SHA-256 digest of its token is kept: the
    link itself is shown once, when it is made. What it shows beyond the T and the scores is
    the owner's choice (domain.sharing)."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="share_links")
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    show_name = models.BooleanField(default=False)
    show_evidence = models.BooleanField(default=False)
    show_roles = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(expires_at__gt=F("created_at")),
                name="share_link_expires_after_creation",
            ),
        ]
        indexes = [models.Index(fields=["assessment", "revoked_at"])]

    def __str__(self) -> str:
        return f"Share of {self.assessment} until {self.expires_at:%Y-%m-%d}"
