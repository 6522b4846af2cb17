"""Benchmark settings: the test settings plus a URLconf with a trivial view to compare throughput against.

Every SQL statement is cancelled after BENCH_STATEMENT_TIMEOUT seconds (default 90), so that a pathological query
is reported as such instead of holding the run for many minutes.
"""

import os

from liujiguan.settings_test import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
STATEMENT_TIMEOUT_SECONDS = int(os.environ.get("BENCH_STATEMENT_TIMEOUT", "90"))
DATABASES["default"].setdefault("OPTIONS", {})["options"] = (  # noqa: F405
    f"-c statement_timeout={STATEMENT_TIMEOUT_SECONDS * 1000}"
)
# The dashboard's figure cache as deployed (the test settings turn it off); "cold" rows clear the cache first.
DASHBOARDS_CACHE_SECONDS = int(os.environ.get("DASHBOARDS_CACHE_SECONDS", "120"))
