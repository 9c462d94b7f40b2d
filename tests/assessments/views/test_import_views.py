"""The import pages: upload, preview, confirm or cancel, and who may use them."""

import datetime as dt
import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, connection
from django.template.defaultfilters import floatformat
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import dateformat, timezone
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from assessments.domain import sheet_files, sheets
from assessments.models import Assessment, Membership, Rating, StagedImport
from assessments.services import imports as import_services
from assessments.services import staged_imports
from assessments.services.team_changes import remove_member
from assessments.services.teams import create_team, join_team, set_member_role
from assessments.views.imports import XLSX_TYPE
from tests.assessments.conftest import levels_for, page
from tests.assessments.domain.sheet_support import csv_bytes, xlsx_bytes
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

UPLOAD = "/teams/team-a/import/"


@pytest.fixture
def people(db):
    boss = UserFactory(
        username="boss", email="boss@example.com", first_name="Bea", last_name="Boss"
    )
    team = create_team("Team A", boss)
    named = {"ann": ("Ann", "Archer"), "bob": ("Bob", "Brown")}
    found = {"boss": boss, "a": team}
    for username, (first, last) in named.items():
        found[username] = UserFactory(
            username=username,
            email=f"{username}@example.com",
            first_name=first,
            last_name=last,
        )
        join_team(team, found[username])
    found["other_boss"] = UserFactory(username="otherboss", email="other@example.com")
    found["b"] = create_team("Team B", found["other_boss"])
    found["stranger"] = UserFactory(username="stranger", email="stranger@example.com")
    return found


def as_user(client, user):
    client.force_login(user)
    return client


def sheet_bytes(catalogue, rows, *, fmt="csv", columns=None):
    slugs = columns or [c.slug for c in catalogue.competencies]
    records = [["email", *slugs]]
    records += [[email, *(levels.get(slug, "") for slug in slugs)] for email, levels in rows]
    return xlsx_bytes(records) if fmt == "xlsx" else csv_bytes(records, bom=True)


def upload(client, content, name="ratings.csv"):
    return client.post(UPLOAD, {"sheet": SimpleUploadedFile(name, content)})


def upload_checked(client, content, name="ratings.csv"):
    """Upload a sheet and follow to its preview (checked at once by the tests' task backend)."""
    response = upload(client, content, name)
    return client.get(response["Location"]) if response.status_code == 302 else response


def staged_tokens():
    return sorted(StagedImport.objects.values_list("token", flat=True))


@pytest.fixture
def previewed(client, people, catalogue):
    """Bea has uploaded a good sheet for Ann and Bob: the preview URL, nothing saved yet."""
    as_user(client, people["boss"])
    levels = levels_for(catalogue, 2, keyword_research=5)
    response = upload(
        client,
        sheet_bytes(catalogue, [("ann@example.com", levels), ("BOB@example.com", levels)]),
    )
    assert response.status_code == 302
    return response["Location"]


# --- who may use the pages ----------------------------------------------------------------


def _urls(previewed):
    return {
        "upload": UPLOAD,
        "template": "/teams/team-a/import/template.csv",
        "preview": previewed,
        "discard": previewed + "discard/",
    }


@pytest.mark.parametrize(
    ("who", "status"), [("stranger", 404), ("other_boss", 404), ("member", 403)]
)
def test_only_the_teams_managers_may_import(client, people, catalogue, previewed, who, status):
    person = people["ann"] if who == "member" else people[who]
    as_user(client, person)
    urls = _urls(previewed)
    for name in ("upload", "template", "preview"):
        assert client.get(urls[name]).status_code == status, name
    for name in ("upload", "preview", "discard"):
        assert client.post(urls[name]).status_code == status, name
    content = sheet_bytes(catalogue, [("ann@example.com", levels_for(catalogue, 1))])
    assert upload(client, content).status_code == status
    assert not Assessment.objects.exists()
    assert len(staged_tokens()) == 1


