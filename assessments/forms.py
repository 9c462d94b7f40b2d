"""Forms for accounts, assessments and teams."""

from typing import cast

from django import forms
from django.contrib.auth import forms as auth_forms
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import AuthenticationForm, UserCreationForm
from django.utils import timezone

from assessments import tasks
from assessments.domain.catalogue import Catalogue
from assessments.models import EVIDENCE_MAX_LENGTH, Assessment, Team
from assessments.posted import GOTO, QUICK, REST_LEVEL, STEP, PostedRatings
from assessments.queries.invites import invite_for_code, invite_problem
from assessments.validators import no_control_characters, normal_name, not_a_lookalike
from assessments.widgets import FastSelect
from careers.choices import MAX_LEVEL, MIN_LEVEL, RATING_LEVELS, Level
from careers.models import Role


class LoginForm(AuthenticationForm):
    """Django's login form, labelled for logging in with a username or an email address."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        username = cast(forms.CharField, self.fields["username"])
        username.label = "Username or email"
        username.max_length = 254
        username.widget.attrs["maxlength"] = 254


class SignupForm(UserCreationForm):
    email = forms.EmailField(
        help_text="For password resets and team invitations. Never shown to other people."
    )

    class Meta(UserCreationForm.Meta):
        model = get_user_model()
        fields = ("username", "email")

    def clean_username(self) -> str:
        # Django's own checks first: its letters (NFKC already) and no name that differs
        # from an existing one only in case.
        username = super().clean_username()
        if username:
            not_a_lookalike(username)
        return username

    def validate_password_for_user(self, user, **kwargs) -> None:
        # Django files a weak password under the confirmation; it belongs under the
        # password itself, where it was typed. (django-stubs does not know this method yet.)
        typed = "password1"
        super().validate_password_for_user(user, password_field_name=typed)  # type: ignore[misc]

    def clean_email(self) -> str:
        email = self.cleaned_data["email"].strip()
        if get_user_model()._default_manager.filter(email__iexact=email).exists():
            raise forms.ValidationError(
                "An account with this email address already exists. Log in, or reset your "
                "password if you have forgotten it."
            )
        return email


class AssessmentSettingsForm(forms.ModelForm):
    """Who the assessment is for: the target role, and where and at what level for salaries."""

    class Meta:
        model = Assessment
        fields = ["target_role", "country", "experience_level"]
        labels = {
            "target_role": "Target role",
            "country": "Country for salary figures",
            "experience_level": "Your experience level",
        }
        help_texts = {"target_role": "The role you are working toward, if you have one."}
        widgets = dict.fromkeys(fields, FastSelect)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Only roles scoring can match: usable ones.
        target_role = cast(forms.ModelChoiceField, self.fields["target_role"])
        target_role.queryset = Role.objects.usable().order_by("layer__order", "order", "name")
        target_role.empty_label = "No target yet"
        target_role.required = False


class QuickStartForm(forms.Form):
    """One level for each discipline as a whole (``quick-<discipline slug>``), and a target
    role if the person has one. Every discipline starts at 0, so the form is always whole."""

    target_role = forms.ModelChoiceField(
        queryset=Role.objects.none(),
        required=False,
        empty_label="No target yet",
        label="Target role (optional)",
        help_text="The role you are working toward: your T shows how far you are from it.",
    )

    def __init__(self, data=None, *, catalogue: Catalogue, **kwargs):
        super().__init__(data, **kwargs)
        target_role = cast(forms.ModelChoiceField, self.fields["target_role"])
        target_role.queryset = Role.objects.usable().order_by("layer__order", "order", "name")
        for discipline in catalogue.disciplines:
            self.fields[QUICK + discipline.slug] = forms.TypedChoiceField(
                label=discipline.name,
                choices=[(level, Level(level).label) for level in RATING_LEVELS],
                coerce=int,
                initial=MIN_LEVEL,
                error_messages={
                    "required": f"Choose a level from {MIN_LEVEL} to {MAX_LEVEL} for "
                    f"{discipline.name}.",
                    "invalid_choice": f"Choose a level from {MIN_LEVEL} to {MAX_LEVEL} for "
                    f"{discipline.name}.",
                },
            )

    def levels(self) -> dict[str, int]:
        """The quick rating of every discipline, by slug."""
        return {
            name.removeprefix(QUICK): value
            for name, value in self.cleaned_data.items()
            if name.startswith(QUICK)
        }


class RatingsForm(forms.Form):
    """The ratings, evidence and interest marks posted from the assessment form
    (PostedRatings names its fields). Only what was posted changes."""

    def __init__(self, data, *, competencies, disciplines):
        super().__init__(data)
        self.competency_slugs = [slug for slug, _name in competencies]
        self.competency_names = dict(competencies)
        self.discipline_slugs = [slug for slug, _name in disciplines]
        self.posted = PostedRatings(self.data)
        for slug, name in competencies:
            self.fields[PostedRatings.level_key(slug)] = forms.TypedChoiceField(
                label=name,
                choices=[(level, str(level)) for level in RATING_LEVELS],
                coerce=int,
                required=False,
                empty_value=None,
                error_messages={
                    "invalid_choice": (
                        f"Choose a level from {MIN_LEVEL} to {MAX_LEVEL} for {name}."
                    ),
                },
            )
            self.fields[PostedRatings.evidence_key(slug)] = forms.CharField(
                label=f"Evidence for {name}",
                required=False,
                max_length=EVIDENCE_MAX_LENGTH,
                strip=True,
                validators=[no_control_characters],
                error_messages={
                    "max_length": (
                        f"The evidence for {name} is %(show_value)d characters long; it can "
                        "be at most %(limit_value)d. Shorten it (a link to a longer note "
                        "works)."
                    ),
                },
            )
            self.fields[PostedRatings.version_key(slug)] = forms.IntegerField(
                required=False, min_value=0
            )
        for slug, name in disciplines:
            self.fields[PostedRatings.interest_key(slug)] = forms.BooleanField(
                label=f"I want to grow in {name}", required=False
            )

    @classmethod
    def for_post(cls, data, catalogue: Catalogue) -> "RatingsForm":
        """Fields for what was posted only (an autosave posts one competency): anything
        posted that is not in the catalogue is still refused, as the form knows no field
        for it."""
        posted = PostedRatings(data)
        return cls(
            data,
            competencies=[
                (c.slug, c.name) for c in catalogue.competencies if posted.names_competency(c.slug)
            ],
            disciplines=[
                (d.slug, d.name) for d in catalogue.disciplines if posted.names_discipline(d.slug)
            ],
        )

    def clean(self):
        cleaned = super().clean()
        known = set(self.competency_slugs)
        for _key, slug in self.posted.competency_keys():
            if slug not in known:
                raise forms.ValidationError(
                    f"“{slug[:80]}” is not a competency in the catalogue; "
                    "nothing was saved. Reload the page and try again."
                )
        return cleaned

    def posted_levels(self) -> dict[str, int]:
        return self._posted_numbers(PostedRatings.level_key)

    def posted_evidence(self) -> dict[str, str]:
        return {
            slug: self.cleaned_data[PostedRatings.evidence_key(slug)]
            for slug in self.competency_slugs
            if PostedRatings.evidence_key(slug) in self.data
        }

    def posted_versions(self) -> dict[str, int]:
        """The version of each posted rating as the page showed it, where the page said."""
        return self._posted_numbers(PostedRatings.version_key)

    def _posted_numbers(self, key_of) -> dict[str, int]:
        return {
            slug: self.cleaned_data[key]
            for slug in self.competency_slugs
            if (key := key_of(slug)) in self.data and self.cleaned_data.get(key) is not None
        }

    def posted_interests(self) -> dict[str, bool]:
        return {
            slug: bool(self.cleaned_data.get(PostedRatings.interest_key(slug)))
            for slug in self.discipline_slugs
            if self.posted.names_discipline(slug)
        }


class StepForm(forms.Form):
    """The stepped form's own fields, posted beside the answers: the step shown, the step
    to go to, and the level for "set the rest" (posted.STEP, GOTO and REST_LEVEL). A step
    the catalogue does not have is ignored: the form shows its first step instead."""

    def __init__(self, data, *, catalogue: Catalogue):
        super().__init__(data)
        self.names = {d.slug: d.name for d in catalogue.disciplines}
        self.fields[REST_LEVEL] = forms.TypedChoiceField(
            label="Set each competency not rated yet to",
            choices=[(level, str(level)) for level in RATING_LEVELS],
            coerce=int,
            required=data.get("action") == "fill",
            empty_value=None,
            error_messages={
                "required": "Choose the level for the competencies not rated yet.",
                "invalid_choice": (
                    f"Choose a level from {MIN_LEVEL} to {MAX_LEVEL} for the competencies "
                    "not rated yet."
                ),
            },
        )

    def clean(self):
        cleaned = super().clean()
        if self.data.get("action") == "fill" and self.shown() is None:
            raise forms.ValidationError(
                "The page did not say which discipline to fill in; nothing was saved. "
                "Reload the page and try again."
            )
        return cleaned

    def shown(self) -> str | None:
        return self._step(STEP)

    def going_to(self) -> str | None:
        return self._step(GOTO)

    def rest(self) -> tuple[str, int]:
        """(step, level) for "set the rest"; only once valid with ``action=fill``."""
        return cast(str, self.shown()), self.cleaned_data[REST_LEVEL]

    def _step(self, name: str) -> str | None:
        value = self.data.get(name)
        return value if value in self.names else None


class DeleteAccountForm(forms.Form):
    password = forms.CharField(
        label="Your password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        help_text="To be sure it is you. Deleting cannot be undone.",
    )

    def __init__(self, user, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError("That is not your password; nothing was deleted.")
        return password


class TeamForm(forms.ModelForm):
    class Meta:
        model = Team
        fields = ["name"]
        labels = {"name": "Team name"}

    def clean_name(self) -> str:
        name = normal_name(self.cleaned_data["name"]).strip()
        if not name:
            raise forms.ValidationError("Give the team a name.")
        no_control_characters(name)
        not_a_lookalike(name)
        return name


class DeleteTeamForm(forms.Form):
    """Deleting a team is confirmed by typing its name."""

    name = forms.CharField(label="Type the team's name to confirm", max_length=100, strip=True)

    def __init__(self, team: Team, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.team = team
        self.fields["name"].help_text = f"“{team.name}”, exactly as it is written here."

    def clean_name(self) -> str:
        name = self.cleaned_data["name"]
        if name != self.team.name:
            raise forms.ValidationError(
                "Type the team's name exactly as it is shown, capitals included, to delete it."
            )
        return name


class JoinTeamForm(forms.Form):
    code = forms.CharField(
        label="Invite code",
        max_length=64,
        help_text="Your manager can find it on the team's page.",
    )

    def clean_code(self) -> str:
        invite = invite_for_code(self.cleaned_data["code"], timezone.now())
        if invite is None:
            raise forms.ValidationError(
                "No team has this invite code. Codes change when a manager renews them; "
                "ask your manager for the current one."
            )
        if not invite.valid:
            raise forms.ValidationError(invite_problem(invite))
        self.team = invite.team
        return self.cleaned_data["code"]


def _level_field(label: str) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=label,
        coerce=int,
        choices=[(value, f"{value} · {label}") for value, label in Level.choices],
        initial=3,
        error_messages={"invalid_choice": f"Choose a level from {MIN_LEVEL} to {MAX_LEVEL}."},
    )


class PeopleSearchForm(forms.Form):
    """Who is at a level or above in a competency, and optionally in up to two more at once
    (`competency_2`/`level_2`, `competency_3`/`level_3`)."""

    EXTRA = (2, 3)

    competency = forms.ChoiceField(label="Competency")
    level = _level_field("At least")
    competency_2 = forms.ChoiceField(label="And a second competency", required=False)
    level_2 = _level_field("At least, in the second")
    competency_3 = forms.ChoiceField(label="And a third competency", required=False)
    level_3 = _level_field("At least, in the third")

    def __init__(self, *args, competencies, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["competency"]).choices = competencies
        for number in self.EXTRA:
            cast(forms.ChoiceField, self.fields[f"competency_{number}"]).choices = [
                ("", "(none)"),
                *competencies,
            ]
            # A level without its competency is not asked for: the default is fine.
            self.fields[f"level_{number}"].required = False
        for field in self.fields.values():
            field.widget.attrs["class"] = "form-select"
        for name in ("competency", "competency_2", "competency_3"):
            self.fields[name].error_messages["invalid_choice"] = (
                "Choose a competency from the list."
            )

    def extra_rows(self):
        """The optional criteria's (competency, level) fields, for the template."""
        return [(self[f"competency_{n}"], self[f"level_{n}"]) for n in self.EXTRA]

    def criteria(self) -> list[tuple[str, int]]:
        """(competency slug, level) for each competency asked for, in order; valid forms only."""
        data = self.cleaned_data
        asked = [(data["competency"], data["level"])]
        for number in self.EXTRA:
            slug = data.get(f"competency_{number}")
            if slug:
                level = data.get(f"level_{number}")
                asked.append((slug, Level.PROFICIENT if level in (None, "") else level))
        return asked


class PasswordResetForm(auth_forms.PasswordResetForm):
    """Django's, with the e-mail sent by a task worker: the request only queues it (see
    ``accounts.send_password_reset``), so it answers as fast whether or not the address
    has an account, and whatever the mail server's mood."""

    def send_mail(
        self,
        subject_template_name,
        email_template_name,
        context,
        from_email,
        to_email,
        html_email_template_name=None,
    ):
        tasks.enqueue_password_reset(
            context["user"].pk,
            domain=context["domain"],
            site_name=context["site_name"],
            protocol=context["protocol"],
            subject_template_name=subject_template_name,
            email_template_name=email_template_name,
            html_email_template_name=html_email_template_name,
            from_email=from_email,
        )
