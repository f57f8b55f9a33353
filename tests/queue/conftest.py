"""Broker fixtures: every test gets its own vhost; a missing broker is a failure, never a skip."""

from __future__ import annotations

import shutil
from collections.abc import Iterator

import pytest
from queue_testkit import broker_reachable, create_vhost, delete_vhost


@pytest.fixture(scope="session")
def broker() -> None:
    if not broker_reachable():
        pytest.fail("RabbitMQ is not listening on 127.0.0.1:5672 (CI starts it with rabbitmq-server -detached)")
    if shutil.which("rabbitmqctl") is None:
        pytest.fail("rabbitmqctl is needed to create per-test vhosts")


@pytest.fixture
def vhost(broker: None) -> Iterator[str]:
    name = create_vhost()
    yield name
    delete_vhost(name)
