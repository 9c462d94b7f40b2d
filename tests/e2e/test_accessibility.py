"""axe-core on every page of the app, seen by the person who would see it, with realistic
data: no violation of WCAG 2.1 A/AA (or of axe's best practices) may be serious or critical.
Plus the keyboard basics of the assessment form.

axe runs through Playwright's page.evaluate, which the page's CSP does not apply to, so the
audit needs no relaxed policy: the pages run under their strict CSP as in production, and a
script error or CSP violation fails the test as in the other browser tests.
"""

import csv
import io
import re
from datetime import UTC, datetime

import pytest
from axe_playwright_python.sync_playwright import Axe
from axes.utils import reset as reset_login_failures
from django.contrib.auth.tokens import default_token_generator
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from playwright.sync_api import expect

from assessments import demo
from assessments.models import Assessment
from assessments.queries.catalogue import catalogue_snapshot
from assessments.services.assessments import save_draft
from careers.catalogue.loader import load_catalogue
from careers.models import Role
from tests.factories import UserFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PASSWORD = "correct horse battery staple"
AXE_OPTIONS = {
    "runOnly": {
        "type": "tag",
        "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"],
    },
    "resultTypes": ["violations"],
}
BLOCKING = {"serious", "critical"}
# Chromium logs every 4xx answer as a console error; these pages are meant to be one.
EXPECTED_STATUS = re.compile(
    r"^Failed to load resource: the server responded with a status of (403|404|422|429) "
)


class Audit:
    """Runs axe on each page visited and keeps what it finds, so that one run reports every
    page's violations instead of stopping at the first."""

    def __init__(self):
        self.axe = Axe()
        self.pages: list[str] = []
        self.blocking: list[tuple[str, dict]] = []
        self.minor: list[tuple[str, dict]] = []
        self.errors: list[str] = []

    def open(self, browser, live_server):
        """A page in a browser context of its own, watched for script errors."""
        context = browser.new_context(
            base_url=live_server.url, viewport={"width": 1280, "height": 900}
        )
        page = context.new_page()
        page.set_default_timeout(10_000)
        page.on("pageerror", lambda error: self.errors.append(str(error)))
        page.on(
            "console",
            lambda message: (
                self.errors.append(message.text)
                if message.type == "error" and not EXPECTED_STATUS.match(message.text)
                else None
            ),
        )
        return page

    def check(self, page, label: str) -> None:
        # Colours caught halfway through a transition would be measured wrong.
        page.wait_for_function(
            "() => document.getAnimations().every(a => a.playState !== 'running')"
        )
        results = self.axe.run(page, options=AXE_OPTIONS).response
        self.pages.append(label)
        for violation in results["violations"]:
            found = (label, violation)
            (self.blocking if violation["impact"] in BLOCKING else self.minor).append(found)

    @staticmethod
    def report(found) -> str:
        lines = []
        for label, violation in found:
            lines.append(f"{label}: {violation['id']} ({violation['impact']}) {violation['help']}")
            nodes = violation["nodes"]
            lines += [f"    {' '.join(map(str, node['target']))}" for node in nodes[:10]]
            if len(nodes) > 10:
                lines.append(f"    … and {len(nodes) - 10} more")
        return "\n".join(lines)

    def assert_clean(self) -> None:
        # Moderate and minor findings do not fail the test; -rP or -s shows them.
        print(f"axe audited {len(self.pages)} pages: {'; '.join(self.pages)}")
        if self.minor:
            print("Moderate and minor findings:\n" + self.report(self.minor))
        assert not self.blocking, "Serious or critical accessibility violations:\n" + (
            self.report(self.blocking)
        )
        assert self.errors == []


@pytest.fixture
def audit():
    return Audit()


def log_in(page, username, password=PASSWORD, lands_on="/me/"):
    page.goto("/accounts/login/")
    page.get_by_label("Username or email").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
    expect(page).to_have_url(re.compile(re.escape(lands_on) + "$"))


def log_out(page):
    page.get_by_role("button", name="Log out").click()
    expect(page.get_by_role("link", name="Log in")).to_be_visible()


def sheet(rows) -> list[dict]:
    """A ratings sheet for the import form's file field."""
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    return [{"name": "ratings.csv", "mimeType": "text/csv", "buffer": buffer.getvalue().encode()}]


