"""Språng's benchmark: page latency, queries, throughput and memory at city scale. See bench/README.md."""

from __future__ import annotations

import argparse
import http.client
import json
import os
import platform
import re
import signal
import statistics
import subprocess
import sys
import time
import urllib.parse
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = ROOT / ".venv" / "bin" / "python"
BENCH_VENV = ROOT / ".venv-bench"
HOST = "127.0.0.1"
#: Another port (BENCH_PORT) lets two measurements run side by side.
PORT = int(os.environ.get("BENCH_PORT", "8765"))
SECRET = "bench-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz"  # noqa: S105


def database_url(db: str, scale: str) -> str:
    if db == "sqlite":
        return f"sqlite:///{ROOT / 'var' / f'bench-{scale}.sqlite3'}"
    return f"postgres://postgres@127.0.0.1:5432/sprang_bench_{scale}"


def env_for(args) -> dict[str, str]:
    return {
        **os.environ,
        "DATABASE_URL": args.database_url or database_url(args.db, args.scale),
        "SECRET_KEY": SECRET,
        "ALLOWED_HOSTS": HOST,
        "SECURE_SSL_REDIRECT": "False",
        "SECURE_HSTS_SECONDS": "0",
        "SESSION_COOKIE_SECURE": "False",
        "CSRF_COOKIE_SECURE": "False",
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        # Production needs a cache the workers share (core.checks): Redis on this machine unless told otherwise.
        "CACHE_URL": os.environ.get("CACHE_URL", "redis://127.0.0.1:6379/0"),
        "PYTHONPATH": str(ROOT),
    }


def manage(args, *argv: str, check: bool = True) -> subprocess.CompletedProcess:
    return subprocess.run([str(PYTHON), "manage.py", *argv], cwd=ROOT, env=env_for(args), check=check)  # noqa: S603


def prepare(args) -> None:
    if args.database_url:
        manage(args, "migrate", "--no-input", "-v", "0")
        manage(args, "collectstatic", "--no-input", "-v", "0")
        return
    if args.db == "postgres":
        subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "postgres", f"sprang_bench_{args.scale}"], check=False)  # noqa: S607
    (ROOT / "var").mkdir(exist_ok=True)
    manage(args, "migrate", "--no-input", "-v", "0")
    probe = subprocess.run(
        [str(PYTHON), "manage.py", "shell", "-c", "from ideas.models import Idea; print(Idea.objects.count())"],
        cwd=ROOT,
        env=env_for(args),
        capture_output=True,
        text=True,
        check=True,  # noqa: S603
    )
    if int(probe.stdout.strip().splitlines()[-1]) == 0:
        manage(args, "generate_scale_data", "--scale", args.scale)
    manage(args, "collectstatic", "--no-input", "-v", "0")


def start_server(args) -> subprocess.Popen:
    cmd = [
        str(ROOT / ".venv" / "bin" / "gunicorn"),
        "config.wsgi",
        "-b",
        f"{HOST}:{PORT}",
        "-w",
        str(args.workers),
        "--worker-class",
        "gthread",
        "--threads",
        str(args.threads),
        "--log-level",
        "warning",
        # The compiled city PDF may take longer than gunicorn's default 30 s; let it finish to be measured.
        "--timeout",
        "180",
    ]
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env_for(args), start_new_session=True)  # noqa: S603
    for _ in range(100):
        try:
            conn = http.client.HTTPConnection(HOST, PORT, timeout=2)
            conn.request("GET", "/health/")
            if conn.getresponse().status == 200:
                return proc
        except OSError:
            time.sleep(0.2)
    proc.kill()
    raise SystemExit("gunicorn did not start")


def worker_pids(master: int) -> list[int]:
    out = subprocess.run(["pgrep", "-P", str(master)], capture_output=True, text=True, check=False)  # noqa: S607
    return [int(p) for p in out.stdout.split()]


def peak_rss_mb(pid: int) -> float | None:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return None
    match = re.search(r"VmHWM:\s+(\d+) kB", status)
    return int(match.group(1)) / 1024 if match else None


def session_cookie(args, email: str) -> str:
    code = (
        "from django.test import Client; from organisation.models import User; c = Client(); "
        f"c.force_login(User.objects.get(email={email!r})); print(c.cookies['sessionid'].value)"
    )
    out = subprocess.run(
        [str(PYTHON), "manage.py", "shell", "-c", code],
        cwd=ROOT,
        env=env_for(args),  # noqa: S603
        capture_output=True,
        text=True,
        check=True,
    )
    return out.stdout.strip().splitlines()[-1]