@pytest.mark.parametrize(
    ("method", "name"),
    [
        ("get", "upload"),
        ("post", "upload"),
        ("get", "template"),
        ("get", "preview"),
        ("post", "preview"),
        ("post", "discard"),
    ],
)
def test_anonymous_visitors_are_sent_to_log_in(client, previewed, method, name):
    client.logout()
    response = getattr(client, method)(_urls(previewed)[name])
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=")
    assert not Assessment.objects.exists()
    assert len(staged_tokens()) == 1


def test_managers_find_the_import_from_the_team_and_its_dashboard(client, people, catalogue):
    as_user(client, people["boss"])
    for url in ("/teams/team-a/", "/teams/team-a/coverage/"):
        assertContains(client.get(url), f'href="{UPLOAD}"')
    as_user(client, people["ann"])
    assertNotContains(client.get("/teams/team-a/"), UPLOAD)


def test_the_upload_page_explains_the_sheet(client, people, catalogue):
    as_user(client, people["boss"])
    response = client.get(UPLOAD)
    root = page(response)
    assert root.find_all("h1")[0].text == "Import ratings into Team A"
    form = root.by_id("import-form")
    assert form.attrs["enctype"] == "multipart/form-data"
    assert [node.attrs["name"] for node in form.find_all("input")] == [
        "csrfmiddlewaretoken",
        "sheet",
    ]
    assertContains(response, 'href="/teams/team-a/import/template.csv"')
    assertContains(response, "up to 5 MB and 20,000 rows")


