from core.tests.walk import UrlCase  # noqa: F401

CASES: list = []
