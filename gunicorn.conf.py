"""gunicorn's settings for T-Profile, read whenever gunicorn starts in this folder
(``gunicorn config.wsgi``, README.md's production command); its flags come on top."""

from gunicorn.http import wsgi

# "Server: gunicorn" tells a prober which server's flaws to try; name the site instead.
wsgi.SERVER = "T-Profile"  # type: ignore[attr-defined]
