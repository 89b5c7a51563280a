"""The wait before answering a client with recent wrong secrets."""

from __future__ import annotations

from etl.uitvraag.throttle import MAX_DELAY_SECONDS, delay_seconds


def test_delay_starts_at_the_second_failure_and_doubles_up_to_the_cap() -> None:
    assert [delay_seconds(n) for n in range(7)] == [0.0, 0.0, 1.0, 2.0, 4.0, 8.0, 16.0]
    assert delay_seconds(7) == MAX_DELAY_SECONDS == 30.0
    assert delay_seconds(100) == 30.0
