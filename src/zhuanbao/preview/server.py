"""The preview's web server: a fixed set of routes, every answer from memory.

Listens on 127.0.0.1 only, and answers only requests addressed to
127.0.0.1 or localhost (a page elsewhere that points its own name at
127.0.0.1 gets a 403). No request path is ever joined to a folder or
opened: `/`, `/pdf`, `/docx`, `/state`, `/events` and `/page/N-KEY.png` are
matched on the raw path as the browser sent it, anything else (`/../x`,
`/%2e%2e/`, `/page/..%2f`) is a 404 without looking further. The pages are
PNG pictures of the current PDF, rendered with pdfium when first asked for
and named by what they show, so the browser re-fetches only changed pages.
"""

from __future__ import annotations

import html
import json
import re
import sys
import threading
import time
import traceback
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib import resources
from pathlib import Path
from urllib.parse import quote

from ..errors import ContentError
from .pipeline import Build, Pipeline, check_messages, docx_bytes
from .watch import Watcher

PAGE_ROUTE = re.compile(r"/page/(\d{1,4}-[0-9a-f]{16})\.png")
PNG_WIDTH = 1000  # px: a page drawn sharp in a laptop's column, with room for a zoom
POLL = 0.05  # s between two looks at the files (watch.py says why a poll)


@dataclass
class PreviewState:
    """What the server shows: the last good render, and the error if the latest failed."""

    build: Build | None = None
    error: list[str] | None = None
    version: int = 0  # bumped on every change the page must show
    render_ms: float = 0.0
    changed: threading.Condition = field(default_factory=threading.Condition)
    _pngs: dict[str, bytes] = field(default_factory=dict)
    _pdfium_doc: object = None
    _docx: tuple[int, bytes] | None = None
    _lock: threading.Lock = field(default_factory=threading.Lock)  # pdfium and the DOCX writer are not thread-safe

    def publish(self, build: Build | None, error: list[str] | None, render_ms: float) -> None:
        with self.changed:
            if build is not None:
                with self._lock:
                    self.build = build
                    keep = set(build.page_keys)
                    self._pngs = {k: v for k, v in self._pngs.items() if k in keep}
                    if self._pdfium_doc is not None:
                        self._pdfium_doc.close()
                    self._pdfium_doc = None
            self.error = error
            self.render_ms = render_ms
            self.version += 1
            self.changed.notify_all()

    def as_json(self) -> bytes:
        b = self.build
        state = {
            "version": self.version,
            "title": b.title if b else "",
            "count": len(b.page_keys) if b else 0,
            "pages": [f"/page/{k}.png" for k in b.page_keys] if b else [],
            "error": self.error,
            "warnings": b.warnings if b else [],
            "pdf": b.pdf_name if b else None,
            "docx": b.docx_name if b else None,
            "render_ms": round(self.render_ms, 1),
        }
        return json.dumps(state, ensure_ascii=False).encode("utf-8")

    def png(self, key: str) -> bytes | None:
        """The picture of the current page named `key`, drawn on first request."""
        with self._lock:
            b = self.build
            if b is None or key not in b.page_keys:
                return None
            if key in self._pngs:
                return self._pngs[key]
            import io

            import pypdfium2

            if self._pdfium_doc is None:
                self._pdfium_doc = pypdfium2.PdfDocument(b.pdf)
            page = self._pdfium_doc[b.page_keys.index(key)]
            try:
                bitmap = page.render(scale=PNG_WIDTH / page.get_width())
                buf = io.BytesIO()
                bitmap.to_pil().save(buf, "PNG", compress_level=1)
            finally:
                page.close()
            self._pngs[key] = buf.getvalue()
            return self._pngs[key]

    def docx(self) -> tuple[str, bytes] | None:
        with self._lock:
            b = self.build
            if b is None:
                return None
            if self._docx is None or self._docx[0] != b.generation:
                self._docx = (b.generation, docx_bytes(b))
            return b.docx_name, self._docx[1]


def _page_html() -> str:
    return resources.files(__package__).joinpath("page.html").read_text(encoding="utf-8")


_MARK = re.compile(r"%%([A-Z_]+)%%")


def render_page(template: str, state: PreviewState) -> bytes:
    """page.html with the current state written in (escaped), so that `/`
    shows the title, the pages, the error and the warnings even before its
    script runs, and to a client that runs none."""
    b = state.build
    error = state.error
    pages = b.page_keys if b else []
    warnings = b.warnings if b else []
    values = {
        "DOC_TITLE": f"{b.title} — 预览 preview" if b else "预览 preview",
        "TITLE": b.title if b else "…",
        "COUNT": f"{len(pages)} 页 pages" if b else "",
        "ERROR_CLASS": "shown" if error else "",
        "ERROR": "\n".join(error) if error else "",
    }
    out = {k: html.escape(v) for k, v in values.items()}
    out["PAGES"] = "".join(
        f'<img src="/page/{k}.png" data-src="/page/{k}.png" alt="第 {i} 页 page {i}" width="880" height="1245">'
        for i, k in enumerate(pages, start=1)
    )
    out["WARNINGS"] = (
        f"<h2>警告 warnings ({len(warnings)})</h2><ul>"
        + "".join(f"<li>{html.escape(w)}</li>" for w in warnings)
        + "</ul>"
        if warnings
        else ""
    )
    return _MARK.sub(lambda m: out.get(m[1], ""), template).encode("utf-8")


