"""Forked parts of one job: results in order, errors raised here, and the fallbacks."""

from __future__ import annotations

import os
import threading

import pytest

from compliance import forking
from compliance.errors import InputError


def _square(number: int) -> int:
    return number * number


def _fails_on_three(number: int) -> int:
    if number == 3:
        raise InputError.single("chat.txt", "damaged in the third part")
    return number


def _pid(_number: int) -> int:
    return os.getpid()


def test_results_come_in_the_order_of_the_items() -> None:
    assert forking.map_forked(_square, [1, 2, 3, 4]) == [1, 4, 9, 16]


def test_the_first_item_is_done_here_and_the_others_in_children() -> None:
    pids = forking.map_forked(_pid, [0, 1, 2])
    assert pids is not None
    assert pids[0] == os.getpid()
    assert len(set(pids)) == 3


def test_an_error_in_a_child_is_raised_here() -> None:
    with pytest.raises(InputError, match="third part"):
        forking.map_forked(_fails_on_three, [1, 2, 3])


def test_a_child_that_ends_without_a_result_gives_none() -> None:
    def dies(number: int) -> int:
        if number:
            os._exit(9)
        return number

    assert forking.map_forked(dies, [0, 1]) is None


def test_no_fork_means_no_forked_work(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_fork() -> int:
        raise OSError("no more processes")

    monkeypatch.setattr(forking.os, "fork", no_fork)
    assert forking.map_forked(_square, [1, 2]) is None


def test_other_threads_mean_no_fork() -> None:
    release = threading.Event()
    other = threading.Thread(target=release.wait)
    other.start()
    try:
        assert forking.map_forked(_square, [1, 2]) is None
    finally:
        release.set()
        other.join()


def test_a_single_item_is_not_forked() -> None:
    assert forking.map_forked(_square, [3]) is None


def test_macos_does_its_work_in_one_process(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(forking.sys, "platform", "darwin")
    assert forking.map_forked(_square, [1, 2]) is None
