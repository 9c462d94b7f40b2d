"""Who may do what: every route of the app, for every kind of visitor.

The routes come from the URL resolver, so a route added without an entry in ROUTES
fails `test_every_route_has_an_entry`. The admin's routes are checked model by model from
the admin registry. The world is built once for the module; each case runs in a savepoint
of it (tests/conftest.py's `module_db`), so it finds the world as built, whatever the cases
before it posted:

- team A: managed by `manager`, with `owner` and `member` as members;
- team B: managed by `other_manager`;
- `owner` has two submitted assessments and a draft, an API token, and a share link of
  the later submitted assessment;
- `stranger` is signed in but in no team: `manager` removed them from team A (a removal
  that can still be undone), and they were told in a notice; `staff` is a catalogue admin
  in no team.
"""

from dataclasses import dataclass, field

import pytest
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from assessments import tokens
from assessments.domain.sharing import Include
from assessments.models import Notice
from assessments.services import team_changes
from assessments.services.assessments import start_assessment
from assessments.services.shares import create_share
from assessments.services.teams import create_team, join_team
from tests.factories import SubmittedAssessmentFactory, UserFactory

pytestmark = pytest.mark.django_db

ROLES = ("anonymous", "stranger", "member", "owner", "other_manager", "manager", "staff")
SIGNED_IN = ROLES[1:]


def statuses(default: int, *, anonymous: int | None = None, **by_role: int) -> dict[str, int]:
    """Expected status per role: `default` for the signed-in, 302 (to log in) or
    `anonymous` for visitors, and any role given by name."""
    table = dict.fromkeys(SIGNED_IN, default)
    table["anonymous"] = 302 if anonymous is None else anonymous
    table.update(by_role)
    return table


def everyone(status: int) -> dict[str, int]:
    return dict.fromkeys(ROLES, status)


def team_a_manager_only(allowed: int, *, anonymous: int = 302) -> dict[str, int]:
    """Team A's manager may; its other members get 403; everyone else 404."""
    return statuses(404, anonymous=anonymous, member=403, owner=403, manager=allowed)


def team_a_members(allowed: int, *, manager: int | None = None) -> dict[str, int]:
    return statuses(
        404, member=allowed, owner=allowed, manager=allowed if manager is None else manager
    )


def owner_only(allowed: int, *, anonymous: int = 302) -> dict[str, int]:
    return statuses(404, anonymous=anonymous, owner=allowed)


@dataclass
class Route:
    method: str
    url: str  # formatted with the world's values: {draft}, {submitted}, {owner_id}...
    expected: dict[str, int]
    data: dict = field(default_factory=dict)
    json: bool = False  # API call: sent as JSON, authenticated with the role's token