def make_handler(state: PreviewState, page: str) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        server_version = "zhuanbao-preview"
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args) -> None:  # noqa: A002 - the base class's name
            pass  # the terminal is for the editor's messages, not for every request

        def _send(self, status: int, ctype: str, body: bytes, extra: dict[str, str] | None = None) -> None:
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store" if status != 200 or not ctype.startswith("image/") else "max-age=3600")
            self.send_header("X-Content-Type-Options", "nosniff")
            for k, v in (extra or {}).items():
                self.send_header(k, v)
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)

        def _not_found(self) -> None:
            self._send(404, "text/plain; charset=utf-8", "没有这个页面 not found\n".encode())

        def do_HEAD(self) -> None:  # noqa: N802 - http.server's name
            self.do_GET()

        def do_GET(self) -> None:  # noqa: N802 - http.server's name
            path = self.path.split("?", 1)[0]  # the raw path: never decoded, never joined to a folder
            port = self.server.server_address[1]
            if self.headers.get("Host", "") not in (f"127.0.0.1:{port}", f"localhost:{port}"):
                # a web page that renamed its own host to 127.0.0.1 (DNS rebinding) must not read the issue
                return self._send(403, "text/plain; charset=utf-8", "forbidden: use http://127.0.0.1/\n".encode())
            try:
                if path == "/":
                    self._send(200, "text/html; charset=utf-8", render_page(page, state))
                elif path == "/state":
                    self._send(200, "application/json; charset=utf-8", state.as_json())
                elif path == "/events":
                    self._events()
                elif path == "/pdf":
                    b = state.build
                    if b is None:
                        return self._send(503, "text/plain; charset=utf-8", "还没有排好 not rendered yet\n".encode())
                    disp = f"inline; filename*=UTF-8''{quote(b.pdf_name)}"
                    self._send(200, "application/pdf", b.pdf, {"Content-Disposition": disp})
                elif path == "/docx":
                    got = state.docx()
                    if got is None:
                        return self._send(503, "text/plain; charset=utf-8", "还没有排好 not rendered yet\n".encode())
                    name, data = got
                    ctype = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
                    self._send(200, ctype, data, {"Content-Disposition": f"attachment; filename*=UTF-8''{quote(name)}"})
                elif m := PAGE_ROUTE.fullmatch(path):
                    png = state.png(m[1])
                    if png is None:
                        return self._not_found()
                    self._send(200, "image/png", png)
                else:
                    self._not_found()
            except (BrokenPipeError, ConnectionResetError):
                pass

        def _events(self) -> None:
            """Server-sent events: the state now, then again after every change."""
            self.send_response(200)
            self.send_header("Content-Type", "text/event-stream; charset=utf-8")
            self.send_header("Cache-Control", "no-store")
            self.send_header("Connection", "close")
            self.end_headers()
            self.close_connection = True
            seen = -1
            while True:
                with state.changed:
                    state.changed.wait_for(lambda: state.version != seen, timeout=15)
                    version, body = state.version, state.as_json()
                if version == seen:
                    self.wfile.write(b": still here\n\n")
                else:
                    self.wfile.write(b"event: state\ndata: " + body + b"\n\n")
                    seen = version
                self.wfile.flush()

    return Handler


def serve(content_dir: Path, folder: str, port: int, out=sys.stdout, err=sys.stderr) -> int:
    """Run the preview until Ctrl-C; returns the exit status."""
    pipeline = Pipeline(content_dir, folder)
    state = PreviewState()
    try:
        server = ThreadingHTTPServer(("127.0.0.1", port), make_handler(state, _page_html()))
    except OSError as exc:
        raise ContentError(
            None, f"端口 {port} 用不了 cannot listen on 127.0.0.1:{port} ({exc.strerror}): choose another with --port."
        ) from None
    server.daemon_threads = True
    watcher = Watcher(
        folders=[content_dir / folder],
        files=[content_dir / "publication.yaml"],
        extra=lambda: [*pipeline.layout_files(), *pipeline.pictures],
    )
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.2}, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{server.server_address[1]}/"
    try:
        # the first render before the address is given: whoever opens it sees pages (or the error)
        watcher.changed()
        _rebuild(pipeline, state, content_dir, folder, err)
        watcher.include_new()
        print(f"预览 preview of issue {folder}: {url}  (Ctrl-C stops it)", file=out, flush=True)
        while True:
            if watcher.changed():
                _rebuild(pipeline, state, content_dir, folder, err)
                watcher.include_new()
            time.sleep(POLL)
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()
        server.server_close()
    print("预览已停止 preview stopped.", file=err, flush=True)
    return 0


def _rebuild(pipeline: Pipeline, state: PreviewState, content_dir: Path, folder: str, err) -> None:
    """Render again; a content error keeps the last good pages and shows the message."""
    t0 = time.perf_counter()
    try:
        build = pipeline.render()
    except ContentError as exc:
        messages = check_messages(content_dir, folder, None, exc)
        state.publish(None, messages, (time.perf_counter() - t0) * 1000)
        for m in messages:
            print(m, file=err, flush=True)
        return
    except Exception:  # a bug must not take the editor's preview down; say so loudly
        tb = traceback.format_exc()
        print(tb, file=err, flush=True)
        state.publish(None, ["内部错误 internal error (please report it): " + tb.strip().splitlines()[-1]], 0.0)
        return
    ms = (time.perf_counter() - t0) * 1000
    state.publish(build, None, ms)
    print(f"已更新 updated: {len(build.page_keys)} pages in {ms:.0f} ms", file=err, flush=True)
    for w in build.warnings:
        print(w, file=err, flush=True)
