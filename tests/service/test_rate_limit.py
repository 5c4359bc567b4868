"""The sliding window of submissions, on a clock the test moves: exact counts, no sleeping."""

from service.rate_limit import SlidingWindow


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_a_caller_gets_its_limit_per_window_and_others_are_counted_apart() -> None:
    clock = Clock()
    window = SlidingWindow(3, 60.0, clock)
    assert [window.hit("address:a") for _ in range(3)] == [None, None, None]
    assert window.hit("address:a") == 60  # the first of the three leaves the window in 60 s
    assert window.hit("address:b") is None
    clock.now += 20.5
    assert window.hit("address:a") == 40  # refused hits are not counted
    clock.now += 39.5  # the three hits are 60 s old: they have left the window
    assert [window.hit("address:a") for _ in range(4)] == [None, None, None, 60]


def test_callers_of_past_windows_are_forgotten() -> None:
    clock = Clock()
    window = SlidingWindow(1, 10.0, clock)
    for number in range(2000):
        window.hit(f"address:{number}")
    assert len(window._events) == 2000
    clock.now += 11
    window.hit("address:late")
    assert list(window._events) == ["address:late"]