def test_the_template_lists_the_columns_and_the_members_by_name_only(client, people, catalogue):
    join_team(people["a"], UserFactory(username="nomail", email=""))
    join_team(people["a"], UserFactory(username="=cmd", email="eve@example.com"))
    as_user(client, people["boss"])
    response = client.get("/teams/team-a/import/template.csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="team-a-ratings.csv"'
    body = b"".join(response.streaming_content).decode()
    # CSV quotes the names with a comma in them ("Bidding, budgets and ROAS").
    headings = ",".join(
        f'"{c.name} ({c.slug})"' if "," in c.name else f"{c.name} ({c.slug})"
        for c in catalogue.competencies
    )
    blanks = "," * len(catalogue.competencies)
    # Sign-up promises an address is shown to nobody: the manager types them.
    assert body.splitlines() == [
        f"\ufeffEmail,Name,{headings}",
        f",'=cmd{blanks}",
        f",nomail{blanks}",
        f",Ann Archer{blanks}",
        f",Bea Boss{blanks}",
        f",Bob Brown{blanks}",
    ]
    assert "@" not in body


def test_the_excel_template_comes_with_drop_downs(client, people, catalogue):
    as_user(client, people["boss"])
    response = client.get("/teams/team-a/import/template.xlsx")
    assert response["Content-Type"] == XLSX_TYPE
    assert response["Content-Disposition"] == 'attachment; filename="team-a-ratings.xlsx"'
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["Ratings", "Level key"]
    ratings = book["Ratings"]
    assert [row[1].value for row in ratings.iter_rows(min_row=2)] == [
        "Ann Archer",
        "Bea Boss",
        "Bob Brown",
    ]
    assert {row[0].value for row in ratings.iter_rows(min_row=2)} == {None}
    assert client.get("/teams/team-a/import/template.pdf").status_code == 404


def test_the_template_filled_in_imports(client, people, catalogue):
    as_user(client, people["boss"])
    template = b"".join(client.get("/teams/team-a/import/template.csv").streaming_content)
    lines = template.decode().splitlines()
    levels = ",".join("3" for _ in catalogue.competencies)
    blanks = "," * len(catalogue.competencies)
    assert lines[1:3] == [f",Ann Archer{blanks}", f",Bea Boss{blanks}"]
    # The headings as they are, each row with the address typed and the levels filled in.
    filled = [
        lines[0],
        f"ann@example.com,Ann Archer,{levels}",
        f"boss@example.com,Bea Boss,{levels}",
    ]
    response = upload(client, ("\r\n".join(filled) + "\r\n").encode())
    assert response.status_code == 302
    rows = page(client.get(response["Location"])).by_id("ready-rows").find_all("tr")[1:]
    assert [[cell.text for cell in row.find_all("td")][:3] for row in rows] == [
        ["2", "ann@example.com", "Ann Archer"],
        ["3", "boss@example.com", "Bea Boss"],
    ]


# --- preview ------------------------------------------------------------------------------


def test_a_sheet_with_problems_is_listed_and_nothing_is_saved(client, people, catalogue):
    as_user(client, people["boss"])
    slugs = [c.slug for c in catalogue.competencies]
    good = levels_for(catalogue, 1)
    content = sheet_bytes(
        catalogue,
        [
            ("ann@example.com", good | {"keyword-research": 7}),
            ("stranger@example.com", good),
            ("nobody@example.com", good | {"technical-seo": "x"}),
            ("Ann@Example.com", good),
        ],
        columns=[*slugs[1:], "seo-audits"],
    )
    response = upload_checked(client, content)
    assert response.status_code == 422
    root = page(response)
    summary = root.by_id("import-summary").text
    assert summary.startswith(
        "Nothing was imported. The sheet has 7 problems in 4 rows read (4 with problems), "
        "and an import is all or nothing."
    )
    problems = [
        [cell.text for cell in row.find_all("td")]
        for row in root.by_id("problems").find_all("tr")[1:]
    ]
    first = catalogue.competencies[0]
    kw_column = sheets.column_letter(slugs.index("keyword-research"))
    seo_column = sheets.column_letter(slugs.index("technical-seo"))
    last = sheets.column_letter(len(slugs))
    assert problems == [
        [
            "1",
            "row 1",
            first.slug,
            "—",
            f"No column for the competency “{first.slug}” ({first.name}): every competency "
            "needs one.",
        ],
        [
            "1",
            f"{last}1",
            "seo-audits",
            "—",
            "Unknown column “seo-audits”: it is not a competency of the catalogue. The "
            "template has the right columns.",
        ],
        [
            "2",
            f"{kw_column}2",
            "keyword-research",
            "ann@example.com",
            "7 is out of range: levels run from 0 to 5.",
        ],
        [
            "3",
            "A3",
            "email",
            "stranger@example.com",
            "No member of Team A has the address stranger@example.com: they join with the "
            "team's invite code first.",
        ],
        [
            "4",
            "A4",
            "email",
            "nobody@example.com",
            "No member of Team A has the address nobody@example.com: they join with the "
            "team's invite code first.",
        ],
        [
            "4",
            f"{seo_column}4",
            "technical-seo",
            "nobody@example.com",
            "“x” is not a level: use a whole number from 0 to 5.",
        ],
        [
            "5",
            "A5",
            "email",
            "Ann@Example.com",
            "Ann@Example.com is also on row 2: each person appears once.",
        ],
    ]
    assert [li.text for li in root.by_id("problem-kinds").find_all("li")] == [
        "Columns: 2",
        "People listed twice: 1",
        "Levels: 2",
        "People not in the team: 2",
    ]
    assert root.find_all(id="confirm-form") == []
    assert root.by_id("import-form")  # upload the fixed sheet from here
    assert not Assessment.objects.exists()
    # The file is gone; its problems stay to be shown again, until the hour is up.
    assert list(StagedImport.objects.values_list("state", "upload")) == [("refused", None)]
    assert page(client.get(response.wsgi_request.path)).by_id("problems").text == (
        root.by_id("problems").text
    )


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        (
            "ratings.pdf",
            b"%PDF-1.7",
            "“ratings.pdf” is neither a CSV file (.csv) nor an Excel workbook (.xlsx).",
        ),
        ("ratings.csv", b"", "The file is empty."),
        ("ratings.xlsx", b"not a zip", "The file could not be read as an Excel workbook (.xlsx)."),
    ],
)
def test_files_that_are_not_sheets_are_refused(client, people, catalogue, name, content, message):
    as_user(client, people["boss"])
    response = upload_checked(client, content, name)
    assert response.status_code == 422
    assert [
        row.find_all("td")[-1].text for row in page(response).by_id("problems").find_all("tr")[1:]
    ] == [message]


