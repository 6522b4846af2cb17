"""Measure the portal on a generated data set and write bench/results (Markdown and JSON).

    DJANGO_SETTINGS_MODULE=bench.settings DATABASE_URL=postgres://…/lj_bench_1x \
        .venv/bin/python -m bench.run measure --size 1x
    .venv/bin/python -m bench.run report          # merge results/raw-*.json into results.md and results.json
    .venv/bin/python -m bench.run profile --size 10x --page leader_dashboard

Server time is measured in process with Django's test Client (after warm-up; median and 95th percentile), with the
SQL query count of one request. Throughput uses gunicorn on 127.0.0.1 and wrk (or a bounded Python loop). Nothing
here asserts a time: the numbers are written down and compared with the targets in the report.
"""

import argparse
import cProfile
import csv
import io
import json
import os
import platform
import pstats
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from datetime import datetime
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
RESULTS = BENCH_DIR / "results"
ROOT = BENCH_DIR.parent

TARGETS = {
    "page_ratio": 1.5,  # 10x time at most 1.5 × the 1x time, per page
    "throughput_ratio": 0.3,  # dashboard requests/s at least 0.3 × the trivial view's
    "pdf_ratio": 1.2,  # report at most 1.2 × WeasyPrint alone on the same HTML
    "import_ratio": 3.0,  # import at most 3 × bulk_create of the same rows
}
PAGE_LABELS = {
    "leader_dashboard": "Leader dashboard (figures cached, as deployed)",
    "leader_dashboard_cold": "Leader dashboard, figures computed (cache emptied before each request)",
    "measure_list": "Measure list",
    "reception_list": "Reception list",
    "evaluation_results": "Evaluation results",
    "public_home": "Public home (uncached)",
    "public_reception_year": "Public reception year (uncached)",
}


def setup():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    import django

    django.setup()


def percentile(values, q):
    ordered = sorted(values)
    if not ordered:
        return None
    k = (len(ordered) - 1) * q
    low, high = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (k - low)


def ms(seconds):
    return round(seconds * 1000, 1)


def loadavg():
    try:
        return [round(x, 2) for x in os.getloadavg()]
    except OSError:
        return None


class QueryCounter:
    """Counts SQL statements across a request (CaptureQueriesContext loses them: a request resets the query log)."""

    def __enter__(self):
        from django.db import connection

        self.count = 0
        self._context = connection.execute_wrapper(self)
        self._context.__enter__()
        return self

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)

    def __exit__(self, *exc):
        self._context.__exit__(*exc)
        return False


# --- pages ------------------------------------------------------------------------------------------------------------


def page_plan():
    """(key, user name or None, url, clear cache before each request) for each page measured."""
    from django.urls import reverse
    from django.utils import timezone

    from evaluations.models import Round

    round_ = Round.objects.filter(status=Round.Status.PUBLISHED).order_by("-pk").first()
    return [
        ("leader_dashboard", "leader", reverse("dashboards:leader"), False),
        ("leader_dashboard_cold", "leader", reverse("dashboards:leader"), True),
        ("measure_list", "office", reverse("campaigns:measure-list"), False),
        ("reception_list", "office", reverse("reception:record-list"), False),
        ("evaluation_results", "office", reverse("evaluations:round-results", args=[round_.pk]), False),
        ("public_home", None, reverse("disclosure:home"), True),
        (
            "public_reception_year",
            None,
            reverse("disclosure:reception-year", args=[timezone.localdate().year]),
            True,
        ),
    ]


