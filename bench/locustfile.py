"""The mixed profile: 90 % reads, 10 % writes (ideas, comments, supports, gate decisions), as the director."""

import json
import os
import random
import re

from locust import HttpUser, between, task

TARGETS = json.loads(os.environ.get("BENCH_TARGETS", "{}"))
COOKIES = json.loads(os.environ.get("BENCH_COOKIES", "{}"))
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
IDEA_IDS = range(1, max(2, int(TARGETS.get("ideas", 100))))


class CityUser(HttpUser):
    wait_time = between(0, 0)

    def on_start(self) -> None:
        self.client.cookies.set("sessionid", COOKIES.get("reader", ""))

    def _csrf(self, path: str) -> str | None:
        response = self.client.get(path, name="(form)")
        match = CSRF.search(response.text)
        return match.group(1) if match else None

    def _idea(self) -> int:
        return random.choice(IDEA_IDS)  # noqa: S311

    @task(20)
    def start_page(self) -> None:
        self.client.get("/", name="/")

    @task(25)
    def idea_list(self) -> None:
        self.client.get(f"/ideas/?page={random.randint(1, 40)}", name="/ideas/?page=N")  # noqa: S311

    @task(8)
    def search(self) -> None:
        word = random.choice(["cykel", "äldreboende", "skola", "bibliotek", "avfall", "park"])  # noqa: S311
        self.client.get(f"/ideas/?q={word}", name="/ideas/?q=WORD")

    @task(25)
    def detail(self) -> None:
        self.client.get(f"/ideas/{self._idea()}/", name="/ideas/ID/")

    @task(6)
    def pipeline(self) -> None:
        self.client.get("/ideas/pipeline/", name="/ideas/pipeline/")

    @task(6)
    def api(self) -> None:
        self.client.get("/api/v1/ideas/?limit=25", name="/api/v1/ideas/")

    @task(4)
    def comment(self) -> None:
        idea = self._idea()
        token = self._csrf(f"/ideas/{idea}/")
        self.client.post(
            f"/ideas/{idea}/comments/",
            {"csrfmiddlewaretoken": token, "body": "Bra idé – vi vill testa hos oss."},
            name="POST comment",
            allow_redirects=False,
        )

    @task(3)
    def support(self) -> None:
        idea = self._idea()
        token = self._csrf(f"/ideas/{idea}/")
        self.client.post(
            f"/ideas/{idea}/support/",
            {"csrfmiddlewaretoken": token, "kind": "same_need"},
            name="POST support",
            allow_redirects=False,
        )

    @task(2)
    def submit(self) -> None:
        token = self._csrf("/ideas/new/")
        self.client.post(
            "/ideas/new/",
            {
                "csrfmiddlewaretoken": token,
                "title": "Cykelpool för hemtjänsten",
                "problem": "Lång restid mellan besök.",
                "audience": "Hemtjänsten.",
                "proposal": "Elcyklar som bokas i appen.",
                "expected_value": "Mer tid hos brukarna.",
                "kind": "process",
                "values": ["economic"],
                "unit": str(TARGETS.get("big_unit", 1)),
                "source": "employee",
                "visibility": "internal",
            },
            name="POST idea",
            allow_redirects=False,
        )

    @task(1)
    def decide(self) -> None:
        idea = self._idea()
        page = self.client.get(f"/ideas/{idea}/decide/?to=parked", name="(form)", allow_redirects=False)
        match = CSRF.search(page.text)
        version = re.search(r'name="version" value="(\d+)"', page.text)
        if not match or not version:
            return
        self.client.post(
            f"/ideas/{idea}/decide/",
            {
                "csrfmiddlewaretoken": match.group(1),
                "to_stage": "parked",
                "version": version.group(1),
                "rationale": "Parkeras till nästa budgetår.",
                "parked_until": "2027-09-01",
            },
            name="POST decision",
            allow_redirects=False,
        )
