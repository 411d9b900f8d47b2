"""The settings of the site the benchmarks time: the hub's own, plus a trivial page of the
performance app to compare against (bench/urls.py). Loopback only."""

from hub.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
ALLOWED_HOSTS = ["*"]
DEBUG = False
