"""Rounding, percentages and the way numbers and lists read in sentences."""

import pytest

from assessments.domain.numbers import (
    join_names,
    mean_text,
    number_text,
    percent,
    round_half_up,
    tenths,
)


@pytest.mark.parametrize(
    ("numerator", "denominator", "expected"),
    [
        (0, 3, 0),
        (1, 2, 1),  # a half rounds up...
        (3, 2, 2),
        (5, 2, 3),  # ...never to the even neighbour
        (1, 3, 0),
        (2, 3, 1),
        (170, 2, 85),
        (250, 3, 83),  # 83.33
        (251, 3, 84),  # 83.67
        (100, 1, 100),
    ],
)
def test_round_half_up(numerator, denominator, expected):
    assert round_half_up(numerator, denominator) == expected


@pytest.mark.parametrize(
    ("part", "whole", "expected"),
    [(0, 4, 0), (1, 3, 33), (2, 3, 67), (1, 8, 13), (1, 200, 1), (1, 201, 0), (4, 4, 100)],
)
def test_percent_is_a_whole_number_rounded_half_up(part, whole, expected):
    assert percent(part, whole) == expected


@pytest.mark.parametrize(
    ("numerator", "denominator", "expected"),
    [(0, 7, 0.0), (1, 20, 0.1), (1, 3, 0.3), (2, 3, 0.7), (125, 2, 62.5), (245, 4, 61.3)],
)
def test_tenths_round_half_up_to_one_decimal(numerator, denominator, expected):
    assert tenths(numerator, denominator) == expected


@pytest.mark.parametrize(
    ("items", "expected"),
    [
        ([], ""),
        (["SEO"], "SEO"),
        (["SEO", "Copywriting"], "SEO and Copywriting"),
        (["SEO", "Copywriting", "Paid media"], "SEO, Copywriting and Paid media"),
        (("a", "b", "c", "d"), "a, b, c and d"),
    ],
)
def test_join_names_reads_as_a_sentence(items, expected):
    assert join_names(items) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [(0, "0"), (0.0, "0"), (4, "4"), (4.0, "4"), (3.5, "3.5"), (11 / 3, "3.67"), (0.004, "0")],
)
def test_number_text_drops_trailing_zeros(value, expected):
    assert number_text(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"), [(0, "0.0"), (4, "4.0"), (3.5, "3.5"), (11 / 3, "3.67")]
)
def test_mean_text_always_has_a_decimal(value, expected):
    assert mean_text(value) == expected
