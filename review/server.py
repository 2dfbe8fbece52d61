"""`nianbao serve`: the overview and review pages, live, with confirm / dismiss buttons.

Standard library only. Pages are read-only GETs; a verdict is a POST of JSON to /verdict
carrying the session's token in the X-Nianbao-Token header. A form on another site can
neither set that header nor send JSON cross-origin without a preflight this server never
grants, so it cannot submit verdicts.
"""

from __future__ import annotations

import contextlib
import html
import json
import secrets
import socket
import sqlite3
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote

from ..store import VERDICTS, Store, StoreError
from ..store.status import StatusError, change_status
from .data import load_report
from .overview import overview_data, render_overview
from .page import STATUS_NAMES, render_report


LOOPBACK = ("127.0.0.1", "localhost", "::1")
MAX_BODY = 64 * 1024  # a verdict is a fingerprint, a status and a note: anything bigger is refused unread
CLIENT_TIMEOUT = 15.0  # seconds a client may stay silent while sending a request
REQUEST_DEADLINE = 30.0  # seconds from a request's first byte to its last (a byte every 14 s is not a request)


class BadRequest(Exception):
    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status


def read_verdict(headers, rfile) -> dict:
    """The verdict a POST carries, checked before and after reading: size, JSON, an object with string fields."""
    length_text = headers.get("Content-Length")
    if length_text is None:
        raise BadRequest(411, "Content-Length is required")
    try:
        length = int(length_text)
    except ValueError:
        raise BadRequest(400, "Content-Length is not a number") from None
    if length < 0:
        raise BadRequest(400, "Content-Length cannot be negative")
    if length > MAX_BODY:
        raise BadRequest(413, f"the body is larger than {MAX_BODY} bytes")
    raw = rfile.read(length)
    if len(raw) < length:
        raise BadRequest(400, "the body is shorter than its Content-Length")
    try:
        body = json.loads(raw or b"{}")
    except ValueError:
        raise BadRequest(400, "the body is not JSON") from None
    if not isinstance(body, dict):
        raise BadRequest(400, "the body must be a JSON object: {\"fingerprint\": …, \"status\": …, \"note\": …}")
    fingerprint, status, note = body.get("fingerprint"), body.get("status"), body.get("note")
    if not isinstance(fingerprint, str) or not isinstance(status, str):
        raise BadRequest(400, "fingerprint and status are required, as strings")
    if note is not None and not isinstance(note, str):
        raise BadRequest(400, "note must be a string")
    return {"fingerprint": fingerprint, "status": status, "note": note or None}


