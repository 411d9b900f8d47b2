"""The settings of the site the benchmarks time: the hub's own, plus a trivial page of the
performance app to compare against (bench/urls.py). Loopback only."""

from hub.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
ALLOWED_HOSTS = ["*"]
DEBUG = False

# One JSON line per request would time the console as much as the page (and bury the
# figures); the bench's requests are not logged unless HUB_REQUEST_LOG_LEVEL says so.
LOGGING["loggers"]["hub.requests"]["level"] = os.environ.get(  # noqa: F405
    "HUB_REQUEST_LOG_LEVEL", "WARNING")
