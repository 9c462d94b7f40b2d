"""With collectstatic's hashed files (production), the manifest listing every static file
is kept beside them, not among the files whitenoise serves."""

import http.client
import re
from contextlib import closing

from tests.server import gunicorn, manage, production_env


def get(port, path):
    headers = {"Host": "t-profile.example.com", "X-Forwarded-Proto": "https"}
    with closing(http.client.HTTPConnection("127.0.0.1", port, timeout=60)) as connection:
        connection.request("GET", path, headers=headers)
        response = connection.getresponse()
        response.body = response.read()
    return response


def test_the_manifest_is_kept_out_of_the_served_files(tmp_path):
    static = tmp_path / "staticfiles"
    env = production_env(tmp_path / "db.sqlite3", DJANGO_STATIC_ROOT=str(static))
    env["DJANGO_STATIC_MANIFEST"] = "1"
    manage(env, "migrate", "--noinput")
    manage(env, "collectstatic", "--noinput")
    assert not (static / "staticfiles.json").exists()
    assert (tmp_path / "staticfiles-manifest" / "staticfiles.json").is_file()
    with gunicorn(env, tmp_path / "gunicorn.log") as port:
        page = get(port, "/")
        stylesheet = re.search(r'href="(/static/css/app\.[0-9a-f]{12}\.css)"', page.body.decode())
        assert get(port, stylesheet.group(1)).status == 200
        assert get(port, "/static/staticfiles.json").status == 404
