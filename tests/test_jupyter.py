"""JupyterLab starts headless on a loopback port, lists the lessons, and starts a kernel."""

from __future__ import annotations

import asyncio
import json
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path

import pytest

from kit import paths
from kit.notebooks import lesson_paths

TOKEN = "kit-test-token"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _api(port: int, path: str, method: str = "GET", body: dict | None = None) -> dict | list:
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}{path}",
        data=data,
        method=method,
        headers={"Authorization": f"token {TOKEN}", "Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        raw = response.read()
    return json.loads(raw) if raw else {}


@pytest.fixture
def jupyter_lab(tmp_path):
    port = _free_port()
    jupyter = Path(sys.executable).with_name("jupyter")
    command = [
        str(jupyter) if jupyter.exists() else "jupyter",
        "lab",
        "--no-browser",
        "--ip=127.0.0.1",
        f"--port={port}",
        f"--IdentityProvider.token={TOKEN}",
        f"--ServerApp.root_dir={paths.repo_root()}",
        "--LabApp.news_url=",
        "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
        "--LabApp.extension_manager=readonly",
        "--allow-root",  # CI runs as root
    ]
    env_log = tmp_path / "jupyter.log"
    with env_log.open("w") as log:
        process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, cwd=tmp_path)
        try:
            deadline = time.monotonic() + 60
            while True:
                try:
                    _api(port, "/api/status")
                    break
                except (urllib.error.URLError, ConnectionError, OSError):
                    if process.poll() is not None or time.monotonic() > deadline:
                        raise AssertionError("jupyter lab did not start:\n" + env_log.read_text()) from None
                    time.sleep(0.3)
            yield port
        finally:
            process.terminate()
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()


@pytest.mark.slow
def test_jupyter_lab_lists_lessons_and_starts_a_kernel(jupyter_lab):
    port = jupyter_lab
    listing = _api(port, "/api/contents/notebooks")
    names = {item["name"] for item in listing["content"]}
    expected = {p.name for p in lesson_paths()}
    assert expected, "no lesson notebooks found in notebooks/"
    assert expected <= names
    lab = urllib.request.urlopen(
        urllib.request.Request(f"http://127.0.0.1:{port}/lab", headers={"Authorization": f"token {TOKEN}"}),
        timeout=10,
    )
    assert lab.status == 200
    kernel = _api(port, "/api/kernels", method="POST", body={"name": "python3"})
    try:
        printed = asyncio.run(_execute(port, kernel["id"], "import kit; print(kit.load_text('oped').slug)"))
        assert printed.strip() == "oped"
    finally:
        _api(port, f"/api/kernels/{kernel['id']}", method="DELETE")


async def _execute(port: int, kernel_id: str, source: str, timeout: float = 60) -> str:
    """Run ``source`` in the kernel over the server's websocket (Jupyter messaging protocol); return stdout."""
    from tornado.httpclient import HTTPRequest
    from tornado.websocket import websocket_connect

    session = uuid.uuid4().hex
    request = HTTPRequest(
        f"ws://127.0.0.1:{port}/api/kernels/{kernel_id}/channels?session_id={session}",
        headers={"Authorization": f"token {TOKEN}"},
    )
    ws = await websocket_connect(request)
    msg_id = uuid.uuid4().hex
    await ws.write_message(
        json.dumps(
            {
                "header": {
                    "msg_id": msg_id,
                    "username": "test",
                    "session": session,
                    "msg_type": "execute_request",
                    "version": "5.3",
                    "date": "",
                },
                "parent_header": {},
                "metadata": {},
                "content": {
                    "code": source,
                    "silent": False,
                    "store_history": False,
                    "user_expressions": {},
                    "allow_stdin": False,
                    "stop_on_error": True,
                },
                "channel": "shell",
                "buffers": [],
            }
        )
    )
    stdout = []
    deadline = time.monotonic() + timeout
    try:
        while time.monotonic() < deadline:
            raw = await asyncio.wait_for(ws.read_message(), timeout=deadline - time.monotonic())
            assert raw is not None, "the kernel websocket closed"
            msg = json.loads(raw)
            if msg.get("parent_header", {}).get("msg_id") != msg_id:
                continue
            kind = msg["header"]["msg_type"]
            if kind == "stream":
                stdout.append(msg["content"]["text"])
            elif kind == "error":
                raise AssertionError(f"kernel error: {msg['content']['ename']}: {msg['content']['evalue']}")
            elif kind == "status" and msg["content"]["execution_state"] == "idle":
                return "".join(stdout)
        raise AssertionError("the kernel did not answer in time")
    finally:
        ws.close()