def test_a_file_over_the_limit_is_refused_without_being_kept(client, people, catalogue):
    as_user(client, people["boss"])
    response = upload(client, b"x" * (sheet_files.MAX_BYTES + 1))
    assert response.status_code == 422
    assertContains(
        response,
        "The file is too large; the limit is 5 MB. Split the sheet into smaller ones.",
        status_code=422,
    )


def test_the_upload_checks_the_csrf_token(people, catalogue):
    client = Client(enforce_csrf_checks=True)
    client.force_login(people["boss"])
    content = sheet_bytes(catalogue, [("ann@example.com", levels_for(catalogue, 1))])
    assert upload(client, content).status_code == 403
    assert staged_tokens() == []


def test_a_post_without_a_file_asks_for_one(client, people, catalogue):
    as_user(client, people["boss"])
    response = client.post(UPLOAD, {})
    assertContains(response, "This field is required.", status_code=422)


def test_a_good_sheet_is_previewed_and_nothing_is_saved_yet(client, people, catalogue, previewed):
    assert previewed.startswith("/teams/team-a/import/")
    response = client.get(previewed)
    assert response.status_code == 200
    root = page(response)
    assert root.by_id("import-summary").text == (
        "2 rows ready: each becomes a submitted assessment of its person in Team A, and their "
        "latest profile. Nothing is saved until you confirm."
    )
    rows = [
        [cell.text for cell in row.find_all("td")]
        for row in root.by_id("ready-rows").find_all("tr")[1:]
    ]
    count = len(catalogue.competencies)
    mean = floatformat((2 * (count - 1) + 5) / count, 1)
    assert rows == [
        ["2", "ann@example.com", "Ann Archer", mean],
        ["3", "BOB@example.com", "Bob Brown", mean],
    ]
    assert root.by_id("confirm-form").attrs["action"] == previewed
    assert not Assessment.objects.exists()
    [staged] = StagedImport.objects.all()
    assert previewed == f"/teams/team-a/import/{staged.token}/"
    assert (staged.team, staged.uploaded_by, staged.filename) == (
        people["a"],
        people["boss"],
        "ratings.csv",
    )
    assert staged.claimed_at is None


def test_an_xlsx_sheet_imports_too(client, people, catalogue):
    as_user(client, people["boss"])
    levels = levels_for(catalogue, 4)
    response = upload(
        client,
        sheet_bytes(catalogue, [("ann@example.com", levels)], fmt="xlsx"),
        "ratings.xlsx",
    )
    client.post(response["Location"])
    assert dict(Rating.objects.values_list("competency__slug", "level")) == levels


# --- confirm ------------------------------------------------------------------------------


def test_confirming_saves_every_row(client, people, previewed, catalogue):
    response = client.post(previewed, follow=True)
    # The task ran at once (TASKS_BACKEND=immediate): the status page has the result.
    assertRedirects(response, previewed + "status/")
    root = page(response)
    assert root.by_id("import-state").text == (
        "Imported 2 assessments from ratings.csv. Each is now its person's latest profile."
    )
    assert root.by_id("import-progress").attrs["value"] == "2"
    assert "hx-trigger" not in root.by_id("import-status").attrs
    imported = Assessment.objects.order_by("owner__username")
    assert [
        (a.owner.username, a.status, a.source, a.imported_by, a.is_latest) for a in imported
    ] == [
        ("ann", "submitted", "import", people["boss"], True),
        ("bob", "submitted", "import", people["boss"], True),
    ]
    assert Rating.objects.count() == 2 * len(catalogue.competencies)
    # The status stays a while; the rows (addresses, ratings) are gone.
    assert list(
        StagedImport.objects.values_list("state", "rows_done", "rows_total", "sheet", "owners")
    ) == [("imported", 2, 2, {}, None)]