def test_public_and_account_pages(browser, live_server, audit, settings):
    load_catalogue()
    ada = UserFactory(username="ada", first_name="Ada", last_name="Lovelace")
    role = Role.objects.filter(salary_bands__country="GB").distinct().order_by("order").first()
    page = audit.open(browser, live_server)

    # The catalogue, as a visitor.
    page.goto("/")
    audit.check(page, "home")
    page.goto("/ecosystem/")
    audit.check(page, "ecosystem")
    page.goto("/catalogue/")
    audit.check(page, "catalogue")
    page.goto(role.layer.get_absolute_url())
    audit.check(page, "layer")
    page.goto(role.discipline.get_absolute_url())
    audit.check(page, "discipline")
    page.goto("/roles/")
    audit.check(page, "roles")
    page.goto(role.get_absolute_url())
    audit.check(page, "role")
    page.locator("#salaries").get_by_role("link", name="United Kingdom").click()
    expect(page.locator("#salaries h2")).to_have_text("Salary bands in United Kingdom")
    expect(page.locator("#salaries h2")).to_be_focused()
    audit.check(page, "role after switching the salary country")
    page.goto("/salaries/")
    audit.check(page, "salaries")
    page.locator("#salaries").get_by_role("link", name="Australia").click()
    expect(page.locator("#salaries h2")).to_have_text("In Australia")
    expect(page.locator("#salaries h2")).to_be_focused()
    audit.check(page, "salaries in another country")
    page.goto("/roles/compare/?a=marketing-manager&b=marketing-director")
    audit.check(page, "two roles compared")
    page.locator("#salaries").get_by_role("link", name="Canada").click()
    expect(page.locator("#salaries h2")).to_have_text("Salary bands in Canada")
    audit.check(page, "two roles compared, another country")
    page.goto("/no-such-page/")
    expect(page.get_by_role("heading", level=1)).to_have_text("We could not find that page")
    audit.check(page, "404")

    # The API docs, as loaded, with an answer to "Try it out", and the authorize dialog.
    page.goto("/api/v1/docs")
    expect(page.locator(".opblock").first).to_be_visible()
    audit.check(page, "API docs")
    page.locator("#operations-catalogue-roles .opblock-summary-control").click()
    page.get_by_role("button", name="Try it out").click()
    # One role: axe takes seconds over each hundred lines of a highlighted answer.
    page.locator("tr[data-param-name='page_size'] input").fill("1")
    page.get_by_role("button", name="Execute").click()
    expect(page.locator(".live-responses-table tbody .response-col_status")).to_have_text("200")
    audit.check(page, "API docs, an operation tried out")
    page.get_by_role("button", name="Authorize").first.click()
    expect(page.locator(".modal-ux")).to_contain_text("Available authorizations")
    audit.check(page, "API docs, the authorize dialog")

    # Signing up and logging in, with their errors, and resetting a password.
    page.goto("/accounts/signup/")
    audit.check(page, "sign-up")
    page.get_by_label("Username").fill("ada")
    page.get_by_label("Email").fill("not an address")
    page.locator("#id_password1").fill("short")
    page.locator("#id_password2").fill("different")
    page.get_by_role("button", name="Create account").click()
    expect(page.locator(".invalid-feedback").first).to_be_visible()
    audit.check(page, "sign-up with errors")
    page.goto("/accounts/login/")
    audit.check(page, "log-in")
    page.get_by_label("Username or email").fill("ada")
    page.get_by_label("Password").fill("not the password")
    page.get_by_role("button", name="Log in").click()
    expect(page.locator(".alert-danger")).to_contain_text("Please enter a correct")
    audit.check(page, "log-in with an error")
    page.goto("/accounts/password_reset/")
    audit.check(page, "password reset")
    page.get_by_label("Email").fill(ada.email)
    page.get_by_role("button", name="Send the link").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your email")
    audit.check(page, "password reset sent")
    uid = urlsafe_base64_encode(force_bytes(ada.pk))
    page.goto(f"/accounts/reset/{uid}/not-a-token/")
    expect(page.get_by_role("heading", level=1)).to_have_text("This link no longer works")
    audit.check(page, "password reset, a spent link")
    page.goto(f"/accounts/reset/{uid}/{default_token_generator.make_token(ada)}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Choose a new password")
    audit.check(page, "password reset, choosing")
    page.locator("#id_new_password1").fill(PASSWORD)
    page.locator("#id_new_password2").fill(PASSWORD)
    page.get_by_role("button", name="Set password").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your password is set")
    audit.check(page, "password reset complete")

    # The account, as Ada: a token listed and one just made, deleting the account, changing
    # the password, and a download past its limit.
    log_in(page, "ada")
    page.goto("/account/")
    audit.check(page, "account")
    for name in ["Reporting script", "Dashboard sync"]:
        page.get_by_label("Token name").fill(name)
        page.get_by_label("Expires after (days)").fill("30")
        page.get_by_role("button", name="Create token").click()
        expect(page.get_by_test_id("new-token")).to_be_visible()
    expect(page.get_by_role("button", name="Revoke the token Reporting script")).to_be_visible()
    audit.check(page, "account with a token just made and one listed")
    page.get_by_role("link", name="Delete my account…").click()
    audit.check(page, "delete-account confirmation")
    page.get_by_role("button", name="Delete my account and all my data").click()
    expect(page.locator(".invalid-feedback").first).to_be_visible()
    audit.check(page, "delete-account confirmation with an error")
    page.goto("/accounts/password_change/")
    audit.check(page, "password change")
    page.locator("#id_old_password").fill(PASSWORD)
    page.locator("#id_new_password1").fill("another long and unusual passphrase")
    page.locator("#id_new_password2").fill("another long and unusual passphrase")
    page.get_by_role("button", name="Change password").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Password changed")
    audit.check(page, "password changed")
    settings.EXPORT_RATE_LIMIT = "1/m"
    assert page.request.get("/account/export/").status == 200
    page.goto("/account/export/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Too many requests")
    audit.check(page, "429")
    log_out(page)

    # Failed log-ins (from this address, the earlier one included) lock logging in out.
    for _attempt in range(5):
        page.goto("/accounts/login/")
        page.get_by_label("Username or email").fill("ada")
        page.get_by_label("Password").fill("still not the password")
        page.get_by_role("button", name="Log in").click()
        if page.get_by_role("heading", name="Too many failed log-ins").count():
            break
    expect(page.get_by_role("heading", level=1)).to_have_text("Too many failed log-ins")
    audit.check(page, "locked out")
    reset_login_failures()

    audit.assert_clean()


