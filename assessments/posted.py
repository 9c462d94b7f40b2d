"""The assessment form's POST keys: how the page names each field and how a request's
data is read back, for the form that checks it, the page that renders it and the view that
answers an autosave."""

from collections.abc import Iterator, Mapping

from careers.choices import RATING_LEVELS


class PostedRatings:
    """The assessment form's POST keys, read in this one place.

    One key per competency for its level (``level-<slug>``), its evidence
    (``evidence-<slug>``) and the version of its rating the page was shown with
    (``version-<slug>``, 0 for none), and one per discipline for the wish to grow in it
    (``interest-<slug>``), with a hidden ``interest-<slug>-shown`` so an unticked box is
    told apart from one that was not on the page. The htmx autosave posts a single
    competency or discipline, the plain Save button posts them all.
    """

    LEVEL = "level-"
    EVIDENCE = "evidence-"
    VERSION = "version-"
    INTEREST = "interest-"
    SHOWN = "-shown"

    def __init__(self, data: Mapping[str, str]):
        self.data = data

    @classmethod
    def level_key(cls, slug: str) -> str:
        return cls.LEVEL + slug

    @classmethod
    def evidence_key(cls, slug: str) -> str:
        return cls.EVIDENCE + slug

    @classmethod
    def version_key(cls, slug: str) -> str:
        return cls.VERSION + slug

    @classmethod
    def interest_key(cls, slug: str) -> str:
        return cls.INTEREST + slug

    @classmethod
    def interest_shown_key(cls, slug: str) -> str:
        return cls.INTEREST + slug + cls.SHOWN

    def names_competency(self, slug: str) -> bool:
        return self.level_key(slug) in self.data or self.evidence_key(slug) in self.data

    def names_discipline(self, slug: str) -> bool:
        return self.interest_key(slug) in self.data or self.interest_shown_key(slug) in self.data

    def competency_keys(self) -> Iterator[tuple[str, str]]:
        """(key, slug) of each level or evidence key, in the order posted."""
        for key in self.data:
            for prefix in (self.LEVEL, self.EVIDENCE):
                if key.startswith(prefix):
                    yield key, key[len(prefix) :]

    def first_competency(self) -> str | None:
        """The first competency posted: the row an autosave answers for."""
        return next((slug for _key, slug in self.competency_keys() if slug), None)

    def level(self, slug: str, saved: int | None) -> int | None:
        """The level posted for a competency if it is one (0-5), else `saved`."""
        value = self.data.get(self.level_key(slug))
        if value is None:
            return saved
        try:
            level = int(value)
        except (TypeError, ValueError):
            return saved
        return level if level in RATING_LEVELS else saved

    def evidence(self, slug: str, saved: str) -> str:
        return self.data.get(self.evidence_key(slug), saved)

    def interest(self, slug: str, saved: bool) -> bool:
        """Whether the discipline's box was ticked, where the page showed it; else `saved`."""
        if self.interest_shown_key(slug) in self.data:
            return self.interest_key(slug) in self.data
        return saved


AUTOSAVE = "autosave"
"""Posted with Save and Submit by the page's script, which saves every answer as it
changes: a submit from such a page submits what is saved, newer answers from another tab
included, where a page without the script is shown what changed."""

QUICK = "quick-"
"""The quick start's POST key for a discipline's level as a whole: ``quick-<slug>``."""

STEP = "step"
"""The assessment form's step, a discipline's slug: in the address (``?step=<slug>``) and
posted with the step's answers."""

GOTO = "goto"
"""Posted by the buttons that save the step and go to another one (Back, Save and
continue, and each step in the list of steps): the step to show next."""

REST_LEVEL = "rest_level"
"""Posted with ``action=fill``: the level for every competency of the step not rated yet."""