def measure_page(client, url, *, clear_cache, warmup=3, samples=20, budget_seconds=60):
    """Median and 95th percentile of the server time after warm-up. A page slower than 5 s gets one warm-up and three
    samples, so that a pathological page cannot stretch the run to hours (its median says enough)."""
    from django.conf import settings
    from django.core.cache import cache
    from django.db import OperationalError, connection

    if clear_cache:
        cache.clear()
    t0 = time.perf_counter()
    try:
        response = client.get(url)
    except OperationalError as error:  # cancelled by the statement timeout
        connection.close()
        limit = settings.STATEMENT_TIMEOUT_SECONDS
        return {"url": url, "timed_out": True, "limit_s": limit, "error": str(error).splitlines()[0]}
    assert response.status_code == 200, (url, response.status_code)
    minimum = 8
    if time.perf_counter() - t0 > 5:
        warmup, samples, minimum = 0, 3, 3
    for _ in range(max(0, warmup - 1)):
        if clear_cache:
            cache.clear()
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
    if clear_cache:
        cache.clear()
    with QueryCounter() as counted:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    times = []
    started = time.perf_counter()
    while len(times) < samples and (len(times) < minimum or time.perf_counter() - started < budget_seconds):
        if clear_cache:
            cache.clear()
        t0 = time.perf_counter()
        response = client.get(url)
        times.append(time.perf_counter() - t0)
        assert response.status_code == 200
    return {
        "url": url,
        "samples": len(times),
        "median_ms": ms(statistics.median(times)),
        "p95_ms": ms(percentile(times, 0.95)),
        "queries": counted.count,
        "bytes": len(response.content),
    }


def measure_pages(only=None):
    from django.contrib.auth import get_user_model
    from django.test import Client

    User = get_user_model()
    results = {}
    for key, username, url, clear_cache in page_plan():
        if only and key not in only:
            continue
        client = Client()
        if username:
            client.force_login(User.objects.get(username=username))
        results[key] = measure_page(client, url, clear_cache=clear_cache)
        print(f"  {key}: {results[key]}", flush=True)
    return results


# --- reminder sweep ---------------------------------------------------------------------------------------------------


class Rollback(Exception):
    pass


def measure_sweep():
    """The daily sweep over every measure, in a transaction rolled back afterwards (so both sizes start clean)."""
    from django.db import transaction

    from campaigns.models import Measure
    from dashboards.sweep import sweep_run

    result = {}
    try:
        with transaction.atomic():
            with QueryCounter() as counted:
                started = time.perf_counter()
                outcome = sweep_run()
                seconds = time.perf_counter() - started
            result = {
                "seconds": round(seconds, 3),
                "queries": counted.count,
                "measures": Measure.objects.count(),
                **{k: v for k, v in outcome.items() if k in ("items", "claimed", "messages")},
            }
            raise Rollback
    except Rollback:
        pass
    result["queries_per_item"] = round(result["queries"] / max(1, result.get("items", 0)), 2)
    print(f"  sweep: {result}", flush=True)
    return result


# --- import -----------------------------------------------------------------------------------------------------------


def import_rows(count=10_000):
    from campaigns.models import Campaign, Pillar
    from leadership.models import Department, Person

    from .generate import PILLARS, Builder

    campaign = Campaign.objects.create(title="导入基准", year=Campaign.objects.get(is_current=True).year)
    pillars = [
        Pillar.objects.create(campaign=campaign, type=kind, name=name, slogan=slogan, order=i)
        for i, (kind, name, slogan) in enumerate(PILLARS)
    ]
    departments = list(Department.objects.order_by("pk"))
    people = list(Person.objects.filter(user__username__startswith="deputy").order_by("pk"))
    builder = Builder.__new__(Builder)
    from django.utils import timezone

    builder.today = timezone.localdate()
    builder.year = builder.today.year
    rows = builder.measure_rows(count, pillars=pillars, departments=departments, people=people, prefix="导入")
    return campaign, rows


def rows_csv(rows) -> bytes:
    headers = ["pillar", "title", "detail", "lead_department", "responsible_leader", "start", "due", "weight", "order"]
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(headers)
    for row in rows:
        writer.writerow(
            [
                row["pillar"].name,
                row["title"],
                row["detail"],
                row["lead_department"].name,
                row["responsible_leader"].name if row["responsible_leader"] else "",
                row["start"].isoformat(),
                row["due"].isoformat(),
                str(row["weight"]),
                row["order"],
            ]
        )
    return buffer.getvalue().encode("utf-8")


