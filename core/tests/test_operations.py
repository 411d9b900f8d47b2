"""Operations: the health endpoint, request ids and structured (JSON) logs."""

import json
import logging

import pytest

from core.logs import JsonFormatter, RequestIdFilter


def test_health_reports_database_cache_and_broker_without_sign_in(client, db):
    response = client.get("/health/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    body = response.json()
    assert body["status"] == "ok"
    assert set(body["checks"]) == {"database", "cache", "broker"}
    assert all(c["status"] == "ok" for c in body["checks"].values())
    assert "no-store" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]


def test_health_says_503_and_which_check_failed_but_no_detail(client, db, monkeypatch):
    from core import health

    def broken():
        raise ConnectionError("redis://secret-host:6379 refused")

    monkeypatch.setattr(health, "_cache", broken)
    response = client.get("/health/")
    assert response.status_code == 503
    body = response.json()
    assert body["checks"]["cache"] == {"status": "error", "error": "ConnectionError",
                                       "ms": body["checks"]["cache"]["ms"]}
    assert "secret-host" not in response.content.decode()


def test_every_response_carries_a_request_id_and_keeps_a_plain_incoming_one(client, db):
    fresh = client.get("/health/")
    assert len(fresh["X-Request-ID"]) == 32
    assert client.get("/health/")["X-Request-ID"] != fresh["X-Request-ID"]
    kept = client.get("/health/", headers={"X-Request-ID": "lb-1234.abc"})
    assert kept["X-Request-ID"] == "lb-1234.abc"
    injected = client.get("/health/", headers={"X-Request-ID": "x\"}\n{\"level\": \"ERROR"})
    assert injected["X-Request-ID"] != "x\"}\n{\"level\": \"ERROR"
    assert len(injected["X-Request-ID"]) == 32


def test_each_request_logs_one_json_line_with_its_request_id(client, db, caplog):
    with caplog.at_level(logging.INFO, logger="hub.requests"):
        response = client.get("/health/", headers={"X-Request-ID": "trace-42"})
    records = [r for r in caplog.records if r.name == "hub.requests"]
    assert len(records) == 1
    RequestIdFilter().filter(records[0])
    line = json.loads(JsonFormatter().format(records[0]))
    assert line["request_id"] == response["X-Request-ID"] == "trace-42"
    assert line["status"] == 200 and line["path"] == "/health/" and line["method"] == "GET"
    assert line["level"] == "INFO" and line["logger"] == "hub.requests"


def test_a_log_line_written_during_a_request_names_that_request(client, db, monkeypatch,
                                                                caplog):
    from core import health

    def noisy():
        logging.getLogger("hub.test").warning("looking at the cache")
        return {}

    monkeypatch.setattr(health, "_cache", noisy)
    with caplog.at_level(logging.WARNING, logger="hub.test"):
        client.get("/health/", headers={"X-Request-ID": "trace-43"})
    record = next(r for r in caplog.records if r.name == "hub.test")
    RequestIdFilter().filter(record)
    assert json.loads(JsonFormatter().format(record))["request_id"] == "trace-43"


@pytest.mark.parametrize("value", ["text", 3, None])
def test_json_lines_carry_extra_fields_and_exceptions(value):
    try:
        raise ValueError("boom")
    except ValueError:
        import sys

        record = logging.LogRecord("hub.x", logging.ERROR, __file__, 1, "failed %s", ("a",),
                                   sys.exc_info())
    record.thing = value
    line = json.loads(JsonFormatter().format(record))
    assert line["message"] == "failed a" and line["thing"] == value
    assert "ValueError: boom" in line["exception"]
