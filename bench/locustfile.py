"""The simulated users of the load test (bench/load.py starts them; not run on its own).

Each user is signed in (a session made by bench/load.py) as an agency lead of every bench
partnership and, between short pauses, opens the busiest pages of a random partnership
and area, or asks the API. Anything but the expected status is a failure; a 5xx is
reported as a server error."""

import json
import os
import random

from locust import HttpUser, between, task

TARGETS = json.loads(open(os.environ["BENCH_LOAD_TARGETS"], encoding="utf-8").read())
SERVER_ERROR = "server error"


class Reader(HttpUser):
    wait_time = between(0.5, 2)

    def on_start(self):
        self.client.cookies.set(TARGETS["session_cookie"], random.choice(TARGETS["sessions"]))
        self.token = {"Authorization": f"Token {TARGETS['token']}"}

    def _get(self, name, path, params=None, headers=None):
        with self.client.get(path, params=params, headers=headers, name=name,
                             allow_redirects=False, catch_response=True) as response:
            if response.status_code == 0:  # no answer: the connection failed or timed out
                response.failure(f"no response: {type(response.error).__name__}")
            elif response.status_code >= 500:
                response.failure(f"{SERVER_ERROR} {response.status_code}")
            elif response.status_code != 200:
                response.failure(f"unexpected status {response.status_code}")

    def _place(self):
        slug, areas = random.choice(TARGETS["partnerships"])
        return slug, random.choice(areas)

    @task(2)
    def trivial(self):
        slug, _ = self._place()
        self._get("trivial view", f"/bench/p/{slug}/trivial/")

    @task(4)
    def scorecard(self):
        slug, area = self._place()
        self._get("scorecard", f"/p/{slug}/performance/", {"area": area})

    @task(2)
    def scorecard_period(self):
        slug, area = self._place()
        self._get("scorecard, an earlier period", f"/p/{slug}/performance/",
                  {"area": area, "period": random.choice(TARGETS["periods"])})

    @task(3)
    def indicator(self):
        slug, _ = self._place()
        self._get("indicator page",
                  f"/p/{slug}/performance/indicators/{random.choice(TARGETS['indicators'])}/")

    @task(2)
    def chart(self):
        slug, _ = self._place()
        code = random.choice(TARGETS["indicators"])
        self._get("indicator chart (SVG)",
                  f"/p/{slug}/performance/indicators/{code}/chart.svg")

    @task(2)
    def exceptions(self):
        slug, _ = self._place()
        self._get("exceptions", f"/p/{slug}/performance/exceptions/")

    @task(1)
    def catalogue(self):
        slug, _ = self._place()
        self._get("indicator catalogue", f"/p/{slug}/performance/indicators/")

    @task(3)
    def api_values(self):
        code = random.choice(TARGETS["indicators"])
        self._get("API: an indicator's values", f"/api/v1/indicators/{code}/values/",
                  {"area": random.choice(TARGETS["api_areas"]),
                   "period": random.choice(TARGETS["periods"])}, headers=self.token)

    @task(1)
    def api_catalogue(self):
        self._get("API: the catalogue", "/api/v1/indicators/", headers=self.token)