def test_confirming_twice_imports_once(client, people, previewed):
    client.post(previewed)
    response = client.post(previewed)
    assert response.status_code == 410
    assertContains(response, "This preview has expired or was already imported", status_code=410)
    assert Assessment.objects.count() == 2
    assert client.get(previewed).status_code == 410


def test_an_expired_preview_says_so_and_saves_nothing(client, people, previewed, monkeypatch):
    monkeypatch.setattr(staged_imports, "STAGED_SECONDS", -1)
    for response in (client.get(previewed), client.post(previewed)):
        assert response.status_code == 410
        notice = page(response).by_id("import-gone").text
        assert notice.startswith("This preview has expired or was already imported")
    assert not Assessment.objects.exists()


def test_a_preview_past_its_hour_is_gone_like_any_expired_one(client, people, previewed):
    hour_ago = timezone.now() - dt.timedelta(seconds=staged_imports.STAGED_SECONDS + 1)
    StagedImport.objects.update(created_at=hour_ago)
    for response in (client.get(previewed), client.post(previewed)):
        assert response.status_code == 410
        notice = page(response).by_id("import-gone").text
        assert notice.startswith("This preview has expired or was already imported")
    assert not Assessment.objects.exists()


def test_old_staged_imports_are_swept_by_the_next_upload(
    client, people, previewed, catalogue, monkeypatch
):
    monkeypatch.setattr(staged_imports, "STAGED_SECONDS", -1)
    [old] = staged_tokens()
    upload(client, sheet_bytes(catalogue, [("ann@example.com", levels_for(catalogue, 1))]))
    assert old not in staged_tokens()


@pytest.mark.parametrize(
    ("token", "status"),
    [
        ("unknown-token-0123456789", 410),
        ("short", 410),
        # Not a token the address can hold: no route matches.
        ("../../etc/passwd", 404),
    ],
)
def test_unknown_tokens_are_gone(client, people, catalogue, token, status):
    as_user(client, people["boss"])
    response = client.post(f"/teams/team-a/import/{token}/")
    assert response.status_code == status
    assert not Assessment.objects.exists()


def test_a_preview_belongs_to_its_manager_and_team(client, people, previewed):
    token = previewed.rstrip("/").rsplit("/", 1)[1]
    # Bea's token under another team's URL, used by that team's manager: nothing to see.
    as_user(client, people["other_boss"])
    assert client.get(f"/teams/team-b/import/{token}/").status_code == 410
    assert client.post(f"/teams/team-b/import/{token}/").status_code == 410
    # A second manager of Team A neither.
    set_member_role(people["a"], people["ann"].pk, Membership.Role.MANAGER)
    as_user(client, people["ann"])
    assert client.post(previewed).status_code == 410
    assert not Assessment.objects.exists()
    assert len(staged_tokens()) == 1
    assert StagedImport.objects.get().claimed_at is None
    as_user(client, people["boss"])
    assert client.post(previewed).status_code == 302
    assert Assessment.objects.count() == 2


def test_cancelling_discards_the_preview(client, people, previewed):
    response = client.post(previewed + "discard/", follow=True)
    assertRedirects(response, "/teams/team-a/")
    assertContains(response, "The import was cancelled; nothing was saved.")
    assert staged_tokens() == []
    assert client.post(previewed).status_code == 410
    assert not Assessment.objects.exists()


