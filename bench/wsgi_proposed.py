"""WSGI entry point with the fixes of bench/proposed.py applied (throughput with the proposed fixes)."""

from bench.wsgi import application  # noqa: F401  (sets up Django)

from . import proposed

proposed.apply()