def check_keyboard(page, form_url):
    """The skip link is the first Tab stop and moves focus to main; Tab then reaches every
    level group of the step, and the arrow keys choose its next level (which autosaves)."""
    page.goto(form_url)
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Skip to main content")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()
    groups = set(page.locator("input[type=radio]").evaluate_all("all => all.map(e => e.name)"))
    reached = set()
    for _press in range(1_000):
        page.keyboard.press("Tab")
        kind, name, text = page.evaluate(
            "() => { const e = document.activeElement;"
            " return [e.type || '', e.name || '', e.textContent.trim()]; }"
        )
        if kind == "radio" and name not in reached:
            reached.add(name)
            checked = page.locator(f"input[name='{name}']:checked")
            level = (int(checked.get_attribute("value")) + 1) % 6 if checked.count() else 1
            page.keyboard.press("ArrowDown")
            expect(page.locator(f"#{name}-{level}")).to_be_focused()
            expect(page.locator(f"#{name}-{level}")).to_be_checked()
        if kind == "submit" and text == "Save draft":
            break
    assert reached == groups
    # Every group of the step now has a level; the autosaves settle on all of them.
    step = page.locator("input[name=step]").get_attribute("value")
    expect(page.locator(f"#count-{step}")).to_have_text(
        f"{len(groups)} of {len(groups)} rated ✓", timeout=60_000
    )