@pytest.mark.parametrize("method", ["get", "post"])
def test_someone_leaving_the_team_before_the_confirm_stops_the_import(
    client, people, previewed, method
):
    remove_member(people["a"], people["bob"].pk, people["boss"])
    response = getattr(client, method)(previewed)
    assert response.status_code == 422
    assertContains(
        response,
        "No member of Team A has the address BOB@example.com: they join with the team&#x27;s "
        "invite code first.",
        status_code=422,
    )
    assert not Assessment.objects.exists()
    assert staged_tokens() == []
    assert client.post(previewed).status_code == 410


def test_a_clash_while_saving_is_tried_again(client, people, previewed, monkeypatch):
    save_rows = import_services.save_rows
    calls = []

    def clash_once(*args, **kwargs):
        calls.append(len(args[0]))
        if len(calls) == 1:
            raise IntegrityError("assessment_one_latest")
        return save_rows(*args, **kwargs)

    monkeypatch.setattr(import_services, "save_rows", clash_once)
    response = client.post(previewed, follow=True)
    assertRedirects(response, previewed + "status/")
    assert calls == [2, 2]
    assert Assessment.objects.count() == 2


def test_imported_profiles_say_who_imported_them(client, people, previewed):
    client.post(previewed)
    today = dateformat.format(timezone.localtime(), "j F Y")
    ann = people["ann"]
    response = client.get(f"/teams/team-a/members/{ann.pk}/")
    assert page(response).by_id("imported").text == (
        f"Imported by Bea Boss from a sheet on {today}."
    )
    as_user(client, ann)
    assessment = Assessment.objects.get(owner=ann)
    response = client.get(f"/me/assessments/{assessment.pk}/")
    assert page(response).by_id("imported").text == (
        f"Imported by Bea Boss from a sheet on {today}."
    )


def test_profiles_rated_in_the_app_do_not_say_imported(client, people, catalogue, submit):
    assessment = submit(people["ann"], levels_for(catalogue, 1))
    as_user(client, people["ann"])
    response = client.get(f"/me/assessments/{assessment.pk}/")
    assert page(response).find_all(id="imported") == []


# --- queries ----------------------------------------------------------------------------------


def test_preview_and_confirm_run_a_fixed_number_of_queries(client, people, catalogue):
    for n in range(3, 8):
        join_team(people["a"], UserFactory(username=f"p{n}", email=f"p{n}@example.com"))
    as_user(client, people["boss"])
    levels = levels_for(catalogue, 3)

    def measure(emails):
        content = sheet_bytes(catalogue, [(email, levels) for email in emails])
        with CaptureQueriesContext(connection) as uploaded:
            location = upload(client, content)["Location"]
        with CaptureQueriesContext(connection) as previewed:
            assert client.get(location).status_code == 200
        with CaptureQueriesContext(connection) as confirmed:
            assert client.post(location).status_code == 302
        return len(uploaded), len(previewed), len(confirmed)

    small = measure(["ann@example.com", "bob@example.com"])
    large = measure([f"p{n}@example.com" for n in range(3, 8)])
    assert large == small
    assert Assessment.objects.count() == 7


# --- upload limits --------------------------------------------------------------------------


def test_uploads_are_limited_per_manager(client, people, catalogue, settings):
    settings.IMPORT_RATE_LIMIT = "2/h"
    as_user(client, people["boss"])
    empty = b""
    assert [upload(client, empty).status_code for _ in range(2)] == [422, 422]
    # Looking at the page is not an upload.
    assert client.get(UPLOAD).status_code == 200
    response = upload(client, empty)
    assert response.status_code == 429
    assertContains(response, "Too many requests", status_code=429)
    assert staged_tokens() == []