def measure_import(count=10_000):
    """10,000 measure rows through the campaigns import path, beside bulk_create of the same rows."""
    from django.contrib.auth import get_user_model
    from django.db import transaction
    from simple_history.utils import bulk_create_with_history

    from campaigns.models import Measure
    from campaigns.resources import MeasureResource, import_file

    office = get_user_model().objects.get(username="office")
    result = {"rows": count}
    fields = ["pillar", "title", "detail", "lead_department", "responsible_leader", "start", "due", "weight", "order"]

    def timed(label, function):
        try:
            with transaction.atomic():
                campaign, rows = import_rows(count)
                started = time.perf_counter()
                outcome = function(campaign, rows)
                result[label] = round(time.perf_counter() - started, 3)
                assert Measure.objects.filter(pillar__campaign=campaign).count() == count, label
                if outcome is not None:
                    result[f"{label}_outcome"] = outcome
                raise Rollback
        except Rollback:
            pass

    def through_import(campaign, rows):
        content = rows_csv(rows)
        report = import_file(
            resource_class=MeasureResource, campaign=campaign, user=office, content=content, name="m.csv", dry_run=False
        )
        assert report.committed, report.errors[:5] or report.file_error
        return report.totals

    def floor(campaign, rows):
        Measure.objects.bulk_create([Measure(**{k: r[k] for k in fields}) for r in rows], batch_size=1000)

    def floor_history(campaign, rows):
        bulk_create_with_history(
            [Measure(**{k: r[k] for k in fields}) for r in rows], Measure, batch_size=1000, default_user=office
        )

    timed("import_seconds", through_import)
    timed("bulk_create_seconds", floor)
    timed("bulk_create_with_history_seconds", floor_history)
    result["ratio"] = round(result["import_seconds"] / result["bulk_create_seconds"], 2)
    result["ratio_vs_history_floor"] = round(result["import_seconds"] / result["bulk_create_with_history_seconds"], 2)
    print(f"  import: {result}", flush=True)
    return result


# --- PDF --------------------------------------------------------------------------------------------------------------


def measure_pdf():
    env = {**os.environ}
    extra = []
    with tempfile.TemporaryDirectory() as folder:
        html = Path(folder) / "report.html"
        try:
            report = json.loads(_probe(["report", "--html", str(html), *extra], env))
        except RuntimeError as error:
            result = {"failed": str(error).strip().splitlines()[-1][:300]}
            print(f"  pdf: {result}", flush=True)
            return result
        floor = json.loads(_probe(["floor", "--html", str(html), "--base-url", report["base_url"]], env))
    report.pop("base_url", None)
    result = {"report": report, "floor": floor, "ratio": round(report["seconds"] / floor["seconds"], 2)}
    print(f"  pdf: {result}", flush=True)
    return result


def _probe(args, env):
    out = subprocess.run(
        [sys.executable, "-m", "bench.pdf_probe", *args], cwd=ROOT, env=env, capture_output=True, text=True, check=False
    )
    if out.returncode:
        raise RuntimeError(out.stderr[-3000:])
    return out.stdout.strip().splitlines()[-1]


# --- throughput -------------------------------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def session_cookie(username: str) -> str:
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.test import Client

    client = Client()
    client.force_login(get_user_model().objects.get(username=username))
    return f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"