ROUTES: dict[str, Route] = {
    # Public catalogue
    "careers:home": Route("GET", "/", everyone(200)),
    "careers:ecosystem": Route("GET", "/ecosystem/", everyone(200)),
    "careers:catalogue": Route("GET", "/catalogue/", everyone(200)),
    "careers:layer": Route("GET", "/layers/producers/", everyone(200)),
    "careers:discipline": Route("GET", "/disciplines/copywriting/", everyone(200)),
    "careers:roles": Route("GET", "/roles/", everyone(200)),
    "careers:role": Route("GET", "/roles/copywriter/?country=GB", everyone(200)),
    "careers:salaries": Route("GET", "/salaries/?country=GB", everyone(200)),
    "careers:compare": Route(
        "GET", "/roles/compare/?a=copywriter&b=content-strategist", everyone(200)
    ),
    # Health, for anyone (a load balancer signs in as nobody): alive, and ready to serve.
    "health-live": Route("GET", "/health/", everyone(200)),
    "health-ready": Route("GET", "/health/ready/", everyone(200)),
    # Metrics: only with METRICS_TOKEN set (here it is not), to a scraper sending it.
    "metrics": Route("GET", "/metrics", everyone(404)),
    # Accounts
    "signup": Route("GET", "/accounts/signup/", statuses(302, anonymous=200)),
    "login": Route("GET", "/accounts/login/", statuses(302, anonymous=200)),
    "logout": Route("POST", "/accounts/logout/", everyone(302)),
    "password_change": Route("GET", "/accounts/password_change/", statuses(200)),
    "password_change_done": Route("GET", "/accounts/password_change/done/", statuses(200)),
    "password_reset": Route("GET", "/accounts/password_reset/", everyone(200)),
    "password_reset_done": Route("GET", "/accounts/password_reset/done/", everyone(200)),
    "password_reset_confirm": Route("GET", "/accounts/reset/MQ/bad-token/", everyone(200)),
    "password_reset_complete": Route("GET", "/accounts/reset/done/", everyone(200)),
    "account": Route("GET", "/account/", statuses(200)),
    "account-export": Route("GET", "/account/export/", statuses(200)),
    "account-delete": Route("GET", "/account/delete/", statuses(200)),
    "api-token-create": Route("POST", "/account/tokens/", statuses(200), {"name": "laptop"}),
    "api-token-revoke": Route("POST", "/account/tokens/{token_id}/revoke/", owner_only(302)),
    # A marketer's own assessments
    "assessments:dashboard": Route("GET", "/me/", statuses(200)),
    "assessments:start": Route("POST", "/me/assessments/start/", statuses(302)),
    "assessments:quick-start": Route("GET", "/me/quick-start/", statuses(200)),
    "assessments:edit": Route("GET", "/me/assessments/{draft}/edit/", owner_only(200)),
    "assessments:profile": Route("GET", "/me/assessments/{submitted}/", owner_only(200)),
    "assessments:rescored": Route("GET", "/me/assessments/{submitted}/rescored/", owner_only(200)),
    "assessments:share": Route("GET", "/me/assessments/{submitted}/share/", owner_only(200)),
    "assessments:share-revoke": Route(
        "POST", "/me/assessments/{submitted}/share/revoke/", owner_only(302)
    ),
    "assessments:print": Route("GET", "/me/assessments/{submitted}/print/", owner_only(200)),
    # A live share link opens its profile to anyone; any other token is a 404.
    "assessments:shared": Route("GET", "/shared/{share_token}/", everyone(200)),
    "assessments:history": Route("GET", "/me/history/", statuses(200)),
    "assessments:compare": Route("GET", "/me/compare/?a={first}&b={submitted}", owner_only(200)),
    "assessments:role-fit": Route("GET", "/me/roles/copywriter/", statuses(200)),
    "assessments:role-target": Route("POST", "/me/roles/copywriter/target/", statuses(302)),
    # Teams
    "assessments:teams": Route("GET", "/teams/", statuses(200)),
    "assessments:team-join-link": Route("GET", "/teams/join/{code}/", statuses(200)),
    "assessments:team": Route("GET", "/teams/team-a/", team_a_members(200)),
    "assessments:team-leave": Route("POST", "/teams/team-a/leave/", team_a_members(302)),
    "assessments:team-rotate-invite": Route(
        "POST", "/teams/team-a/invite/rotate/", team_a_manager_only(302)
    ),
    "assessments:team-dashboard": Route("GET", "/teams/team-a/coverage/", team_a_manager_only(200)),
    "assessments:team-people": Route(
        "GET", "/teams/team-a/people/?competency=headlines&level=1", team_a_manager_only(200)
    ),
    "assessments:team-export": Route(
        "GET", "/teams/team-a/export/heatmap.csv", team_a_manager_only(200)
    ),
    "assessments:team-import": Route("GET", "/teams/team-a/import/", team_a_manager_only(200)),
    "assessments:team-import-template": Route(
        "GET", "/teams/team-a/import/template.csv", team_a_manager_only(200)
    ),
    "assessments:team-import-preview": Route(
        "GET", "/teams/team-a/import/no-such-sheet/", team_a_manager_only(410)
    ),
    "assessments:team-import-status": Route(
        "GET", "/teams/team-a/import/no-such-sheet/status/", team_a_manager_only(410)
    ),
    "assessments:team-import-discard": Route(
        "POST", "/teams/team-a/import/no-such-sheet/discard/", team_a_manager_only(302)
    ),
    "assessments:team-member": Route(
        "GET", "/teams/team-a/members/{owner_id}/", team_a_manager_only(200)
    ),
    "assessments:team-member-history": Route(
        "GET", "/teams/team-a/members/{owner_id}/history/", team_a_manager_only(200)
    ),
    # The confirmation page; the post that removes is checked in tests/assessments/views.
    "assessments:team-member-remove": Route(
        "GET", "/teams/team-a/members/{owner_id}/remove/", team_a_manager_only(200)
    ),
    "assessments:team-member-restore": Route(
        "POST", "/teams/team-a/members/{stranger_id}/restore/", team_a_manager_only(302)
    ),
    "assessments:team-rename": Route("GET", "/teams/team-a/rename/", team_a_manager_only(200)),
    "assessments:team-delete": Route("GET", "/teams/team-a/delete/", team_a_manager_only(200)),
    "assessments:notice-dismiss": Route(
        "POST", "/me/notices/{notice_id}/dismiss/", statuses(404, stranger=302)
    ),
    "assessments:team-member-role": Route(
        "POST",
        "/teams/team-a/members/{owner_id}/role/",
        team_a_manager_only(302),
        {"role": "manager"},
    ),
    # The JSON API
    "api:openapi-json": Route("GET", "/api/v1/openapi.json", everyone(200), json=True),
    "api:openapi-view": Route("GET", "/api/v1/docs", everyone(200)),
    "api:api-root": Route("GET", "/api/v1/", everyone(404), json=True),
    "api:layers": Route("GET", "/api/v1/layers/", everyone(200), json=True),
    "api:disciplines": Route("GET", "/api/v1/disciplines/", everyone(200), json=True),
    "api:competencies": Route("GET", "/api/v1/competencies/", everyone(200), json=True),
    "api:roles": Route("GET", "/api/v1/roles/", everyone(200), json=True),
    "api:role": Route("GET", "/api/v1/roles/copywriter", everyone(200), json=True),
    "api:score": Route(
        "POST", "/api/v1/score", statuses(200, anonymous=401), {"ratings": {}}, json=True
    ),
    "api:my_assessments": Route(
        "GET", "/api/v1/me/assessments/", statuses(200, anonymous=401), json=True
    ),
    "api:start_assessment": Route(
        "POST", "/api/v1/me/assessments/", statuses(201, anonymous=401, owner=200), json=True
    ),
    "api:my_assessment": Route(
        "GET", "/api/v1/me/assessments/{draft}", owner_only(200, anonymous=401), json=True
    ),
    "api:patch_assessment": Route(
        "PATCH", "/api/v1/me/assessments/{draft}", owner_only(200, anonymous=401), {}, True
    ),
    "api:put_assessment": Route(
        "PUT",
        "/api/v1/me/assessments/{draft}",
        owner_only(200, anonymous=401),
        {"levels": {"headlines": 2}, "country": "GB", "experience_level": "mid"},
        True,
    ),
    "api:submit_assessment": Route(
        "POST", "/api/v1/me/assessments/{draft}/submit", owner_only(200, anonymous=401), {}, True
    ),
    "api:share_assessment": Route(
        "POST",
        "/api/v1/me/assessments/{submitted}/share",
        owner_only(201, anonymous=401),
        {"days": 7},
        True,
    ),
    "api:revoke_share": Route(
        "DELETE",
        "/api/v1/me/assessments/{submitted}/share",
        owner_only(204, anonymous=401),
        {},
        True,
    ),
    "api:my_profile": Route("GET", "/api/v1/me/profile", owner_only(200, anonymous=401), json=True),
    "api:my_history": Route("GET", "/api/v1/me/history/", statuses(200, anonymous=401), json=True),
    "api:my_teams": Route("GET", "/api/v1/teams/", statuses(200, anonymous=401), json=True),
    "api:team_coverage": Route(
        "GET", "/api/v1/teams/team-a/coverage", team_a_manager_only(200, anonymous=401), json=True
    ),
    "api:member_profile": Route(
        "GET",
        "/api/v1/teams/team-a/members/{owner_id}/profile",
        team_a_manager_only(200, anonymous=401),
        json=True,
    ),
    # Unnamed routes, by their pattern
    "api/v1/": Route("GET", "/api/v1/", everyone(404), json=True),
    "^api/v1/(?P<rest>.*)$": Route("GET", "/api/v1/no/such/thing", everyone(404), json=True),
    # The benchmark's views exist only when TPROFILE_BENCH_CONTROL is set.
    "bench-control": Route("GET", "/bench/control/", everyone(404)),
    "bench-signed-in": Route("GET", "/bench/signed-in/", everyone(404)),
}