def test_uploads_are_limited_per_team_across_its_managers(client, people, catalogue, settings):
    settings.IMPORT_TEAM_RATE_LIMIT = "2/h"
    set_member_role(people["a"], people["ann"].pk, Membership.Role.MANAGER)
    empty = b""
    assert upload(as_user(client, people["boss"]), empty).status_code == 422
    assert upload(as_user(client, people["ann"]), empty).status_code == 422
    assert upload(as_user(client, people["ann"]), empty).status_code == 429
    assert upload(as_user(client, people["boss"]), empty).status_code == 429
    # Another team's uploads are counted apart.
    other = as_user(client, people["other_boss"])
    assert (
        other.post(
            "/teams/team-b/import/", {"sheet": SimpleUploadedFile("r.csv", empty)}
        ).status_code
        == 422
    )


# --- the status of a confirmed import -----------------------------------------------------


def _confirm_without_running(client, previewed, monkeypatch):
    """Confirm the preview with no worker to run the task: the import waits."""
    monkeypatch.setattr("assessments.tasks.enqueue_import", lambda pk: None)
    response = client.post(previewed)
    assert response.status_code == 302
    return response["Location"]


def test_a_waiting_import_polls_with_htmx_and_refreshes_without_it(
    client, people, previewed, monkeypatch
):
    status = _confirm_without_running(client, previewed, monkeypatch)
    assert status == previewed + "status/"
    response = client.get(status)
    assert "HX-Request" in response["Vary"]
    root = page(response)
    section = root.by_id("import-status")
    assert (section.attrs["hx-get"], section.attrs["hx-trigger"]) == (status, "every 2s")
    assert root.by_id("import-state").text.startswith("Waiting for a worker to start the import.")
    assert root.by_id("import-progress").attrs == {
        "class": "w-100 mb-2",
        "id": "import-progress",
        "max": "2",
        "value": "0",
    }
    [noscript] = root.find_all("noscript")
    [refresh] = noscript.find_all("meta", **{"http-equiv": "refresh"})
    assert refresh.attrs["content"] == "2"
    partial = client.get(status, headers={"HX-Request": "true"})
    assert partial.content.decode().lstrip().startswith('<section id="import-status"')
    StagedImport.objects.update(rows_done=1, attempts=1)
    root = page(client.get(status))
    assert root.by_id("import-state").text.startswith("Saving the rows, 50% done.")
    assert root.by_id("import-progress").attrs["value"] == "1"


def test_the_status_page_hands_on_an_import_whose_worker_went_quiet(
    client, people, previewed, monkeypatch
):
    status = _confirm_without_running(client, previewed, monkeypatch)
    monkeypatch.undo()
    quiet = timezone.now() - dt.timedelta(seconds=staged_imports.STALL_SECONDS + 1)
    StagedImport.objects.update(heartbeat_at=quiet)
    root = page(client.get(status))
    assert root.by_id("import-state").text.startswith("Imported 2 assessments from ratings.csv.")
    assert Assessment.objects.count() == 2


def test_a_failed_import_says_how_far_it_got(client, people, previewed, monkeypatch):
    status = _confirm_without_running(client, previewed, monkeypatch)
    StagedImport.objects.update(
        state="failed", rows_done=1, message="The import was tried too many times."
    )
    root = page(client.get(status))
    assert "hx-trigger" not in root.by_id("import-status").attrs
    assert root.find_all("meta", **{"http-equiv": "refresh"}) == []
    assert root.by_id("import-state").text == (
        "The import was tried too many times. 1 of 2 rows were saved, each as its person's "
        "latest profile; the others were not. Upload a sheet of the others to import them."
    )


def test_the_status_belongs_to_its_manager_and_team(client, people, previewed, monkeypatch):
    status = _confirm_without_running(client, previewed, monkeypatch)
    token = previewed.rstrip("/").rsplit("/", 1)[1]
    as_user(client, people["other_boss"])
    assert client.get(f"/teams/team-b/import/{token}/status/").status_code == 410
    set_member_role(people["a"], people["ann"].pk, Membership.Role.MANAGER)
    as_user(client, people["ann"])
    assert client.get(status).status_code == 410
    assert StagedImport.objects.get().state == "importing"


