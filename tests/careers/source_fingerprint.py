"""Fingerprints of the source material's six-word runs, to prove no text is copied from it.

The source texts are not part of the repository; their six-word runs are, as short hashes
in source_shingles.txt, which is enough to detect a copied run but not to read the text.
Regenerate after the source material changes:

    python -m tests.careers.source_fingerprint ../shared/seeds > tests/careers/source_shingles.txt
"""

import hashlib
import re
import sys
from collections.abc import Iterable
from pathlib import Path

RUN = 6
FINGERPRINTS = Path(__file__).with_name("source_shingles.txt")


def words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", text.lower().replace("’", "'"))


def fingerprint(run: Iterable[str]) -> str:
    return hashlib.sha256(" ".join(run).encode()).hexdigest()[:16]


def runs(text: str) -> list[tuple[str, str]]:
    """(fingerprint, the run itself) for every six-word run of `text`."""
    found = words(text)
    return [
        (fingerprint(found[i : i + RUN]), " ".join(found[i : i + RUN]))
        for i in range(len(found) - RUN + 1)
    ]


def known_fingerprints() -> frozenset[str]:
    return frozenset(FINGERPRINTS.read_text().split())


if __name__ == "__main__":
    folder = Path(sys.argv[1])
    text = " ".join(path.read_text(encoding="utf-8") for path in sorted(folder.glob("*.txt")))
    print("\n".join(sorted({print_ for print_, _run in runs(text)})))
