"""Team coverage exports are CSV with a byte-order mark, every cell formula-safe."""

from assessments.exports import to_csv


def test_csv_has_a_byte_order_mark_and_crlf_rows():
    assert to_csv(["Name", "Score"], [["=x", 5], ["Ann", 60]]) == (
        "\ufeffName,Score\r\n'=x,5\r\nAnn,60\r\n"
    )