def test_a_preview_not_confirmed_has_no_status_yet(client, people, previewed):
    assert client.get(previewed + "status/").status_code == 410


# --- the check of an upload, in a task --------------------------------------------------------


@pytest.fixture
def unchecked(client, people, catalogue, monkeypatch):
    """Bea's good sheet uploaded with no worker to check it yet: (preview URL, content)."""
    monkeypatch.setattr("assessments.tasks.enqueue_check", lambda pk: None)
    as_user(client, people["boss"])
    content = sheet_bytes(catalogue, [("ann@example.com", levels_for(catalogue, 2))])
    response = upload(client, content)
    assert response.status_code == 302
    return response["Location"], content


def test_an_upload_waits_in_the_database_to_be_checked(client, unchecked):
    preview, content = unchecked
    found = StagedImport.objects.values("state", "upload", "sheet", "filename").get()
    assert found == {
        "state": "checking",
        "upload": content,
        "sheet": {},
        "filename": "ratings.csv",
    }
    response = client.get(preview)
    assert response.status_code == 200
    assert "HX-Request" in response["Vary"]
    root = page(response)
    section = root.by_id("sheet-checking")
    assert (section.attrs["hx-get"], section.attrs["hx-trigger"]) == (preview, "every 2s")
    assert root.by_id("sheet-state").text.startswith("The sheet is being read and checked")
    assert "value" not in root.by_id("sheet-progress").attrs  # under way, for an unknown time
    [noscript] = root.find_all("noscript")
    assert noscript.find_all("meta", **{"http-equiv": "refresh"})[0].attrs["content"] == "2"
    partial = client.get(preview, headers={"HX-Request": "true"})
    assert partial.content.decode().lstrip().startswith('<section id="sheet-checking"')


def test_once_checked_the_polling_page_reloads_into_the_preview(client, unchecked):
    preview, _content = unchecked
    staged_imports.check_upload(StagedImport.objects.get().pk, clock=timezone.now)
    assert StagedImport.objects.values_list("state", "upload").get() == ("staged", None)
    partial = client.get(preview, headers={"HX-Request": "true"})
    assert (partial.status_code, partial["HX-Refresh"]) == (200, "true")
    root = page(client.get(preview))
    assert root.by_id("import-summary").text.startswith("1 row ready")


def test_a_check_runs_once(client, unchecked):
    pk = StagedImport.objects.get().pk
    staged_imports.check_upload(pk, clock=timezone.now)
    staged_imports.check_upload(pk, clock=timezone.now)
    assert StagedImport.objects.values_list("state", "attempts").get() == ("staged", 1)


def test_the_preview_hands_on_a_check_whose_worker_went_quiet(client, unchecked, monkeypatch):
    preview, _content = unchecked
    monkeypatch.undo()
    quiet = timezone.now() - dt.timedelta(seconds=staged_imports.STALL_SECONDS + 1)
    StagedImport.objects.update(heartbeat_at=quiet)
    root = page(client.get(preview))
    assert root.by_id("import-summary").text.startswith("1 row ready")


def test_a_sheet_that_cannot_be_checked_is_refused_after_its_tries(client, unchecked):
    preview, _content = unchecked
    StagedImport.objects.update(attempts=staged_imports.MAX_ATTEMPTS)
    staged_imports.check_upload(StagedImport.objects.get().pk, clock=timezone.now)
    response = client.get(preview)
    assert response.status_code == 422
    assert [
        row.find_all("td")[-1].text for row in page(response).by_id("problems").find_all("tr")[1:]
    ] == ["The sheet could not be checked; upload it again."]


def test_an_upload_being_checked_can_be_cancelled(client, unchecked):
    preview, _content = unchecked
    assert page(client.get(preview)).by_id("sheet-checking")
    client.post(preview + "discard/")
    assert staged_tokens() == []
    assert client.get(preview).status_code == 410
