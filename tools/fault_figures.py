"""Exit status, peak memory and time of every accident and hostile import (issue 10).

    python tools/fault_figures.py                       # python -m zhuanbao from this checkout
    python tools/fault_figures.py /path/to/venv/bin/zhuanbao   # an installed command

Prints one row per case: exit status, the child's own peak RSS (wait4), wall
time, and the first line of its stderr. Inputs are made in a temporary
folder, as the tests make them (tests/test_hostile_imports.py).
"""

from __future__ import annotations

import random
import shutil
import signal
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

import child  # noqa: E402
import test_hostile_imports as hostile  # noqa: E402
from conftest import CONTENT  # noqa: E402


def _paragraphs(n: int) -> bytes:
    head, tail = hostile._docx_head_tail()
    title = '<w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:r><w:t>标题</w:t></w:r></w:p>'
    return head + (title + hostile.PARAGRAPH * n).encode() + tail


def main() -> None:
    zb = sys.argv[1:] or [sys.executable, "-m", "zhuanbao"]
    rows = []
    with tempfile.TemporaryDirectory(prefix="zhuanbao-faults-") as tmp:
        site = Path(tmp)

        def fresh() -> None:
            for p in site.iterdir():
                shutil.rmtree(p) if p.is_dir() else p.unlink()
            shutil.copytree(CONTENT, site / "content")

        def case(name: str, args: list[str], preexec=None, limit_as: bool = False) -> None:
            pre = preexec
            if limit_as:
                cap = child.memory_limit(2 << 30)
                pre = (lambda a=preexec: (cap(), a and a())) if preexec else cap
            r = child.run([*zb, *args], site, preexec=pre)
            first = (r.stderr.strip().splitlines() or [""])[0]
            rows.append((name, r.returncode, r.peak_mb, r.seconds, first.replace(tmp, "…")))

        fresh()
        case("render 13 (baseline)", ["render", "13"])
        (site / "afile").write_text("x")
        case("--out is a file", ["render", "13", "--out", "afile"])
        (site / "out" / "13").mkdir(parents=True, exist_ok=True)
        (site / "out" / "13").chmod(0o555)
        case("--out folder read-only (root without CAP_DAC_OVERRIDE)", ["render", "13"], child.without_root_override)
        (site / "out" / "13").chmod(0o755)
        case("disk fills up (RLIMIT_FSIZE 100 kB)", ["render", "13"], child.file_size_limit(100_000))

        started = time.monotonic()
        proc, out, err = child.start([*zb, "render", "13"], site)
        folder = site / "out" / "13"
        while proc.poll() is None and not any(p.name.endswith(".tmp") for p in folder.iterdir()):
            time.sleep(0.002)
        proc.send_signal(signal.SIGINT)
        r = child.finish(proc, out, err, started)
        rows.append(("Ctrl-C while the PDF is written", r.returncode, r.peak_mb, r.seconds, r.stderr.strip()))

        imp = ["--issue", "13", "--section", "经验交流"]
        for name, make in [
            ("zip bomb .docx (400 MB XML)", lambda p: hostile.zip_bomb(p, 400)),
            ("zip bomb lying about its size", lambda p: (hostile.zip_bomb(p, 40), hostile.lie_about_sizes(p, "word/document.xml", 1000))),
            ("XML entity bomb .docx", hostile.entity_bomb),
            ("random bytes .docx", lambda p: p.write_bytes(random.Random(10).randbytes(200_000))),
            ("2,000-paragraph .docx (accepted)", lambda p: hostile.write_docx(p, _paragraphs(2000))),
            ("25,000-paragraph .docx", lambda p: hostile.write_docx(p, _paragraphs(25_000))),
            ("120,000 runs in one paragraph", lambda p: hostile.zip_bomb(p, 8, one_paragraph=True)),
        ]:
            fresh()
            f = site / "sub.docx"
            make(f)
            case(f"import {name} ({f.stat().st_size // 1000} kB)", ["import", str(f), *imp], limit_as=True)
        for name, data in [
            ("15 MB text", ("市北区积极实施党建引领工程，推动治理力量下沉。\n" * 220_000).encode()),
            ("UTF-16 without BOM", hostile.ARTICLE.encode("utf-16-le")),
            ("Shift-JIS", "東京都は、地域の安全を守るための取り組みを進めています。\n".encode("shift_jis")),
            ("random bytes .txt", random.Random(7).randbytes(50_000)),
        ]:
            fresh()
            f = site / "sub.txt"
            f.write_bytes(data)
            case(f"import {name}", ["import", str(f), *imp], limit_as=True)
    print(f"{'case':58} exit  peak MB  seconds  message")
    for name, rc, mb, s, msg in rows:
        print(f"{name:58} {rc:>4}  {mb:7.0f}  {s:7.2f}  {msg[:110]}")


if __name__ == "__main__":
    main()
