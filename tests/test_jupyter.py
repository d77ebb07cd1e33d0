"""JupyterLab starts headless on a loopback port, lists the lessons, and starts a kernel."""

from __future__ import annotations

import asyncio
import json
import time
import urllib.request
import uuid

import pytest

from kit.notebooks import lesson_paths
from tests.support.jupyter import TOKEN, api


@pytest.mark.slow
def test_jupyter_lab_lists_lessons_and_starts_a_kernel(jupyter_lab):
    port = jupyter_lab
    listing = api(port, "/api/contents/notebooks")
    names = {item["name"] for item in listing["content"]}
    expected = {p.name for p in lesson_paths()}
    assert expected, "no lesson notebooks found in notebooks/"
    assert expected <= names
    lab = urllib.request.urlopen(
        urllib.request.Request(f"http://127.0.0.1:{port}/lab", headers={"Authorization": f"token {TOKEN}"}),
        timeout=10,
    )
    assert lab.status == 200
    kernel = api(port, "/api/kernels", method="POST", body={"name": "python3"})
    try:
        printed = asyncio.run(_execute(port, kernel["id"], "import kit; print(kit.load_text('oped').slug)"))
        assert printed.strip() == "oped"
    finally:
        api(port, f"/api/kernels/{kernel['id']}", method="DELETE")


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
