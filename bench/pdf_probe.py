"""One PDF measurement in its own process, so that its peak memory (maxrss) is its own.

    python -m bench.pdf_probe report --html FILE   # the portal's report path; also writes its final HTML to FILE
    python -m bench.pdf_probe floor --html FILE    # WeasyPrint alone on that same HTML (the floor)

Prints one JSON line: seconds, pages, bytes, maxrss before and after (MiB).
"""

import argparse
import json
import resource
import time


def maxrss_mib() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def report(html_path: str) -> dict:
    import django

    django.setup()
    from django.template.loader import render_to_string

    from campaigns.models import Campaign
    from dashboards import reports, services

    campaign = Campaign.objects.get(is_current=True)
    import weasyprint  # noqa: F401  (imported before the baseline, as the floor does)

    before = maxrss_mib()
    started = time.perf_counter()
    content, pages = services.report_pdf(campaign=campaign)
    seconds = time.perf_counter() - started
    after = maxrss_mib()
    # The same final HTML for the floor (rendered after the timing, so it does not count).
    context = reports.report_context(campaign=campaign)
    with open(html_path, "w", encoding="utf-8") as handle:
        handle.write(render_to_string("dashboards/pdf/report.html", context))
    from django.conf import settings

    return {
        "seconds": round(seconds, 3),
        "pages": pages,
        "bytes": len(content),
        "maxrss_before_mib": before,
        "maxrss_mib": after,
        "base_url": str(settings.BASE_DIR),
    }


def floor(html_path: str, base_url: str) -> dict:
    from weasyprint import HTML

    with open(html_path, encoding="utf-8") as handle:
        html = handle.read()
    before = maxrss_mib()
    started = time.perf_counter()
    document = HTML(string=html, base_url=base_url).render()
    content = document.write_pdf()
    seconds = time.perf_counter() - started
    return {
        "seconds": round(seconds, 3),
        "pages": len(document.pages),
        "bytes": len(content),
        "maxrss_before_mib": before,
        "maxrss_mib": maxrss_mib(),
    }


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("mode", choices=["report", "floor"])
    parser.add_argument("--html", required=True)
    parser.add_argument("--base-url", default=".")
    args = parser.parse_args()
    if args.mode == "report":
        result = report(args.html)
    else:
        result = floor(args.html, args.base_url)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
