"""`nianbao serve` against odd and hostile clients: every request gets a clear answer, no thread is held."""

from __future__ import annotations

import json
import socket
import threading
import time
from pathlib import Path

import pytest
import sqlite_utils
from conftest import SEEDS
from typer.testing import CliRunner

from nianbao import cli
from nianbao.review.server import MAX_BODY, make_server


@pytest.fixture
def db(tmp_path) -> Path:
    path = tmp_path / "t.db"
    assert CliRunner().invoke(cli.app, ["extract", str(SEEDS), "--db", str(path), "-q"]).exit_code == 0
    return path


@pytest.fixture
def server(db):
    server = make_server(db, "127.0.0.1", 0, client_timeout=1.0, request_deadline=2.0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


def raw_post(server, body: bytes, length: str | None = None, send_body: bool = True) -> tuple[int, dict]:
    """A POST /verdict written by hand (so the headers can lie), and the status and JSON that come back."""
    port = server.server_address[1]
    head = (f"POST /verdict HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nX-Nianbao-Token: {server.token}\r\n"
            "Content-Type: application/json\r\n")
    if length is not None:
        head += f"Content-Length: {length}\r\n"
    with socket.create_connection(("127.0.0.1", port), timeout=5) as sock:
        sock.sendall((head + "\r\n").encode() + (body if send_body else b""))
        data = b""
        while b"\r\n\r\n" not in data or len(data.split(b"\r\n\r\n", 1)[1]) < _length(data):
            chunk = sock.recv(65536)
            if not chunk:
                break
            data += chunk
    status = int(data.split(b" ", 2)[1])
    return status, json.loads(data.split(b"\r\n\r\n", 1)[1])


def _length(data: bytes) -> int:
    for line in data.split(b"\r\n\r\n", 1)[0].split(b"\r\n"):
        if line.lower().startswith(b"content-length:"):
            return int(line.split(b":")[1])
    return 0


def test_a_json_list_is_a_clear_400_not_a_dropped_connection(server):
    body = json.dumps([{"fingerprint": "F1", "status": "confirmed"}]).encode()
    status, answer = raw_post(server, body, str(len(body)))
    assert status == 400 and "JSON object" in answer["error"]
    for bad in (b'{"fingerprint": 1, "status": "confirmed"}', b'{"fingerprint": "F1", "status": "confirmed", "note": 5}', b"not json"):
        assert raw_post(server, bad, str(len(bad)))[0] == 400


def test_a_huge_body_is_refused_unread(server):
    started = time.perf_counter()
    status, answer = raw_post(server, b"", str(200 * 1024 * 1024), send_body=False)
    assert status == 413 and str(MAX_BODY) in answer["error"]
    assert time.perf_counter() - started < 2


def test_a_negative_or_missing_content_length_is_refused_at_once(server):
    started = time.perf_counter()
    assert raw_post(server, b"", "-1", send_body=False)[0] == 400
    assert raw_post(server, b"", "abc", send_body=False)[0] == 400
    assert raw_post(server, b"", None, send_body=False)[0] == 411
    assert time.perf_counter() - started < 2


def test_a_slow_client_is_timed_out(server):
    port = server.server_address[1]
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        sock.sendall(b"POST /verdict HTTP/1.1\r\nHost: 127.0.0.1:%d\r\n" % port)  # and then nothing
        started = time.perf_counter()
        assert sock.recv(100) == b""  # the server hung up
        assert time.perf_counter() - started < 5


def test_a_client_sending_a_byte_now_and_then_is_cut_off_at_the_request_deadline(server):
    port = server.server_address[1]
    request = f"GET / HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nX-Padding: {'x' * 40}\r\n\r\n".encode()
    started = time.perf_counter()
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        try:
            for i in range(len(request)):  # each byte well within the 1 s read timeout
                sock.sendall(request[i : i + 1])
                time.sleep(0.3)
        except OSError:
            pass  # the server hung up
        try:
            assert sock.recv(100) == b""
        except ConnectionResetError:
            pass  # hung up, said with a reset
    assert time.perf_counter() - started < 4  # the deadline is 2 s; the whole request would take 21 s


def test_a_body_shorter_than_announced_is_timed_out_not_held(server):
    started = time.perf_counter()
    port = server.server_address[1]
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        sock.sendall((f"POST /verdict HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nX-Nianbao-Token: {server.token}\r\n"
                      "Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{").encode())
        while sock.recv(100):
            pass
    assert time.perf_counter() - started < 5


def test_a_verdict_for_an_unknown_fingerprint_is_refused_by_serve(server, db):
    body = json.dumps({"fingerprint": "Fnosuchthing", "status": "confirmed"}).encode()
    status, answer = raw_post(server, body, str(len(body)))
    assert status == 404
    assert sqlite_utils.Database(db)["verdicts"].count == 0


def test_a_second_serve_on_the_same_port_is_one_line(db, server):
    result = CliRunner().invoke(cli.app, ["serve", "--db", str(db), "--port", str(server.server_address[1])])
    assert result.exit_code == 2
    assert result.stderr.strip() == f"nianbao: port {server.server_address[1]} is in use (another nianbao serve?); choose another with --port"
