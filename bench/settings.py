"""Benchmark settings: the test settings plus a URLconf with a trivial view to compare throughput against."""

from liujiguan.settings_test import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
