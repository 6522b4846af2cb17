"""Fixtures of the registers' tests."""

import pytest

from liujiguan.tests.factories import DepartmentFactory


@pytest.fixture
def dept_c(org):
    return DepartmentFactory(name="规划建设科")


@pytest.fixture
def eager_tasks():
    """Tasks enqueued on commit run in-process (unit tests only; the worker path has its own test)."""
    from liujiguan.celery import app

    previous = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = previous
