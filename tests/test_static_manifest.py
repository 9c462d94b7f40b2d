"""With collectstatic's hashed files (production), the manifest listing every static file
is kept beside them, not among the files whitenoise serves."""

import http.client
import re
from contextlib import closing

from tests.server import gunicorn, manage, migrated_copy, production_env


def get(port, path):
    headers = {"Host": "t-profile.example.com", "X-Forwarded-Proto": "https"}
    with closing(http.client.HTTPConnection("127.0.0.1", port, timeout=60)) as connection:
        connection.request("GET", path, headers=headers)
        response = connection.getresponse()
        response.body = response.read()
    return response


def test_the_manifest_is_kept_out_of_the_served_files(tmp_path, migrated_sqlite):
    static = tmp_path / "staticfiles"
    database = migrated_copy(migrated_sqlite, tmp_path)
    env = production_env(database, DJANGO_STATIC_ROOT=str(static))
    env["DJANGO_STATIC_MANIFEST"] = "1"
    manage(env, "collectstatic", "--noinput")
    assert not (static / "staticfiles.json").exists()
    assert (tmp_path / "staticfiles-manifest" / "staticfiles.json").is_file()
    # Only hashed names are kept, source maps are not compressed, and the unused ReDoc
    # bundle is left out.
    names = " ".join(sorted(path.name for path in (static / "css").glob("app.*")))
    assert re.fullmatch(r"app\.([0-9a-f]{12})\.css app\.\1\.css\.br app\.\1\.css\.gz", names)
    maps = {path.name for path in static.rglob("*.map*")}
    assert any(re.fullmatch(r"bootstrap\.min\.css\.[0-9a-f]{12}\.map", name) for name in maps)
    assert [name for name in maps if not name.endswith(".map")] == []
    assert not list(static.rglob("redoc*"))
    with gunicorn(env, tmp_path / "gunicorn.log") as port:
        page = get(port, "/")
        stylesheet = re.search(r'href="(/static/css/app\.[0-9a-f]{12}\.css)"', page.body.decode())
        assert get(port, stylesheet.group(1)).status == 200
        assert get(port, "/static/staticfiles.json").status == 404