def make_server(db: Path, host: str = "127.0.0.1", port: int = 8765, token: str | None = None,
                client_timeout: float = CLIENT_TIMEOUT, request_deadline: float = REQUEST_DEADLINE) -> ThreadingHTTPServer:
    """The server, bound (OSError when the port is taken). A client socket times out after `client_timeout` s
    of silence, and a request must arrive whole (line, headers, body) within `request_deadline` s of its first byte."""
    token = token or secrets.token_urlsafe(24)
    allowed_hosts: set[str] = set()  # filled once the port is known; empty = any (bound beyond loopback)

    class Handler(BaseHTTPRequestHandler):
        server_version = "nianbao"
        timeout = client_timeout  # socketserver sets it on the client socket: a silent client frees its thread
        _deadline: threading.Timer | None = None

        def handle_one_request(self) -> None:
            """Wait for a request's first byte, then give the rest of it `request_deadline` seconds."""
            try:
                if not self.rfile.peek(1):
                    self.close_connection = True
                    return
            except OSError:  # silent for client_timeout: hang up
                self.close_connection = True
                return
            self._deadline = threading.Timer(request_deadline, self._hang_up)
            self._deadline.daemon = True
            self._deadline.start()
            try:
                super().handle_one_request()
            finally:
                self._request_read()

        def _hang_up(self) -> None:
            with contextlib.suppress(OSError):
                self.connection.shutdown(socket.SHUT_RDWR)

        def _request_read(self) -> None:
            """The whole request is in: what follows (the database, the page) has no deadline."""
            if self._deadline is not None:
                self._deadline.cancel()

        def log_message(self, *args: object) -> None:
            pass

        def _send(self, status: int, body: str, content_type: str = "text/html; charset=utf-8") -> None:
            data = body.encode("utf-8")
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(data)))
            self.send_header("X-Content-Type-Options", "nosniff")
            self.send_header("Content-Security-Policy", "default-src 'self'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src 'self'")
            self.end_headers()
            self.wfile.write(data)

        def _json(self, status: int, value: dict) -> None:
            self._send(status, json.dumps(value, ensure_ascii=False), "application/json; charset=utf-8")

        def _host_ok(self) -> bool:
            """On loopback, answer only requests addressed to loopback: a DNS-rebinding page cannot read the token."""
            if allowed_hosts and self.headers.get("Host", "") not in allowed_hosts:
                self._send(421, "<h1>wrong host</h1>")
                return False
            return True

        def do_GET(self) -> None:  # noqa: N802
            self._request_read()
            if not self._host_ok():
                return
            try:
                store = Store(db, readonly=True)  # pages only read: they work on a read-only copy too
            except StoreError as exc:
                return self._send(503, f"<h1>{html.escape(str(exc))}</h1>")
            try:
                if self.path == "/next":  # the report with the most open errors and warnings
                    row = next(store.db.query(
                        "SELECT report_id FROM findings WHERE status = 'open' AND severity != 'info' "
                        "GROUP BY report_id ORDER BY SUM(severity = 'error') DESC, COUNT(*) DESC LIMIT 1"), None)
                    self.send_response(303)
                    self.send_header("Location", f"/report/{row['report_id']}" if row else "/")
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                elif self.path in ("/", "/index.html"):
                    self._send(200, render_overview(overview_data(store), link=lambda rid: f"/report/{rid}"))
                elif self.path.startswith("/report/"):
                    report_id = unquote(self.path.removeprefix("/report/"))
                    if store.db["reports"].count_where("id = ?", [report_id]) != 1:
                        self._send(404, "<h1>没有这份报告</h1>")
                    else:
                        self._send(200, render_report(load_report(store, report_id), token=token, back="/"))
                else:
                    self._send(404, "<h1>404</h1>")
            finally:
                store.close()

        def do_POST(self) -> None:  # noqa: N802
            if not self._host_ok():
                return
            if self.path != "/verdict":
                return self._json(404, {"ok": False, "error": "not found"})
            if not secrets.compare_digest(self.headers.get("X-Nianbao-Token", ""), token):
                return self._json(403, {"ok": False, "error": "missing or wrong token"})
            if not self.headers.get("Content-Type", "").startswith("application/json"):
                return self._json(415, {"ok": False, "error": "send JSON"})
            try:
                body = read_verdict(self.headers, self.rfile)
            except BadRequest as exc:
                self.close_connection = True  # the body may be unread: never parse it as the next request
                return self._json(exc.status, {"ok": False, "error": str(exc)})
            except OSError:  # the client went silent (timeout) or away mid-body
                self.close_connection = True
                return None
            self._request_read()
            fingerprint, status = body["fingerprint"], body["status"]
            if status not in VERDICTS:
                return self._json(400, {"ok": False, "error": f"status must be one of {', '.join(VERDICTS)}"})
            try:
                store = Store(db)
                try:
                    updated = change_status(store, fingerprint, status, body["note"])
                finally:
                    store.close()
            except StatusError as exc:  # e.g. a finding already sent to its organ cannot be reopened from here
                return self._json(409, {"ok": False, "error": str(exc)})
            except (StoreError, sqlite3.Error) as exc:
                return self._json(503, {"ok": False, "error": f"cannot record the verdict: {exc}"})
            if not updated:
                return self._json(404, {"ok": False, "error": "no such finding"})
            self._json(200, {"ok": True, "status": status, "label": STATUS_NAMES[status]})

    server = ThreadingHTTPServer((host, port), Handler)
    if host in LOOPBACK:
        bound = server.server_address[1]
        allowed_hosts.update({f"127.0.0.1:{bound}", f"localhost:{bound}", f"[::1]:{bound}"})
    server.token = token  # type: ignore[attr-defined]
    return server
