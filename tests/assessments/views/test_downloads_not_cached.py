"""Downloads of personal data are kept by no browser or proxy cache."""

import pytest

from assessments.services.teams import create_team

pytestmark = pytest.mark.django_db

NO_STORE = "max-age=0, no-cache, no-store, must-revalidate, private"


@pytest.mark.parametrize(
    "url",
    [
        "/account/export/",
        "/teams/studio/export/heatmap.csv",
        "/teams/studio/export/coverage.csv",
        "/teams/studio/import/template.csv",
    ],
)
def test_a_personal_download_is_never_cached(user_client, user, catalogue, url):
    create_team("Studio", user)
    response = user_client.get(url)
    assert response.status_code == 200
    assert response["Cache-Control"] == NO_STORE
    assert "Content-Disposition" in response