def wrk_run(url, cookie, seconds, connections):
    out = subprocess.run(
        [
            "wrk",
            "-t2",
            f"-c{connections}",
            f"-d{seconds}s",
            "--timeout",
            "60s",
            "--latency",
            "-H",
            f"Cookie: {cookie}",
            url,
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    text = out.stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
    total = int(re.search(r"(\d+) requests in", text).group(1))
    bad = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", text)
    errors = re.search(r"Socket errors:.*", text)
    return {
        "requests_per_second": round(rps, 2),
        "requests": total,
        "non_2xx": int(bad.group(1)) if bad else 0,
        "socket_errors": errors.group(0) if errors else "",
        "tool": "wrk",
    }


def python_load(url, cookie, seconds, connections):
    """A bounded load loop when wrk is not installed: `connections` threads, each one request at a time."""
    deadline = time.monotonic() + seconds
    counts = {"ok": 0, "bad": 0}
    lock = threading.Lock()

    def worker():
        while time.monotonic() < deadline:
            request = urllib.request.Request(url, headers={"Cookie": cookie})
            try:
                with urllib.request.urlopen(request, timeout=60) as response:
                    response.read()
                    ok = response.status == 200
            except Exception:
                ok = False
            with lock:
                counts["ok" if ok else "bad"] += 1

    threads = [threading.Thread(target=worker) for _ in range(connections)]
    started = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.monotonic() - started
    return {
        "requests_per_second": round(counts["ok"] / elapsed, 2),
        "requests": counts["ok"] + counts["bad"],
        "non_2xx": counts["bad"],
        "socket_errors": "",
        "tool": "python",
    }


def measure_throughput(seconds=10, connections=4, workers=2, wsgi="bench.wsgi:application", keys=None, env_extra=None):
    """gunicorn on a spare loopback port; the dashboard, a trivial view and /healthz, one after the other."""
    port = free_port()
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "bench.settings", "CONN_MAX_AGE": "60", **(env_extra or {})}
    log = open(RESULTS / "gunicorn.log", "w")  # noqa: SIM115
    server = subprocess.Popen(
        [
            str(Path(sys.executable).with_name("gunicorn")),
            wsgi,
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--timeout",
            "120",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(f"{base}/bench/trivial", timeout=2).read()
                break
            except Exception:
                if server.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("gunicorn did not start; see bench/results/gunicorn.log") from None
                time.sleep(0.3)
        cookie = session_cookie("leader")
        load = wrk_run if shutil.which("wrk") else python_load
        result = {"workers": workers, "connections": connections, "seconds": seconds}
        for key, path in [
            ("trivial", "/bench/trivial"),
            ("healthz", "/healthz"),
            ("home", "/"),  # any logged-in page: session, user, navigation, panels
            ("leader_dashboard", "/dashboards/leaders/"),
        ]:
            if keys and key not in keys:
                continue
            load(f"{base}{path}", cookie, 2, connections)  # warm-up: every worker has loaded its code and connection
            result[key] = load(f"{base}{path}", cookie, seconds, connections)
            print(f"  throughput {key}: {result[key]}", flush=True)
        return result
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()


# --- profile ----------------------------------------------------------------------------------------------------------


def profile_page(key: str, top=30) -> str:
    from django.contrib.auth import get_user_model
    from django.test import Client

    plan = {k: (user, url) for k, user, url, _clear in page_plan()}
    username, url = plan[key]
    client = Client()
    if username:
        client.force_login(get_user_model().objects.get(username=username))
    client.get(url)
    profiler = cProfile.Profile()
    profiler.enable()
    client.get(url)
    profiler.disable()
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out).strip_dirs().sort_stats("cumulative")
    stats.print_stats(top)
    return out.getvalue()


# --- commands ---------------------------------------------------------------------------------------------------------


def cmd_measure(args):
    setup()
    from django.db import connection

    from .generate import counts

    RESULTS.mkdir(exist_ok=True)
    raw = {
        "size": args.size,
        "database": connection.settings_dict["NAME"],
        "started": datetime.now().isoformat(timespec="seconds"),
        "loadavg_start": loadavg(),
        "counts": counts(),
    }
    parts = args.parts.split(",")
    print(f"measuring {args.size} on {raw['database']}: {', '.join(parts)}", flush=True)
    if "pages" in parts:
        raw["pages"] = measure_pages()
    if "sweep" in parts:
        raw["sweep"] = measure_sweep()
    if "import" in parts:
        raw["import"] = measure_import()
    if "pdf" in parts:
        raw["pdf"] = measure_pdf()
    if "throughput" in parts:
        raw["throughput"] = measure_throughput()
        raw["throughput"]["ratio"] = round(
            raw["throughput"]["leader_dashboard"]["requests_per_second"]
            / raw["throughput"]["trivial"]["requests_per_second"],
            3,
        )
    if "throughput" in parts:
        # The trivial view again in the same run, then the dashboard computing its figures on every request.
        t = measure_throughput(keys=("trivial", "leader_dashboard"), env_extra={"DASHBOARDS_CACHE_SECONDS": "0"})
        t["ratio"] = round(t["leader_dashboard"]["requests_per_second"] / t["trivial"]["requests_per_second"], 3)
        raw["throughput_uncached"] = t
    raw["loadavg_end"] = loadavg()
    generated = RESULTS / f"generate-{args.size}.json"
    if generated.exists():
        raw["generate"] = json.loads(generated.read_text())
    (RESULTS / f"raw-{args.size}.json").write_text(json.dumps(raw, ensure_ascii=False, indent=2))


def cmd_profile(args):
    setup()
    text = profile_page(args.page)
    path = RESULTS / f"profile-{args.size}-{args.page}.txt"
    path.write_text(text)
    print(text)


def verdict(ok):
    return "met" if ok else "**missed**"


def cmd_report(args):
    raws = {size: json.loads((RESULTS / f"raw-{size}.json").read_text()) for size in ("1x", "10x")}
    one, ten = raws["1x"], raws["10x"]
    summary = {
        "generated": datetime.now().isoformat(timespec="seconds"),
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform()},
        "targets": TARGETS,
        "sizes": {
            s: {"counts": r["counts"], "generate": r.get("generate"), "loadavg": [r["loadavg_start"], r["loadavg_end"]]}
            for s, r in raws.items()
        },
        "pages": {},
    }
    lines = [
        "# Benchmark results",
        "",
        f"Run {summary['generated']} on {os.cpu_count()} CPUs, Python {platform.python_version()}, PostgreSQL, "
        "settings `bench.settings` (the test settings: DEBUG off; cache and sessions in Redis as deployed). "
        "Written by `make bench` (bench/run.py); the data by bench/generate.py.",
        "",
        "## Data",
        "",
        "| size | departments | measures | progress updates | reception records | ballot responses | generated in |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for size, raw in raws.items():
        c = raw["counts"]
        gen = raw.get("generate") or {}
        lines.append(
            f"| {size} | {c['departments']:,} | {c['measures']:,} | {c['progress_updates']:,} | "
            f"{c['reception_records']:,} | {c['ballot_responses']:,} | {gen.get('seconds', '—')} s |"
        )
    lines += [
        "",
        "## Server time per page (in-process test client, after warm-up)",
        "",
        "| page | 1x median ms | 1x p95 ms | 1x queries | 10x median ms | 10x p95 ms | 10x queries | 10x / 1x "
        "| queries equal | time ≤ 1.5× |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---|---|",
    ]

    def cell(page, field):
        if page.get("timed_out"):
            return f"> {page['limit_s'] * 1000:,} (cancelled)" if field != "queries" else "—"
        return page[field]

    for key, label in PAGE_LABELS.items():
        a, b = one["pages"][key], ten["pages"][key]
        timed_out = a.get("timed_out") or b.get("timed_out")
        ratio = None if timed_out else round(b["median_ms"] / a["median_ms"], 2)
        equal = not timed_out and a["queries"] == b["queries"]
        fast = ratio is not None and ratio <= TARGETS["page_ratio"]
        summary["pages"][key] = {"1x": a, "10x": b, "ratio": ratio, "queries_equal": equal, "time_met": fast}
        lines.append(
            f"| {label} | {cell(a, 'median_ms')} | {cell(a, 'p95_ms')} | {cell(a, 'queries')} | "
            f"{cell(b, 'median_ms')} | {cell(b, 'p95_ms')} | {cell(b, 'queries')} | {ratio or '—'} | "
            f"{verdict(equal)} | {verdict(fast)} |"
        )
    lines += ["", "## Dashboard throughput under gunicorn (loopback)", ""]
    lines += [
        "| size | tool | workers × connections | trivial view req/s | /healthz req/s | home (logged in) req/s | "
        "leader dashboard req/s | ratio | ≥ 0.3 |",
        "|---|---|---|---:|---:|---:|---:|---:|---|",
    ]
    summary["throughput"] = {}
    for size, raw in raws.items():
        for variant, suffix in (("throughput", ", figures cached"), ("throughput_uncached", ", figures computed")):
            t = raw.get(variant)
            if not t:
                continue
            met = t["ratio"] >= TARGETS["throughput_ratio"]
            summary["throughput"][size + suffix] = {**t, "met": met}
            healthz = t.get("healthz", {}).get("requests_per_second", "—")
            home = t.get("home", {}).get("requests_per_second", "—")
            lines.append(
                f"| {size}{suffix} | {t['trivial']['tool']} | {t['workers']} × {t['connections']}, {t['seconds']} s | "
                f"{t['trivial']['requests_per_second']} | {healthz} | {home} | "
                f"{t['leader_dashboard']['requests_per_second']} | {t['ratio']} | {verdict(met)} |"
            )
    lines += ["", "## PDF progress report (whole campaign)", ""]
    lines += [
        "| size | pages | report s | WeasyPrint alone s | ratio | ≤ 1.2× | report peak MiB | floor peak MiB |",
        "|---|---:|---:|---:|---:|---|---:|---:|",
    ]
    summary["pdf"] = {}
    for size, raw in raws.items():
        for variant, suffix in (("pdf", ""),):
            p = raw.get(variant)
            if not p:
                continue
            if p.get("failed"):
                summary["pdf"][size + suffix] = {**p, "met": False}
                lines.append(f"| {size}{suffix} | — | failed: {p['failed']} | — | — | {verdict(False)} | — | — |")
                continue
            met = p["ratio"] <= TARGETS["pdf_ratio"]
            summary["pdf"][size + suffix] = {**p, "met": met}
            lines.append(
                f"| {size}{suffix} | {p['report']['pages']} | {p['report']['seconds']} | {p['floor']['seconds']} | "
                f"{p['ratio']} | {verdict(met)} | "
                f"{p['report']['maxrss_mib']} (from {p['report']['maxrss_before_mib']}) | "
                f"{p['floor']['maxrss_mib']} (from {p['floor']['maxrss_before_mib']}) |"
            )
    lines += ["", "## Import of 10,000 measure rows", ""]
    lines += [
        "| size | import (campaigns MeasureResource) s | bulk_create s | ratio | ≤ 3× | bulk_create_with_history s "
        "| ratio to it |",
        "|---|---:|---:|---:|---|---:|---:|",
    ]
    summary["import"] = {}
    for size, raw in raws.items():
        i = raw.get("import")
        if not i:
            continue
        met = i["ratio"] <= TARGETS["import_ratio"]
        summary["import"][size] = {**i, "met": met}
        lines.append(
            f"| {size} | {i['import_seconds']} | {i['bulk_create_seconds']} | {i['ratio']} | {verdict(met)} | "
            f"{i['bulk_create_with_history_seconds']} | {i['ratio_vs_history_floor']} |"
        )
    lines += ["", "## Reminder sweep (dashboards.sweep.sweep_run, rolled back after)", ""]
    lines += [
        "| size | measures | items | messages | seconds | queries | queries per item |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    summary["sweep"] = {}
    for size, raw in raws.items():
        s = raw.get("sweep")
        if not s:
            continue
        summary["sweep"][size] = s
        lines.append(
            f"| {size} | {s['measures']:,} | {s.get('items')} | {s.get('messages')} | {s['seconds']} | {s['queries']} "
            f"| {s['queries_per_item']} |"
        )
    lines += [
        "",
        "Load average (1, 5, 15 min) at start and end: "
        + "; ".join(f"{size}: {raw['loadavg_start']} → {raw['loadavg_end']}" for size, raw in raws.items())
        + ". Other work on the machine shows in the times; the ratios and query counts are what to read.",
    ]
    notes = BENCH_DIR / "notes.md"
    if notes.exists():
        lines += ["", notes.read_text().strip()]
    (RESULTS / "results.md").write_text("\n".join(lines) + "\n")
    (RESULTS / "results.json").write_text(json.dumps(summary, ensure_ascii=False, indent=2))
    print("\n".join(lines))


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    measure = sub.add_parser("measure")
    measure.add_argument("--size", required=True)
    measure.add_argument("--parts", default="pages,sweep,import,pdf,throughput")
    measure.set_defaults(func=cmd_measure)
    profile = sub.add_parser("profile")
    profile.add_argument("--size", required=True)
    profile.add_argument("--page", required=True, choices=list(PAGE_LABELS))
    profile.set_defaults(func=cmd_profile)
    report = sub.add_parser("report")
    report.set_defaults(func=cmd_report)
    args = parser.parse_args(argv)
    args.func(args)


if __name__ == "__main__":
    main()
