"""The preview's two figures for bench/render.py: warm re-render and edit-to-PDF latency."""

from __future__ import annotations

import http.client
import json
import select
import socket
import subprocess
import sys
import time
from pathlib import Path

ARTICLE = "02-shibei.md"
SENTENCE = "市北区积极实施“党建引领一网治理”强基工程，"


def _edit(content: Path, issue: str, k: int) -> str:
    """Rewrite the first sentence of an article with a new marker; returns the marker."""
    art = content / issue / ARTICLE
    text = art.read_text(encoding="utf-8")
    marker = f"第{k}次改写"
    lines = text.split("\n")
    for i, line in enumerate(lines):
        if line.startswith("市北区"):
            head, _, rest = line.partition("，")
            lines[i] = f"市北区{marker}{rest and '，' + rest}"
            break
    art.write_text("\n".join(lines), encoding="utf-8")
    return marker


def warm_rerender(content: Path, issue: str, runs: int) -> tuple[list[float], list[float]]:
    """Seconds (wall, CPU) for the long-lived pipeline to re-render after one article was edited."""
    from zhuanbao.preview.pipeline import Pipeline

    p = Pipeline(content, issue)
    p.render()
    p.render()
    wall, cpu = [], []
    for k in range(runs):
        _edit(content, issue, k)
        t, c = time.perf_counter(), time.process_time()
        p.render()
        wall.append(time.perf_counter() - t)
        cpu.append(time.process_time() - c)
    return wall, cpu


def _get(port: int, path: str) -> bytes:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        conn.request("GET", path)
        return conn.getresponse().read()
    finally:
        conn.close()


def _text(pdf: bytes) -> str:
    import pypdfium2

    doc = pypdfium2.PdfDocument(pdf)
    try:
        return "".join(doc[i].get_textpage().get_text_range() for i in range(len(doc))).replace("\r\n", "")
    finally:
        doc.close()


def edit_latency(content: Path, issue: str, runs: int, env: dict) -> list[float]:
    """Seconds from an article saved to `GET /pdf` serving a PDF with the edit,
    with `zhuanbao preview` running as an editor runs it."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen(
        [sys.executable, "-m", "zhuanbao", "preview", issue, "--content", str(content), "--port", str(port)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        if not select.select([proc.stdout], [], [], 60)[0]:
            raise RuntimeError("the preview printed no URL within 60 s")
        proc.stdout.readline()
        end = time.monotonic() + 30
        while json.loads(_get(port, "/state"))["count"] == 0:
            if time.monotonic() > end:
                raise RuntimeError("the preview never rendered")
            time.sleep(0.02)
        times = []
        for k in range(runs):
            time.sleep(0.2)  # let the watcher settle: each edit is a separate save
            version = json.loads(_get(port, "/state"))["version"]
            t = time.perf_counter()
            marker = _edit(content, issue, 100 + k)
            deadline = t + 10
            while True:
                if json.loads(_get(port, "/state"))["version"] != version and marker in _text(_get(port, "/pdf")):
                    times.append(time.perf_counter() - t)
                    break
                if time.perf_counter() > deadline:
                    raise RuntimeError("the edit never reached /pdf")
                time.sleep(0.005)
        return times
    finally:
        proc.kill()
        proc.wait(timeout=10)
        proc.stdout.close()
