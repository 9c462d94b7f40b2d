"""Evidence notes shown back: only http and https addresses become links, and nothing of a
note can become markup."""

import itertools
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from hypothesis import given
from hypothesis import strategies as st

from assessments.domain.evidence import LINK_REL, Piece, pieces, safe_url, to_html

REL = f'rel="{LINK_REL}"'


@pytest.mark.parametrize(
    ("note", "expected"),
    [
        ("", ""),
        ("Ran twelve interviews", "Ran twelve interviews"),
        (
            "See https://example.com/case",
            f'See <a href="https://example.com/case" {REL}>https://example.com/case</a>',
        ),
        (
            "http://example.com",
            f'<a href="http://example.com" {REL}>http://example.com</a>',
        ),
        (
            "HTTPS://Example.com/A",
            f'<a href="HTTPS://Example.com/A" {REL}>HTTPS://Example.com/A</a>',
        ),
        # The sentence's own punctuation stays outside the link.
        (
            "Read https://example.com/post.",
            f'Read <a href="https://example.com/post" {REL}>https://example.com/post</a>.',
        ),
        (
            "(see https://example.com/a), then",
            f'(see <a href="https://example.com/a" {REL}>https://example.com/a</a>), then',
        ),
        (
            "https://en.wikipedia.org/wiki/Funnel_(marketing)",
            '<a href="https://en.wikipedia.org/wiki/Funnel_(marketing)" '
            f"{REL}>https://en.wikipedia.org/wiki/Funnel_(marketing)</a>",
        ),
        (
            "https://example.com/?a=1&b=2",
            f'<a href="https://example.com/?a=1&amp;b=2" {REL}>https://example.com/?a=1&amp;b=2</a>',
        ),
        (
            "a https://x.example b https://y.example",
            f'a <a href="https://x.example" {REL}>https://x.example</a> b '
            f'<a href="https://y.example" {REL}>https://y.example</a>',
        ),
        # An address stops at a quote or an angle bracket, which are escaped.
        (
            'https://example.com/"onmouseover="alert(1)',
            f'<a href="https://example.com/" {REL}>https://example.com/</a>'
            "&quot;onmouseover=&quot;alert(1)",
        ),
        (
            "https://example.com/<script>",
            f'<a href="https://example.com/" {REL}>https://example.com/</a>&lt;script&gt;',
        ),
        # Not http or https, or no host: plain, escaped text.
        ("javascript:alert(1)", "javascript:alert(1)"),
        ("JaVaScRiPt:alert(document.cookie)", "JaVaScRiPt:alert(document.cookie)"),
        (
            "data:text/html,<script>alert(1)</script>",
            "data:text/html,&lt;script&gt;alert(1)&lt;/script&gt;",
        ),
        ("vbscript:msgbox(1)", "vbscript:msgbox(1)"),
        ("ftp://example.com/file", "ftp://example.com/file"),
        ("mailto:ada@example.com", "mailto:ada@example.com"),
        ("www.example.com", "www.example.com"),
        ("https://", "https://"),
        ("https://.", "https://."),
        ("http://[broken", "http://[broken"),
        ("http:///path-only", "http:///path-only"),
        ("<b>bold</b> & 'quoted'", "&lt;b&gt;bold&lt;/b&gt; &amp; &#x27;quoted&#x27;"),
    ],
)
def test_to_html(note, expected):
    assert to_html(note) == expected


def test_pieces_name_the_links():
    assert pieces("Deck: https://example.com/deck, and notes") == [
        Piece("Deck: "),
        Piece("https://example.com/deck", "https://example.com/deck"),
        Piece(", and notes"),
    ]


@pytest.mark.parametrize(
    ("candidate", "expected"),
    [
        ("https://example.com", "https://example.com"),
        ("http://127.0.0.1:8000/x", "http://127.0.0.1:8000/x"),
        ("javascript://example.com/%0Aalert(1)", None),
        ("data://example.com", None),
        ("https://", None),
        ("https://[::1", None),
        ("example.com", None),
    ],
)
def test_safe_url(candidate, expected):
    assert safe_url(candidate) == expected


class Links(HTMLParser):
    """What a browser would make of the HTML: its tags, links and text."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.links: list[dict[str, str | None]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        if tag == "a":
            self.links.append(dict(attrs))

    def handle_startendtag(self, tag, attrs):
        self.tags.append(tag)

    def handle_data(self, data):
        self.text.append(data)


NOTES = st.lists(
    st.one_of(
        st.text(max_size=20),
        st.sampled_from(
            [
                "https://",
                "http://",
                "HTTPS://",
                "javascript:",
                "data:text/html,",
                "example.com",
                "[",
                "]",
                "(",
                ")",
                "<",
                ">",
                '"',
                "'",
                "&",
                ".",
                " ",
            ]
        ),
    ),
    max_size=12,
).map("".join)


@given(NOTES)
def test_a_note_never_becomes_markup_nor_an_unsafe_link(note):
    parsed = Links()
    parsed.feed(to_html(note))
    parsed.close()
    assert set(parsed.tags) <= {"a"}
    for link in parsed.links:
        assert set(link) == {"href", "rel"}
        assert link["rel"] == LINK_REL
        href = link["href"]
        assert href is not None
        parts = urlsplit(href)
        assert parts.scheme.lower() in {"http", "https"}
        assert parts.hostname
    assert "".join(parsed.text) == note


@given(NOTES)
def test_the_pieces_join_into_the_note(note):
    found = pieces(note)
    assert "".join(piece.text for piece in found) == note
    assert all(piece.url is None or piece.url == piece.text for piece in found)
    # Two runs of text never follow each other.
    assert all(a.url is not None or b.url is not None for a, b in itertools.pairwise(found))
