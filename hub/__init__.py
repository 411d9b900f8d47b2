# Loading the Celery app with Django makes @shared_task use its settings (broker or eager).
from .celery import app as celery_app

__all__ = ["celery_app"]
