#!/usr/bin/env python
"""Django's command-line utility for administrative tasks."""

import os
import sys


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "liujiguan.settings")
    if "SECRET_KEY" not in os.environ:
        # A developer's command line without configuration: development mode (the web server entry points, wsgi.py,
        # never do this, so production still refuses to start without a secret).
        os.environ.setdefault("DEBUG", "1")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