def _walk(patterns, prefix="", namespace=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = namespace + (f"{pattern.namespace}:" if pattern.namespace else "")
            yield from _walk(pattern.url_patterns, prefix + str(pattern.pattern), inner)
        elif isinstance(pattern, URLPattern):
            route = prefix + str(pattern.pattern)
            yield (f"{namespace}{pattern.name}" if pattern.name else route), route


def app_routes() -> set[str]:
    return {
        key for key, route in _walk(get_resolver().url_patterns) if not route.startswith("admin/")
    }


def test_every_route_has_an_entry():
    missing = app_routes() - set(ROUTES)
    assert missing == set(), f"routes without an entry in ROUTES: {sorted(missing)}"


def reachable_pages(role: str) -> list[tuple[str, str]]:
    """The pages `role` may open: (name, URL pattern) of each GET route, not of the API, that
    answers them 200. The browser tests of layout visit these."""
    return [
        (name, route.url)
        for name, route in ROUTES.items()
        if route.method == "GET" and not route.json and route.expected[role] == 200
    ]


def build_world() -> tuple[dict[str, int], dict[str, str], dict[str, object]]:
    """The world's rows, on `build_small_catalogue`'s catalogue: the people as ids, their API
    tokens, and the values the routes' URLs are formatted with."""
    manager = UserFactory(username="manager")
    owner = UserFactory(username="owner")
    member = UserFactory(username="member")
    other_manager = UserFactory(username="other_manager")
    stranger = UserFactory(username="stranger")
    staff = UserFactory(username="staff", is_staff=True, is_superuser=True)
    team_a = create_team("Team A", manager)
    join_team(team_a, owner)
    join_team(team_a, member)
    create_team("Team B", other_manager)
    join_team(team_a, stranger)
    team_changes.remove_member(team_a, stranger.pk, manager)
    submitted = [
        SubmittedAssessmentFactory(
            owner=owner, submitted_at=timezone.now() - timezone.timedelta(days=days)
        )
        for days in (30, 1)
    ]
    draft, _ = start_assessment(owner)
    people = {
        "manager": manager,
        "owner": owner,
        "member": member,
        "other_manager": other_manager,
        "stranger": stranger,
        "staff": staff,
    }
    bearer = {
        role: tokens.create_token(user, "matrix", now=timezone.now()).plaintext
        for role, user in people.items()
    }
    shared = create_share(submitted[1], Include(), days=7, now=timezone.now())
    values = {
        "draft": draft.pk,
        "first": submitted[0].pk,
        "submitted": submitted[1].pk,
        "owner_id": owner.pk,
        "code": team_a.invite_code,
        "token_id": tokens.tokens_for(owner)[0].pk,
        "stranger_id": stranger.pk,
        "notice_id": Notice.objects.get(user=stranger).pk,
        "share_token": shared.token,
    }
    return {role: user.pk for role, user in people.items()}, bearer, values


@pytest.fixture(scope="module")
def built_world(module_small_catalogue):
    """The world's rows, written once for the module."""
    return build_world()


@pytest.fixture
def world(db, built_world):
    """The world for one case, its people read afresh: nothing a case does to them in memory
    (a login) reaches the next."""
    ids, bearer, values = built_world
    users = get_user_model().objects.in_bulk(ids.values())
    return {role: users[pk] for role, pk in ids.items()}, bearer, values


def _request(client, route: Route, role: str, people, bearer, values):
    url = route.url.format(**values)
    headers = {}
    if route.json:
        if role != "anonymous":
            headers["Authorization"] = f"Bearer {bearer[role]}"
    elif role != "anonymous":
        client.force_login(people[role])
    send = getattr(client, route.method.lower())
    if route.json and route.method != "GET":
        return send(url, route.data, content_type="application/json", headers=headers)
    return send(url, route.data, headers=headers)


CASES = [(name, role) for name in ROUTES for role in ROLES]


@pytest.mark.parametrize(("name", "role"), CASES)
def test_route_answers_each_role_as_expected(client, world, name, role):
    route = ROUTES[name]
    response = _request(client, route, role, *world)
    assert response.status_code == route.expected[role], (
        f"{route.method} {route.url} as {role}: {response.status_code}"
    )
    if response.status_code == 302 and role == "anonymous" and not route.json:
        assert response["Location"].startswith("/accounts/login/") or name in {
            "logout",
        }


def admin_cases():
    cases = []
    for model, model_admin in admin.site._registry.items():
        opts = model._meta
        cases.append((f"admin:{opts.app_label}_{opts.model_name}_changelist", model_admin, False))
        cases.append((f"admin:{opts.app_label}_{opts.model_name}_add", model_admin, True))
    return cases


@pytest.mark.parametrize(("name", "model_admin", "adding"), admin_cases())
@pytest.mark.parametrize("role", ROLES)
def test_admin_is_for_staff_only(client, world, rf, name, model_admin, adding, role):
    people, _bearer, _values = world
    if role != "anonymous":
        client.force_login(people[role])
    response = client.get(reverse(name))
    if role == "staff":
        request = rf.get("/")
        request.user = people["staff"]
        allowed = model_admin.has_add_permission(request) if adding else True
        assert response.status_code == (200 if allowed else 403), name
    else:
        assert response.status_code == 302, name
        assert response["Location"].startswith("/admin/login/")


@pytest.mark.parametrize("role", ROLES)
def test_the_catalogue_health_page_is_for_staff_only(client, world, role):
    """The curator's home sits under /admin/ but is not a model's page."""
    people, _bearer, _values = world
    if role != "anonymous":
        client.force_login(people[role])
    response = client.get(reverse("catalogue-health"))
    if role == "staff":
        assert response.status_code == 200
    else:
        assert response.status_code == 302
        assert response["Location"].startswith("/admin/login/")
