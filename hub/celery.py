"""The Celery application: background work (report files, reminders, retention purges).

Run a worker and the scheduler beside the app servers when REDIS_URL is set:
    celery -A hub worker    and    celery -A hub beat
Without a broker the settings make every task run in the calling process."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hub.settings")

app = Celery("hub")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
