"""Where ``collectstatic`` keeps its manifest: beside the static files, never among them."""

from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles.apps import StaticFilesConfig as BaseStaticFilesConfig
from django.core.files.storage import FileSystemStorage
from whitenoise.storage import CompressedManifestStaticFilesStorage


def manifest_folder() -> Path:
    """``staticfiles-manifest`` beside ``STATIC_ROOT`` (``staticfiles``)."""
    root = Path(settings.STATIC_ROOT)
    return root.with_name(f"{root.name}-manifest")


class StaticFilesStorage(CompressedManifestStaticFilesStorage):
    """whitenoise's hashed, compressed files, with the manifest (``staticfiles.json``, the
    list of every file) kept out of ``STATIC_ROOT``: whitenoise serves whatever that folder
    holds, and the list would tell anyone every file the site has."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("manifest_storage", FileSystemStorage(location=manifest_folder()))
        super().__init__(*args, **kwargs)


class StaticFilesConfig(BaseStaticFilesConfig):
    """``collectstatic`` leaves out what no page uses: django-ninja's ReDoc bundle and its
    source map (the API docs are Swagger UI), 4 MB that would be hashed and compressed on
    every deployment."""

    ignore_patterns = [*BaseStaticFilesConfig.ignore_patterns, "redoc.standalone.js*"]
