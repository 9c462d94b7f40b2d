"""Sanity checks of one role's salary bands in one country."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from careers.domain.salaries import Band, band_warnings

ENTRY = Band("Entry level", 0, 28_000, 35_000, 2025)
MID = Band("Mid level", 1, 35_000, 50_000, 2025)
SENIOR = Band("Senior level", 2, 50_000, 70_000, 2025)


@pytest.mark.parametrize(
    ("bands", "warnings"),
    [
        ([SENIOR, ENTRY, MID], []),
        ([], []),
        (
            [ENTRY, Band("Mid level", 1, 25_000, 50_000, 2025)],
            [
                "Mid level (25,000–50,000) pays less than Entry level (28,000–35,000): are the "
                "levels swapped?"
            ],
        ),
        (
            [MID, Band("Senior level", 2, 45_000, 70_000, 2025)],
            [
                "Senior level starts at 45,000, below the top of Mid level (50,000): the "
                "source's bands meet end to end."
            ],
        ),
        (
            [Band("Entry level", 0, 28_000, 35_000, 2022), MID, SENIOR],
            ["Figures from 2022 are 3 or more years old."],
        ),
        (
            [Band("Entry level", 0, 28_000, 35_000, 2023), MID],
            [],
        ),
    ],
)
def test_warnings(bands, warnings):
    assert band_warnings(bands, this_year=2025) == warnings


bands = st.lists(
    st.builds(
        lambda rank, low, width: Band(f"Level {rank}", rank, low, low + width, 2025),
        st.integers(0, 3),
        st.integers(1_000, 500_000),
        st.integers(0, 100_000),
    ),
    max_size=4,
    unique_by=lambda band: band.rank,
)


@given(bands)
def test_bands_that_rise_end_to_end_never_warn(given_bands):
    ladder, low = [], 20_000
    for band in sorted(given_bands, key=lambda band: band.rank):
        width = band.high - band.low
        ladder.append(Band(band.level, band.rank, low, low + width, 2025))
        low += width
    assert band_warnings(ladder, this_year=2025) == []


@given(bands)
def test_the_order_given_does_not_matter(given_bands):
    assert band_warnings(given_bands, 2025) == band_warnings(given_bands[::-1], 2025)