def page_targets(args) -> dict:
    code = r"""
import json
from django.db.models import Count, Q
from ideas.models import Idea
from organisation.models import Role, Unit, UnitKind, User
director = User.objects.filter(role_assignments__role=Role.DIRECTOR).first()
big = Unit.objects.filter(kind__in=(UnitKind.DISTRICT_ADMINISTRATION, UnitKind.SPECIALIST_ADMINISTRATION)).order_by("-headcount").first()
public = Idea.objects.filter(visibility="public").order_by("-pk").first()
detail = Idea.objects.annotate(n=Count("comments")).filter(n__gte=50).order_by("n").first() or Idea.objects.annotate(n=Count("comments")).order_by("-n").first()
total = Idea.objects.count()
from governance.models import Report, ReportingPeriod
report = Report.objects.filter(unit=big).order_by("-reporting_period__year", "-reporting_period__period").first()
period = ReportingPeriod.objects.filter(reports__status="approved").order_by("-year", "-period").first()
from calls.models import Call
ranked = Count("applications", filter=Q(applications__status__in=("in_review", "granted", "rejected")))
call = Call.objects.annotate(n=ranked).order_by("-n", "pk").first()  # the biggest the jury ranks
decided = Count("applications", filter=Q(applications__status__in=("granted", "rejected")))
published = Call.objects.filter(results_published_at__isnull=False).annotate(n=decided).order_by("-n", "pk").first()
from calls.models import Assignment
busiest = Assignment.objects.values("juror_id").annotate(n=Count("pk")).order_by("-n", "juror_id").first()
juror = User.objects.get(pk=busiest["juror_id"]) if busiest else None
from spread.models import Event, Example, Network
network = Network.objects.annotate(n=Count("posts")).order_by("-n", "pk").first()  # the busiest discussion
fair = Event.objects.annotate(n=Count("registrations")).order_by("-n", "pk").first()  # the busiest event
example = Example.objects.filter(status="published").order_by("-adoption_count", "-pk").first()
public_example = Example.objects.filter(status="published", visibility="public").order_by("-adoption_count", "-pk").first()
# challenges, part goals: the goal with most work tied to it (its goal view)
from governance.models import GoalLink
busiest_goal = GoalLink.objects.values("goal_id").annotate(n=Count("pk")).order_by("-n", "goal_id").first()

# --- challenges (the challenges part of the challenges app) ---
from challenges.models import Challenge
answered = Challenge.objects.order_by("-answer_count", "pk").first()  # the most answered
public_challenge = Challenge.objects.filter(audience__in=("residents", "suppliers", "academia", "anyone"), status__in=("published", "summarised")).order_by("-answer_count", "pk").first()
challenge_targets = {"challenge": answered.pk if answered else None, "challenge_answers": answered.answer_count if answered else 0,
                     "public_challenge": public_challenge.pk if public_challenge else None}
# --- end of challenges ---
# --- procurement ---
from procurement.models import ProcurementCase, Rfi, SupplierInterest
big_rfi = Rfi.objects.filter(status="published").order_by("-published_question_count", "pk").first()
busy = SupplierInterest.objects.values("supplier_id").annotate(n=Count("pk")).order_by("-n", "supplier_id").first()
supplier = User.objects.filter(supplier_id=busy["supplier_id"]).order_by("pk").first() if busy else None
procurement_targets = {"rfi": big_rfi.pk if big_rfi else None, "rfi_case": big_rfi.case_id if big_rfi else None,
                       "rfi_questions": big_rfi.published_question_count if big_rfi else 0,
                       "supplier": supplier.email if supplier else None, "supplier_dialogues": busy["n"] if busy else 0,
                       "officer": big_rfi.case.officer.email if big_rfi else None,
                       "cases": ProcurementCase.objects.count()}
# --- end of procurement ---
# --- surveys ---
from surveys.models import Response as SurveyResponse, Round as SurveyRound
survey_round = SurveyRound.objects.filter(state="closed").order_by("-invited_count", "-year", "pk").first()
orgs = Unit.objects.filter(kind__in=(UnitKind.SPECIALIST_ADMINISTRATION, UnitKind.DISTRICT_ADMINISTRATION, UnitKind.COMPANY))
largest_admin = max(orgs, key=lambda o: SurveyResponse.objects.filter(round=survey_round, unit__path__startswith=o.path).count(),
                    default=None) if survey_round else None
# The latest round of the capacity survey to the heads and managers: ten rounds over the years, so its trend is the longest.
managers_round = SurveyRound.objects.filter(state="closed", target_group="managers").order_by("-year", "-pk").first()
survey_targets = {"survey_round": survey_round.pk if survey_round else None,
                  "managers_round": managers_round.pk if managers_round else None,
                  "managers_answers": managers_round.responses.count() if managers_round else 0,
                  "survey_answers": survey_round.responses.count() if survey_round else 0,
                  "survey_admin": largest_admin.pk if largest_admin else None}
# --- end of surveys ---
# --- learning ---
from django.urls import NoReverseMatch, reverse
from learning.rules import staff_of
def _learning_url(name):
    try:
        return reverse(name)
    except NoReverseMatch:  # the page is not there (yet)
        return None
staff_sizes = sorted((staff_of(m).count(), m.pk, m.email) for m in User.objects.filter(role_assignments__role=Role.MANAGER).distinct())
staff_size, _pk, staff_manager = next((row for row in staff_sizes if row[0] >= 300), staff_sizes[-1] if staff_sizes else (0, None, None))
learning_targets = {"catalogue_url": _learning_url("learning:catalogue"), "staff_records_url": _learning_url("learning:staff_records"),
                    "learning_manager": staff_manager, "learning_staff": staff_size}
# --- end of learning ---
print(json.dumps({**learning_targets, **challenge_targets, **procurement_targets, **survey_targets, "goal": busiest_goal["goal_id"] if busiest_goal else None, "goal_work": busiest_goal["n"] if busiest_goal else 0,
                  "network": network.pk if network else None, "network_posts": network.n if network else 0,
                  "event": fair.pk if fair else None, "event_registrations": fair.n if fair else 0,
                  "example": example.pk if example else None, "public_example": public_example.pk if public_example else None,
                  "most_adopted": example.pk if example else None, "adopters": example.adoption_count if example else 0,
                  "public_idea": public.pk if public else None, "director": director.email, "big_unit": big.pk, "detail": detail.pk, "detail_comments": detail.n,
                  "deep_page": max(1, int(total * 0.9) // 25), "ideas": total,
                  "report": report.pk if report else None,
                  "city_report": [period.year, period.period] if period else None,
                  "call": call.pk if call else None, "call_applications": call.n if call else 0,
                  "results_call": published.pk if published else None, "results_decided": published.n if published else 0,
                  "juror": juror.email if juror else None, "juror_assignments": busiest["n"] if busiest else 0}))
"""
    out = subprocess.run(
        [str(PYTHON), "manage.py", "shell", "-c", code],
        cwd=ROOT,
        env=env_for(args),  # noqa: S603
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def pages(t: dict) -> dict[str, str]:
    return {
        "floor (/health/)": "/health/",
        "signed-in floor (/health/signed-in/)": "/health/signed-in/",
        "start page": "/",
        "idea list, first page": "/ideas/",
        "idea list, deep page": f"/ideas/?page={t['deep_page']}",
        "idea list, filtered": "/ideas/?stage=pilot&source=resident",
        "idea list, search": "/ideas/?q=" + urllib.parse.quote("cykel"),
        "idea list, search of two words": "/ideas/?q=" + urllib.parse.quote("cykel skolan"),
        f"idea detail ({t['detail_comments']} comments)": f"/ideas/{t['detail']}/",
        "pipeline board, large administration": f"/ideas/pipeline/?unit={t['big_unit']}",
        "pipeline board, whole city": "/ideas/pipeline/",
        "API idea list": "/api/v1/ideas/?limit=25",
        "similar ideas": "/ideas/similar/?title=" + urllib.parse.quote("cyklar i hemtjänsten"),
        "follow-up dashboard, whole city": "/governance/",
        "follow-up dashboard, large administration": f"/governance/?unit={t['big_unit']}",
        **({"one unit's report": f"/governance/reports/{t['report']}/"} if t.get("report") else {}),
        "calls list": "/calls/",
        "API calls list": "/api/v1/calls/?limit=25",
        "advice queue, whole city": "/spread/advice/?view=queue",
        "advice queue, overdue": "/spread/advice/?view=queue&state=overdue",
        "advice queue, search": "/spread/advice/?view=queue&q=" + urllib.parse.quote("idé"),
        **(
            {
                f"one call ({t['call_applications']} applications ranked)": f"/calls/{t['call']}/",
                f"chair's ranking ({t['call_applications']} applications ranked)": f"/calls/{t['call']}/ranking/",
            }
            if t.get("call")
            else {}
        ),
        **(
            {f"call results, public record ({t['results_decided']} decided)": f"/calls/{t['results_call']}/results/"}
            if t.get("results_call")
            else {}
        ),
        # --- needs (challenges app, part needs) ---
        "needs list": "/challenges/needs/",
        "needs list, search": "/challenges/needs/?q=" + urllib.parse.quote("köer") + "&sort=same",
        "API needs list": "/api/v1/needs/?limit=25",
        # --- end of needs ---
        "events list": "/spread/events/",
        "API events list": "/api/v1/events/?limit=25",
        **(
            {f"one event ({t['event_registrations']} registrations)": f"/spread/events/{t['event']}/"}
            if t.get("event")
            else {}
        ),
        "good examples library": "/spread/examples/",
        "good examples library, search and filters": "/spread/examples/?q=cykel&organisation_kind=district_administration",
        "good examples library, newest, filtered": "/spread/examples/?sector=elderly_care&value=social&sort=newest",
        **({"one good example": f"/spread/examples/{t['example']}/"} if t.get("example") else {}),
        **(
            {
                f"an example's spread view ({t['adopters']} adopters)": f"/spread/adoptions/example/{t['most_adopted']}/",
                "adoptions list, whole city": "/spread/adoptions/?scope=all",
                "API adoptions list": "/api/v1/adoptions/?limit=25",
            }
            if t.get("most_adopted")
            else {}
        ),
        # challenges, part goals: the goal view of the dashboard, for the goal with most work
        **(
            {
                f"the goal view of the dashboard ({t['goal_work']} tied to the goal)": f"/governance/goals/{t['goal']}/work/"
            }
            if t.get("goal")
            else {}
        ),
        # --- challenges (the challenges part of the challenges app) ---
        "challenge list": "/challenges/",
        "challenge list, closed, search": "/challenges/?state=closed&q=" + urllib.parse.quote("skolvägen"),
        "API challenge list": "/api/v1/challenges/?limit=25",
        **(
            {f"a challenge with {t['challenge_answers']} answers": f"/challenges/{t['challenge']}/"}
            if t.get("challenge")
            else {}
        ),
        # --- end of challenges ---
        **(
            {
                f"a network's discussion ({t['network_posts']} posts)": f"/spread/networks/{t['network']}/",
                f"a network's discussion, page 20 ({t['network_posts']} posts)": f"/spread/networks/{t['network']}/?page=20",
            }
            if t.get("network")
            else {}
        ),
        # Needs and challenges, the OpenLab part: the city's overview of every collaboration.
        "OpenLab overview": "/challenges/openlab/",
        "OpenLab overview, under way, page 2": "/challenges/openlab/?status=under_way&page=2",
        "API OpenLab assignments": "/api/v1/openlab/assignments?limit=25",
        # --- procurement ---
        f"procurement cases list ({t.get('cases', 0)} cases)": "/procurement/",
        "procurement cases, search": "/procurement/?q=" + urllib.parse.quote("energi"),
        "contracts register": "/procurement/contracts/",
        **(
            {
                f"a case whose request has {t['rfi_questions']} published answers": f"/procurement/{t['rfi_case']}/",
            }
            if t.get("rfi")
            else {}
        ),
        "API procurement cases (published requests)": "/api/v1/procurement/cases?limit=25",
        # --- end of procurement ---
        # --- surveys ---
        "surveys overview": "/surveys/",
        **(
            {
                f"survey results, the city ({t['survey_answers']} answers)": f"/surveys/results/{t['survey_round']}/",
                "survey results, the largest administration": (
                    f"/surveys/results/{t['survey_round']}/?group=unit:{t['survey_admin']}"
                ),
                "survey results, the city, XLSX": f"/surveys/results/{t['survey_round']}/results.xlsx",
                **(
                    {
                        f"survey results, heads and managers, the city ({t['managers_answers']} answers)": (
                            f"/surveys/results/{t['managers_round']}/"
                        )
                    }
                    if t.get("managers_round")
                    else {}
                ),
                "survey round, response rate per unit": f"/surveys/rounds/{t['survey_round']}/",
                "API survey results, the largest administration": (
                    f"/api/v1/surveys/rounds/{t['survey_round']}/results?group=unit:{t['survey_admin']}"
                ),
            }
            if t.get("survey_round")
            else {}
        ),
        # --- end of surveys ---
        # --- learning ---
        **({"course catalogue": t["catalogue_url"]} if t.get("catalogue_url") else {}),
        # --- end of learning ---
    }


def anonymous_pages(t: dict) -> dict[str, str]:
    """What anyone reads without signing in, requested without a cookie, as a visitor's first request is."""
    return {
        "anonymous: start page": "/",
        "anonymous: idea list": "/ideas/",
        **({"anonymous: a public idea": f"/ideas/{t['public_idea']}/"} if t.get("public_idea") else {}),
        "anonymous: open data page": "/opendata/",
        "anonymous: open data CSV": "/opendata/ideas.csv",
        "anonymous: open data catalogue": "/opendata/catalog.jsonld",
        "anonymous: calls list": "/calls/",
        **({"anonymous: one call": f"/calls/{t['call']}/"} if t.get("call") else {}),
        **(
            {"anonymous: call results, public record": f"/calls/{t['results_call']}/results/"}
            if t.get("results_call")
            else {}
        ),
        "anonymous: events list": "/spread/events/",
        **({"anonymous: one event": f"/spread/events/{t['event']}/"} if t.get("event") else {}),
        "anonymous: good examples library": "/spread/examples/",
        # --- challenges (the challenges part of the challenges app) ---
        "anonymous: challenge list": "/challenges/",
        **(
            {"anonymous: a public challenge": f"/challenges/{t['public_challenge']}/"}
            if t.get("public_challenge")
            else {}
        ),
        # --- end of challenges ---
        # --- procurement ---
        "anonymous: market dialogues list": "/procurement/rfi/",
        **(
            {f"anonymous: a request with {t['rfi_questions']} published answers": f"/procurement/rfi/{t['rfi']}/"}
            if t.get("rfi")
            else {}
        ),
        # --- end of procurement ---
        **(
            {"anonymous: a public good example": f"/spread/examples/{t['public_example']}/"}
            if t.get("public_example")
            else {}
        ),
    }


def juror_pages(t: dict) -> dict[str, str]:
    """The juror's own page, measured signed in as the juror with the most assignments."""
    if not t.get("juror"):
        return {}
    return {f"juror's page ({t['juror_assignments']} assignments over the years)": "/calls/jury/"}


def supplier_pages(t: dict) -> dict[str, str]:
    """A supplier's own pages, measured signed in as a person of the organisation in most market dialogues."""
    if not t.get("supplier"):
        return {}
    return {
        f"supplier's page ({t['supplier_dialogues']} dialogues)": "/procurement/supplier/",
        **(
            {"a request with its answers, as a registered supplier": f"/procurement/rfi/{t['rfi']}/"}
            if t.get("rfi")
            else {}
        ),
    }


def officer_pages(t: dict) -> dict[str, str]:
    """The procurement officer's own pages, signed in as the officer of the request with most answers."""
    if not t.get("officer") or not t.get("rfi"):
        return {}
    return {f"the officer's dialogue workroom ({t['rfi_questions']} answers)": f"/procurement/rfi/{t['rfi']}/work/"}


def manager_pages(t: dict) -> dict[str, str]:
    """A manager's view of their staff's learning, signed in as the manager with the fewest staff from 300 up (the
    most there are, where no one has 300)."""
    if not t.get("learning_manager") or not t.get("staff_records_url"):
        return {}
    return {f"a manager's view of their staff's learning ({t['learning_staff']} staff)": t["staff_records_url"]}


def slow_pages(t: dict) -> dict[str, str]:
    """Documents that take seconds: measured a few times, without warm-up."""
    if not t.get("city_report"):
        return {}
    year, period = t["city_report"]
    return {"compiled city report, PDF": f"/governance/city/{year}/{period}/report.pdf"}


def etag_of(path: str) -> str:
    conn = http.client.HTTPConnection(HOST, PORT, timeout=120)
    conn.request("GET", path)
    response = conn.getresponse()
    response.read()
    return response.getheader("ETag") or ""


def measure_latency(cookie: str | None, path: str, n: int, warmup: int = 5, headers: dict | None = None) -> dict:
    """Median and p95 of ``n`` requests after ``warmup``; without a cookie (``None``) as an anonymous visitor."""
    conn = http.client.HTTPConnection(HOST, PORT, timeout=120)
    headers = {**({"Cookie": f"sessionid={cookie}"} if cookie and path != "/health/" else {}), **(headers or {})}
    times, status = [], None
    for i in range(n + warmup):
        start = time.perf_counter()
        conn.request("GET", path, headers=headers)
        response = conn.getresponse()
        response.read()
        elapsed = (time.perf_counter() - start) * 1000
        status = response.status
        if i >= warmup:
            times.append(elapsed)
    times.sort()
    return {
        "status": status,
        "requests": n,
        "median_ms": round(statistics.median(times), 2),
        "p95_ms": round(times[int(0.95 * (len(times) - 1))], 2),
    }


def count_queries(args, email: str | None, paths: dict[str, str]) -> dict[str, int]:
    """Queries of each page's second request, signed in as ``email`` (``None``: anonymous)."""
    login = f"c.force_login(User.objects.get(email={email!r}))" if email else ""
    code = f"""
import json
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from organisation.models import User
c = Client(); {login}
paths = json.loads({json.dumps(json.dumps(paths))})
out = {{}}
for name, path in paths.items():
    c.get(path)
    with CaptureQueriesContext(connection) as ctx:
        c.get(path)
    out[name] = len(ctx.captured_queries)
print(json.dumps(out))
"""
    env = {**env_for(args), "ALLOWED_HOSTS": "testserver", "SECURE_SSL_REDIRECT": "False"}
    out = subprocess.run(
        [str(PYTHON), "manage.py", "shell", "-c", code],
        cwd=ROOT,
        env=env,  # noqa: S603
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def ensure_bench_venv() -> Path:
    python = BENCH_VENV / "bin" / "python"
    if not python.exists():
        subprocess.run([sys.executable, "-m", "venv", str(BENCH_VENV)], check=True)  # noqa: S603
        subprocess.run(
            [str(python), "-m", "pip", "install", "-q", "-r", str(ROOT / "requirements" / "bench.txt")], check=True
        )  # noqa: S603
    return BENCH_VENV / "bin" / "locust"


def run_load(args, users: int, targets: dict, cookies: dict[str, str]) -> dict:
    locust = ensure_bench_venv()
    out_prefix = ROOT / "bench" / "results" / f"locust-{users}"
    env = {**os.environ, "BENCH_TARGETS": json.dumps(targets), "BENCH_COOKIES": json.dumps(cookies)}
    cmd = [
        str(locust),
        "-f",
        str(ROOT / "bench" / "locustfile.py"),
        "--headless",
        "-u",
        str(users),
        "-r",
        str(max(10, users // 5)),
        "-t",
        f"{args.duration}s",
        "--host",
        f"http://{HOST}:{PORT}",
        "--csv",
        str(out_prefix),
        "--only-summary",
        "--stop-timeout",
        "5",
    ]
    subprocess.run(cmd, env=env, check=False, capture_output=True)  # noqa: S603
    rows = list((out_prefix.with_name(out_prefix.name + "_stats.csv")).read_text().splitlines())
    header = rows[0].split(",")
    total = dict(zip(header, rows[-1].split(","), strict=False))
    result = {
        "users": users,
        "duration_s": args.duration,
        "requests": int(total["Request Count"]),
        "failures": int(total["Failure Count"]),
        "requests_per_s": round(float(total["Requests/s"]), 1),
        "median_ms": float(total["Median Response Time"]),
        "p95_ms": float(total["95%"]),
    }
    for suffix in ("_stats.csv", "_stats_history.csv", "_failures.csv", "_exceptions.csv"):
        out_prefix.with_name(out_prefix.name + suffix).unlink(missing_ok=True)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--scale", choices=["small", "city"], default="city")
    parser.add_argument("--requests", type=int, default=100)
    parser.add_argument("--duration", type=int, default=60)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--threads", type=int, default=4, help="Threads per gunicorn worker (gthread).")
    parser.add_argument("--users", default="50,200")
    parser.add_argument("--skip-load", action="store_true")
    parser.add_argument("--label", default="", help="A word to tell runs apart, e.g. before/after.")
    parser.add_argument("--database-url", default="", help="Measure an existing database instead (e.g. the demo city).")
    parser.add_argument(
        "--only",
        default="",
        help="Measure only the pages whose name holds one of these comma-separated words (the floors always).",
    )
    args = parser.parse_args()
    words = [w.strip().lower() for w in args.only.split(",") if w.strip()]

    def chosen(name: str) -> bool:
        return not words or "floor" in name or any(w in name.lower() for w in words)

    prepare(args)
    targets = page_targets(args)
    cookie = session_cookie(args, targets["director"])
    server = start_server(args)
    results: dict = {
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "label": args.label,
        "database": args.db,
        "scale": args.scale,
        "ideas": targets["ideas"],
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform()},
        "server": f"gunicorn, {args.workers} workers × {args.threads} threads, config.settings.production, whitenoise",
        "latency": {},
    }
    try:
        page_paths = {k: v for k, v in pages(targets).items() if chosen(k)}
        for name, path in page_paths.items():
            results["latency"][name] = measure_latency(cookie, path, args.requests)
            print(f"{name:45} {results['latency'][name]}", flush=True)
        for name, path in anonymous_pages(targets).items():
            if not chosen(name):
                continue
            results["latency"][name] = measure_latency(None, path, args.requests)
            print(f"{name:45} {results['latency'][name]}", flush=True)
        # A browser or a proxy that already has the file asks whether it changed (If-None-Match).
        name = "anonymous: open data CSV, revalidated"
        etag = etag_of("/opendata/ideas.csv")
        if etag and chosen(name):
            revalidate = {"If-None-Match": etag}
            results["latency"][name] = measure_latency(None, "/opendata/ideas.csv", args.requests, headers=revalidate)
            print(f"{name:45} {results['latency'][name]}", flush=True)
        for pages_of, who in (
            (juror_pages, "juror"),
            (supplier_pages, "supplier"),
            (officer_pages, "officer"),
            (manager_pages, "learning_manager"),
        ):
            if pages_of(targets):
                own_cookie = session_cookie(args, targets[who])
                for name, path in pages_of(targets).items():
                    if chosen(name):
                        results["latency"][name] = measure_latency(own_cookie, path, args.requests)
                        print(f"{name:45} {results['latency'][name]}", flush=True)
        for name, path in slow_pages(targets).items():
            if not chosen(name):
                continue
            results["latency"][name] = measure_latency(cookie, path, 3, warmup=0)
            print(f"{name:45} {results['latency'][name]}", flush=True)
        # Two floors: the framework alone (anonymous, no session) and the framework with the session and user
        # lookup every signed-in page pays. A page's own cost is its distance from the signed-in floor.
        floor = results["latency"]["floor (/health/)"]["median_ms"]
        signed_in_floor = results["latency"]["signed-in floor (/health/signed-in/)"]["median_ms"]
        for row in results["latency"].values():
            row["ratio_to_floor"] = round(row["median_ms"] / floor, 1) if floor else None
            row["ratio_to_signed_in_floor"] = round(row["median_ms"] / signed_in_floor, 1) if signed_in_floor else None
        results["floors_ms"] = {"anonymous": floor, "signed_in": signed_in_floor}
        print(f"floors: anonymous {floor} ms, signed in {signed_in_floor} ms", flush=True)
        queries = count_queries(args, targets["director"], {k: v for k, v in page_paths.items() if v != "/health/"})
        queries.update(count_queries(args, None, {k: v for k, v in anonymous_pages(targets).items() if chosen(k)}))
        for pages_of, who in (
            (juror_pages, "juror"),
            (supplier_pages, "supplier"),
            (officer_pages, "officer"),
            (manager_pages, "learning_manager"),
        ):
            if pages_of(targets):
                own = {k: v for k, v in pages_of(targets).items() if chosen(k)}
                if own:
                    queries.update(count_queries(args, targets[who], own))
        for name, n in queries.items():
            results["latency"][name]["queries"] = n
        if not args.skip_load:
            writer_cookie = session_cookie(args, targets["director"])
            results["load"] = [
                run_load(args, int(u), targets, {"reader": cookie, "writer": writer_cookie})
                for u in args.users.split(",")
            ]
            for row in results["load"]:
                print(f"load {row}", flush=True)
        results["peak_worker_memory_mb"] = [peak_rss_mb(pid) for pid in worker_pids(server.pid)]
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()
    name = f"{args.db}-{args.scale}{'-' + args.label if args.label else ''}-{datetime.now(UTC):%Y%m%dT%H%M%S}.json"
    out = ROOT / "bench" / "results" / name
    out.write_text(json.dumps(results, indent=2, ensure_ascii=False))
    print(f"\nwritten {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
