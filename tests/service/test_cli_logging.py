"""The commands keep the driver's notices of retried transactions and the server's
notifications about statements out of their output."""

import logging

import pytest

from service.cli import quiet_driver


def test_retry_notices_are_dropped_and_other_driver_warnings_kept(
        caplog: pytest.LogCaptureFixture) -> None:
    quiet_driver()
    quiet_driver()  # once is enough: no second filter
    session = logging.getLogger("neo4j.session")
    assert len(session.filters) == 1
    with caplog.at_level(logging.WARNING, logger="neo4j"):
        session.warning("Transaction failed and will be retried in %ss (%s)", 1.2, "deadlock")
        session.warning("Auto-commit transaction failed and will be retried (%s)", "deadlock")
        session.warning("Failed to read from the server")
    assert [r.getMessage() for r in caplog.records] == ["Failed to read from the server"]


def test_statement_notifications_are_not_shown(caplog: pytest.LogCaptureFixture) -> None:
    quiet_driver()
    with caplog.at_level(logging.NOTSET):
        logging.getLogger("neo4j.notifications").warning(
            "Received notification from DBMS server: property `source` does not exist")
    assert caplog.records == []