def test_marketer_manager_and_admin_pages(browser, live_server, audit):
    load_catalogue()
    now = datetime.now(UTC)
    catalogue = catalogue_snapshot()
    for persona in demo.PERSONAS:
        demo.create_demo_marketer(persona, now, catalogue)
    team = demo.create_demo_team(now, catalogue)
    members = {m.user.username: m.user for m in team.memberships.select_related("user")}
    UserFactory(username="curator", is_staff=True, is_superuser=True)
    page = audit.open(browser, live_server)

    # A newcomer: the empty pages, then the form as it fills in, with a refused autosave, a
    # refused submit and the missing-competencies alert.
    page.goto("/accounts/signup/")
    page.get_by_label("Username").fill("grace")
    page.get_by_label("Email").fill("grace@example.com")
    page.locator("#id_password1").fill("a-long-and-unusual-passphrase-2026")
    page.locator("#id_password2").fill("a-long-and-unusual-passphrase-2026")
    page.get_by_role("button", name="Create account").click()
    expect(page).to_have_url(re.compile(r"/me/quick-start/$"))
    audit.check(page, "quick start, new")
    page.goto("/me/")
    audit.check(page, "dashboard, new")
    page.goto("/me/history/")
    audit.check(page, "history, empty")
    page.goto("/teams/")
    audit.check(page, "teams, none")
    page.goto(f"/teams/join/{team.invite_code}/")
    expect(page.get_by_role("button", name="Join the team")).to_be_visible()
    audit.check(page, "invite link")
    page.goto("/me/")
    page.get_by_role("button", name="Rate every competency").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Rate your skills")
    audit.check(page, "assessment form, new")
    form_url = page.url
    rows = page.locator("fieldset.rating-row")
    first, second, third = (rows.nth(i).get_attribute("id").removeprefix("row-") for i in range(3))
    page.locator(f"#level-{first}-3").check()
    expect(page.locator(f"#status-{first}")).to_have_text("Saved.")
    page.locator(f"#level-{second}-4").check()
    expect(page.locator(f"#status-{second}")).to_have_text("Saved.")
    page.locator(f"#evidence-{third}").fill("Ran twelve interviews")
    page.locator(f"#evidence-{third}").press("Tab")
    expect(page.locator(f"#status-{third}")).to_contain_text("Choose a level before adding")
    expect(page.locator("#progress strong")).to_have_text(re.compile(r"^Rated 2 of "))
    audit.check(page, "assessment form, saved statuses and a refused autosave")
    page.get_by_role("button", name="Submit and see my T").click()
    expect(page.get_by_role("alert")).to_contain_text("Nothing was saved from that change")
    audit.check(page, "assessment form, a refused submit")
    page.locator(f"#evidence-{third}").fill("")
    page.get_by_role("button", name="Submit and see my T").click()
    expect(page.locator("#missing")).to_contain_text("Not submitted yet")
    audit.check(page, "assessment form, missing competencies")
    page.goto("/me/")
    audit.check(page, "dashboard, with a draft")
    check_keyboard(page, form_url)
    # The other steps, set at once ("set the rest" is checked on its own elsewhere).
    draft = Assessment.objects.get(owner__username="grace")
    save_draft(draft, quick={d.slug: 1 for d in catalogue.disciplines})
    page.goto(form_url + "?step=seo")
    audit.check(page, "assessment form, a step rated by the quick ratings")
    page.get_by_role("button", name="Submit and see my T").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Your T on")
    audit.check(page, "profile, just submitted")
    assert Assessment.objects.get(owner__username="grace").status == "submitted"
    log_out(page)

    # Alex: four assessments over nine months.
    log_in(page, "alex", demo.DEMO_PASSWORD)
    audit.check(page, "dashboard, with history")
    page.get_by_role("link", name="Open the full profile").click()
    audit.check(page, "profile")
    profile_url = page.url
    page.goto(page.url + "rescored/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("scored again")
    audit.check(page, "profile scored again")
    page.goto(profile_url)
    page.get_by_role("link", name="Print it on one page").click()
    audit.check(page, "print view")
    page.goto(profile_url)
    page.get_by_role("link", name="Share this profile with a link").click()
    audit.check(page, "share page, no link yet")
    page.get_by_label("My evidence notes, with their links").check()
    page.get_by_label("The 3 roles that fit me best, with my fit").check()
    page.get_by_role("button", name="Make the link").click()
    shared_url = page.get_by_label("Share link").input_value()
    audit.check(page, "share page, a link just made")
    page.goto("/me/history/")
    audit.check(page, "history")
    page.get_by_role("button", name="Compare").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("What changed")
    audit.check(page, "compare")
    page.get_by_label("Earlier").select_option(index=1)
    expect(page.locator("#comparison h2")).to_be_focused()
    audit.check(page, "compare after choosing another assessment")
    log_out(page)
    page.goto(shared_url)
    expect(page.get_by_role("heading", level=1)).to_have_text("A marketer’s T")
    audit.check(page, "shared profile, as a visitor")

    # Priya, a member of the demo team: her team, and the manager's page refused.
    log_in(page, "priya", demo.DEMO_PASSWORD)
    page.goto("/teams/")
    audit.check(page, "teams")
    page.get_by_role("link", name=team.name).click()
    audit.check(page, "team page, as member")
    page.goto(f"/teams/{team.slug}/coverage/")
    expect(page.get_by_role("heading", level=1)).to_have_text("You cannot do that here")
    audit.check(page, "403")
    page.goto(f"/teams/join/{team.invite_code}/")
    audit.check(page, "invite link, already a member")
    page.goto("/teams/join/not-a-code/")
    audit.check(page, "invite link, not valid")
    log_out(page)

    # Morgan, the team's manager: the coverage dashboard with its diagnostics and heatmap,
    # people search, members' profiles, and importing ratings. With no T of their own,
    # logging in leads them to the team.
    log_in(page, "morgan", demo.DEMO_PASSWORD, lands_on=team.get_absolute_url())
    audit.check(page, "team page, as manager")
    page.get_by_role("link", name="Coverage dashboard").click()
    expect(page.get_by_role("heading", name="Leaky bucket")).to_be_visible()
    expect(page.locator("#heatmap td").first).to_be_visible()
    audit.check(page, "coverage dashboard")
    page.locator("#heatmap thead").get_by_role("link", name="Depth").click()
    expect(page.locator("#heatmap th[aria-sort]")).to_have_text("Depth")
    audit.check(page, "coverage dashboard, heatmap sorted by depth")
    search = page.get_by_role("region", name="Find people")
    search.get_by_label("At least", exact=True).select_option("2")
    search.get_by_role("button", name="Search").click()
    expect(page.locator("#people-results li").first).to_be_visible()
    audit.check(page, "coverage dashboard with search results")
    page.goto(f"/teams/{team.slug}/people/?competency={catalogue.competencies[0].slug}&level=2")
    expect(page.locator("#people-results li").first).to_be_visible()
    audit.check(page, "people search with results")
    priya = members["priya"]
    page.goto(f"/teams/{team.slug}/members/{priya.pk}/")
    audit.check(page, "team member profile")
    page.goto(f"/teams/{team.slug}/members/{priya.pk}/history/")
    audit.check(page, "team member history")
    page.goto(f"/teams/{team.slug}/members/{members['eli'].pk}/")
    audit.check(page, "team member without a profile")
    page.goto(f"/teams/{team.slug}/members/{members['eli'].pk}/remove/")
    audit.check(page, "removing a member, asked first")
    page.get_by_role("button", name="Remove Eli Novak").click()
    expect(page.locator("#removed")).to_contain_text("Eli Novak")
    audit.check(page, "team page, with a member removed lately")
    page.get_by_role("button", name="Restore Eli Novak").click()
    expect(page.locator("#messages").get_by_role("status")).to_contain_text(
        "Eli Novak is back in the team"
    )
    page.goto(f"/teams/{team.slug}/rename/")
    audit.check(page, "renaming the team")
    page.goto(f"/teams/{team.slug}/delete/")
    audit.check(page, "deleting the team, asked first")
    page.goto(f"/teams/{team.slug}/import/")
    audit.check(page, "import")
    slugs = [competency.slug for competency in catalogue.competencies]
    page.locator("#id_sheet").set_input_files(
        files=sheet([["email", *slugs], [priya.email, *["3"] * len(slugs)]])
    )
    page.get_by_role("button", name="Check the sheet").click()
    expect(page.locator("#import-summary")).to_contain_text("1 row ready")
    audit.check(page, "import preview, ready")
    page.get_by_role("button", name="Cancel").click()
    expect(page.locator("#messages").get_by_role("status")).to_contain_text(
        "The import was cancelled"
    )
    page.goto(f"/teams/{team.slug}/import/")
    page.locator("#id_sheet").set_input_files(
        files=sheet(
            [
                ["email", *slugs],
                [priya.email, *["3"] * len(slugs)],
                ["stranger@example.com", *["9"] * len(slugs)],
            ]
        )
    )
    page.get_by_role("button", name="Check the sheet").click()
    expect(page.locator("#problems")).to_be_visible()
    audit.check(page, "import preview with problems")
    log_out(page)

    # A curator in the admin.
    log_in(page, "curator")
    page.goto("/admin/")
    audit.check(page, "admin index")
    page.goto("/admin/careers/role/")
    audit.check(page, "admin changelist")
    role = Role.objects.order_by("order").first()
    page.goto(f"/admin/careers/role/{role.pk}/change/")
    audit.check(page, "admin change form")

    audit.assert_clean()
