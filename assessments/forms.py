"""Forms for accounts, assessments and teams."""

from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import AuthenticationForm, UserCreationForm

from assessments.models import Assessment, Team
from assessments.queries.teams import team_for_invite
from assessments.validators import no_control_characters
from careers.models import Level, Role


class LoginForm(AuthenticationForm):
    """Django's login form, labelled for logging in with a username or an email address."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].label = "Username or email"
        self.fields["username"].max_length = 254
        self.fields["username"].widget.attrs["maxlength"] = 254


class SignupForm(UserCreationForm):
    email = forms.EmailField(
        help_text="For password resets and team invitations. Never shown to other people."
    )

    class Meta(UserCreationForm.Meta):
        model = get_user_model()
        fields = ("username", "email")

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

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Only roles scoring can match: active, in an active layer and discipline.
        self.fields["target_role"].queryset = (
            Role.objects.active()
            .filter(layer__is_active=True, discipline__is_active=True)
            .order_by("layer__order", "order", "name")
        )
        self.fields["target_role"].empty_label = "No target yet"
        self.fields["target_role"].required = False


LEVEL_PREFIX = "level-"
EVIDENCE_PREFIX = "evidence-"
INTEREST_PREFIX = "interest-"
INTEREST_SHOWN_SUFFIX = "-shown"
EVIDENCE_MAX_LENGTH = 500


class RatingsForm(forms.Form):
    """The ratings, evidence and interest marks posted from the assessment form.

    One field per competency (`level-<slug>`, `evidence-<slug>`) and per discipline
    (`interest-<slug>`, with a hidden `interest-<slug>-shown` so an unticked box is told
    apart from one that was not on the page). Only what was posted changes: the htmx
    autosave posts a single competency, the plain Save button posts them all.
    """

    def __init__(self, data, *, competencies, disciplines):
        super().__init__(data)
        self.competency_slugs = [slug for slug, _name in competencies]
        self.competency_names = dict(competencies)
        self.discipline_slugs = [slug for slug, _name in disciplines]
        for slug, name in competencies:
            self.fields[LEVEL_PREFIX + slug] = forms.TypedChoiceField(
                label=name,
                choices=[(level, str(level)) for level in range(6)],
                coerce=int,
                required=False,
                empty_value=None,
                error_messages={
                    "invalid_choice": f"Choose a level from 0 to 5 for {name}.",
                },
            )
            self.fields[EVIDENCE_PREFIX + slug] = forms.CharField(
                label=f"Evidence for {name}",
                required=False,
                max_length=EVIDENCE_MAX_LENGTH,
                strip=True,
                validators=[no_control_characters],
            )
        for slug, name in disciplines:
            self.fields[INTEREST_PREFIX + slug] = forms.BooleanField(
                label=f"I want to grow in {name}", required=False
            )

    def clean(self):
        cleaned = super().clean()
        known = {
            LEVEL_PREFIX: set(self.competency_slugs),
            EVIDENCE_PREFIX: set(self.competency_slugs),
        }
        for key in self.data:
            for prefix, slugs in known.items():
                if key.startswith(prefix) and key[len(prefix) :] not in slugs:
                    raise forms.ValidationError(
                        f"“{key[len(prefix) :][:80]}” is not a competency in the catalogue; "
                        "nothing was saved. Reload the page and try again."
                    )
        return cleaned

    def posted_levels(self) -> dict[str, int]:
        return {
            slug: self.cleaned_data[LEVEL_PREFIX + slug]
            for slug in self.competency_slugs
            if LEVEL_PREFIX + slug in self.data
            and self.cleaned_data.get(LEVEL_PREFIX + slug) is not None
        }

    def posted_evidence(self) -> dict[str, str]:
        return {
            slug: self.cleaned_data[EVIDENCE_PREFIX + slug]
            for slug in self.competency_slugs
            if EVIDENCE_PREFIX + slug in self.data
        }

    def posted_interests(self) -> dict[str, bool]:
        return {
            slug: bool(self.cleaned_data.get(INTEREST_PREFIX + slug))
            for slug in self.discipline_slugs
            if INTEREST_PREFIX + slug + INTEREST_SHOWN_SUFFIX in self.data
            or INTEREST_PREFIX + slug in self.data
        }


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
        name = self.cleaned_data["name"].strip()
        if not name:
            raise forms.ValidationError("Give the team a name.")
        no_control_characters(name)
        return name


class JoinTeamForm(forms.Form):
    code = forms.CharField(
        label="Invite code",
        max_length=64,
        help_text="Your manager can find it on the team's page.",
    )

    def clean_code(self) -> str:
        team = team_for_invite(self.cleaned_data["code"])
        if team is None:
            raise forms.ValidationError(
                "No team has this invite code. Codes change when a manager renews them; "
                "ask your manager for the current one."
            )
        self.team = team
        return self.cleaned_data["code"]


class PeopleSearchForm(forms.Form):
    competency = forms.ChoiceField(label="Competency")
    level = forms.TypedChoiceField(
        label="At least",
        coerce=int,
        choices=[(value, f"{value} · {label}") for value, label in Level.choices],
        initial=3,
        error_messages={"invalid_choice": "Choose a level from 0 to 5."},
    )

    def __init__(self, *args, competencies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["competency"].choices = competencies
        for field in self.fields.values():
            field.widget.attrs["class"] = "form-select"
        self.fields["competency"].error_messages["invalid_choice"] = (
            "Choose a competency from the list."
        )
