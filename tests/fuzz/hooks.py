"""Schemathesis hooks for scripts/fuzz.ts: a refused write must change nothing; the run keeps its own key.

Every change Gatehouse makes writes an audit event (the project's rule), so before each write
(POST, PUT, PATCH, DELETE) the newest event of the tenant's trail and of the platform's trail is
noted, and the check `refused_write_changed_nothing` fails a response of 4xx or 5xx after which
either trail has a newer event. It reads the trails through the API itself, with the run's keys.
"""

from __future__ import annotations

import os
import uuid

import requests
import schemathesis

WRITES = {"POST", "PUT", "PATCH", "DELETE"}
ORIGIN = os.environ["FUZZ_ORIGIN"]
TRAILS = {
    "tenant": (f"/api/v1/tenants/{os.environ['FUZZ_TENANT_KEY']}/audit-events", os.environ["FUZZ_TENANT_HOST"], os.environ["FUZZ_TENANT_SECRET"]),
    "platform": ("/api/v1/audit-events", os.environ["FUZZ_CONSOLE_HOST"], os.environ["FUZZ_PLATFORM_SECRET"]),
}
OWN_KEY_ID = os.environ["FUZZ_TENANT_KEY_ID"]
_session = requests.Session()
_before: dict[int, dict[str, str | None]] = {}


def _newest_events() -> dict[str, str | None]:
    """The newest event id of each trail; a trail the key cannot read now (the console run may lock the tenant out) is left out."""
    newest: dict[str, str | None] = {}
    for name, (path, host, secret) in TRAILS.items():
        response = _session.get(f"{ORIGIN}{path}", params={"limit": "1"}, headers={"Host": host, "Authorization": f"Bearer {secret}"}, timeout=30)
        if response.status_code in (402, 403):
            continue
        if response.status_code != 200:
            raise AssertionError(f"the {name} audit trail cannot be read with the run's key: {response.status_code} {response.text[:200]}")
        items = response.json()["items"]
        newest[name] = items[0]["id"] if items else None
    return newest


@schemathesis.hook
def before_call(context, case, kwargs):
    # Never revoke the run's own key: the fuzzer reuses ids it saw in responses (the key list), and
    # with the key gone every later request would be a 401 that tests nothing.
    if "/api-keys/" in case.path and (case.path_parameters or {}).get("id") == OWN_KEY_ID:
        case.path_parameters["id"] = str(uuid.uuid4())
    if case.method.upper() in WRITES:
        _before[id(case)] = _newest_events()


@schemathesis.hook
def after_call(context, case, response):
    # The fuzzer may set the run's own tenant a limit of 1 a minute: every later request (and the
    # trail reads above) would be a 429 that tests nothing. Back to the platform's limits.
    if case.method.upper() == "PUT" and case.path.endswith("/rate-limits") and response.status_code == 200:
        cleared = _session.put(
            f"{ORIGIN}/api/v1/tenants/{os.environ['FUZZ_TENANT_KEY']}/rate-limits",
            json={"requestsPerMinute": None, "requestsPerMinutePerCaller": None},
            headers={"Host": os.environ["FUZZ_CONSOLE_HOST"], "Authorization": f"Bearer {os.environ['FUZZ_PLATFORM_SECRET']}"},
            timeout=30,
        )
        if cleared.status_code != 200:
            raise AssertionError(f"the run's tenant limits could not be cleared: {cleared.status_code} {cleared.text[:200]}")


@schemathesis.check
def refused_write_changed_nothing(ctx, response, case):
    """A write answered 4xx or 5xx left both audit trails as they were."""
    before = _before.pop(id(case), None)
    if before is None or response.status_code < 400:
        return None
    after = _newest_events()
    changed = [name for name in before if name in after and after[name] != before[name]]
    if changed:
        raise AssertionError(
            f"{case.method} {case.path} answered {response.status_code}, yet the {' and '.join(changed)} audit trail got a new event "
            f"(newest before: {before}, after: {after}): a refused write must change nothing"
        )
    return None


@schemathesis.hook
def filter_failure(context, failure, case, response):
    """Every failure counts but one: the API's 501 `method_not_allowed` for a method that no path of
    the document has (QUERY, TRACE), which is RFC 9110's answer for a method a server supports
    nowhere and is documented in docs/testing.md; a 500 or any other body for them still fails."""
    if response is None or response.status_code != 501:
        return True
    documented = {method.upper() for method in case.operation.schema.raw_schema["paths"].get(case.operation.path, {})}
    try:
        code = response.json().get("code")
    except ValueError:
        code = None
    return not (case.method.upper() not in documented and code == "method_not_allowed")
