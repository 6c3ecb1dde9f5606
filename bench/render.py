#!/usr/bin/env python3
"""Benchmark: how fast an editor gets a PDF, cold and in the live preview.

Reports, for issue 13 (and a 100-page issue made of its articles ten times):

- cold render: `zhuanbao render 13 --format pdf` as a whole fresh process
  (interpreter start, imports, fonts, layout, writing), median of --runs,
  timed in alternation with Typst compiling the same bulletin with the same
  fonts (bench/typst/, `pip install '.[bench]'`), so that both meet the same
  machine load;
- warm re-render: the preview's long-lived pipeline laying out the issue
  again and writing the PDF to memory after one article changed;
- edit-to-PDF latency: `zhuanbao preview` running, an article saved, until
  `GET /pdf` serves a PDF with the new text;
- peak memory (max RSS of a cold render) and the PDF's size.

A benchmark, not a test: machines differ, so it reports and never fails.

    python bench/render.py [--runs 11] [--no-typst] [--no-preview] [--no-big]
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ISSUE = "13"
SRC = ROOT / "src"  # --src: another checkout's sources (the before-figures)


def _env(write_bytecode: bool = False) -> dict:
    """The worktree's sources first, as `PYTHONPATH=src` in the README.

    An installed zhuanbao has its .pyc files (pip compiles them); a shell
    with PYTHONDONTWRITEBYTECODE=1 would make every run of a source checkout
    compile its modules again, so the warm-up run writes them.
    """
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    if write_bytecode:
        env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


@dataclass
class Run:
    wall: float  # s
    cpu: float  # s, user + system: what the process itself spent, less sensitive to a busy machine
    rss: int  # KiB, peak


def cold(cmd: list[str], cwd: Path = ROOT, warmup: bool = False) -> Run:
    """One fresh process: wall time, CPU time and peak RSS (via wait4)."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, env=_env(warmup), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status):
        sys.exit(f"{' '.join(cmd)} failed: {proc.stderr.read().decode()}")
    proc.stderr.close()
    return Run(elapsed, usage.ru_utime + usage.ru_stime, usage.ru_maxrss)


def zhuanbao_cmd(content: Path, out: Path) -> list[str]:
    return [sys.executable, "-m", "zhuanbao", "render", ISSUE, "--format", "pdf", "--content", str(content), "--out", str(out)]


def typst_cmd(source: Path, out: Path) -> list[str]:
    """Typst's compiler (the `typst` wheel bundles it) in a fresh process.

    It runs inside a Python interpreter, so its figure includes an
    interpreter start (`python -c pass`, printed too) that the `typst` CLI
    would not pay: the comparison is, if anything, kind to Typst's rival.
    """
    code = (
        "import sys, typst; typst.compile(sys.argv[1], output=sys.argv[2], "
        f"font_paths=[{str(ROOT / 'fonts')!r}], ignore_system_fonts=True)"
    )
    return [sys.executable, "-c", code, str(source), str(out)]


def have_typst() -> bool:
    try:
        import typst  # noqa: F401
    except ImportError:
        return False
    return True


def big_content(tmp: Path, times: int = 10) -> Path:
    """content/ with issue 13's articles `times` times over (the 100-page issue)."""
    dst = tmp / "content-big"
    shutil.copytree(ROOT / "content", dst)
    folder = dst / ISSUE
    articles = sorted(folder.glob("*.md"))
    for k in range(1, times):
        for a in articles:
            # each copy's title made its own (two articles with one title are an error)
            text = re.sub(r"(?m)^(title: (?:\|\n  .*\n)?\s*)(\S.*)$", rf"\g<1>\g<2>（{k}）", a.read_text(encoding="utf-8"), count=1)
            (folder / f"{a.stem[:2]}{k:02d}-{a.stem[3:]}.md").write_text(text, encoding="utf-8")
    return dst


def typst_source(content: Path, folder: str, repeat: int) -> str:
    """bench/typst/make.py's source (loaded by path: `typst` is also the compiler's package)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("typst_make", ROOT / "bench" / "typst" / "make.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod.typst_source(content, folder, repeat)


def pages_of(pdf: Path) -> int:
    import pypdfium2

    doc = pypdfium2.PdfDocument(str(pdf))
    try:
        return len(doc)
    finally:
        doc.close()


def median_line(name: str, times: list[float], extra: str = "") -> str:
    return f"  {name:<34} {statistics.median(times):7.3f} s   (min {min(times):.3f}, max {max(times):.3f}, n={len(times)}){extra}"


def report(name: str, runs: list[Run]) -> None:
    print(median_line(name + ", wall", [r.wall for r in runs]))
    print(median_line(name + ", cpu", [r.cpu for r in runs]))


def ratio(a: list[Run], b: list[Run]) -> str:
    med = statistics.median
    wall = med([r.wall for r in a]) / med([r.wall for r in b])
    cpu = med([r.cpu for r in a]) / med([r.cpu for r in b])
    return f"  ratio zhuanbao / typst: wall {wall:.2f}, cpu {cpu:.2f} (target <= 2)"


def bench_cold(runs: int, tmp: Path, with_typst: bool) -> None:
    out = tmp / "out"
    cmd = zhuanbao_cmd(ROOT / "content", out)
    tsrc = tmp / "issue13.typ"
    tpdf = tmp / "typst.pdf"
    if with_typst:
        tsrc.write_text(typst_source(ROOT / "content", ISSUE, 1), encoding="utf-8")
    base = [sys.executable, "-c", "pass"]
    # warm the page cache, the .pyc files and the font caches once
    cold(cmd, warmup=True)
    if with_typst:
        cold(typst_cmd(tsrc, tpdf), warmup=True)
    zt: list[Run] = []
    tt: list[Run] = []
    bt: list[Run] = []
    for _ in range(runs):  # in alternation: both meet the same load
        zt.append(cold(cmd))
        if with_typst:
            tt.append(cold(typst_cmd(tsrc, tpdf)))
        bt.append(cold(base))
    pdf = next((out / ISSUE).glob("*.pdf"))
    print(f"cold, issue {ISSUE} ({pages_of(pdf)} pages), {runs} runs in alternation:")
    report("zhuanbao render 13", zt)
    if with_typst:
        report("typst, same bulletin and fonts", tt)
        print(ratio(zt, tt))
    report("python -c pass", bt)
    print(f"  peak memory (max RSS)              {max(r.rss for r in zt) / 1024:7.1f} MiB")
    print(f"  PDF size                           {pdf.stat().st_size / 1000:7.1f} KB")
    fresh = tmp / "fresh-cache"
    fresh.mkdir()
    first = []
    for k in range(3):
        env = {**_env(), "XDG_CACHE_HOME": str(fresh / str(k))}
        t0 = time.perf_counter()
        subprocess.run(cmd, cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)
        first.append(time.perf_counter() - t0)
    print(median_line("first run ever (empty caches)", first))


def bench_big(tmp: Path, with_typst: bool, runs: int = 3) -> None:
    content = big_content(tmp)
    out = tmp / "out-big"
    cmd = zhuanbao_cmd(content, out)
    cold(cmd, warmup=True)
    tsrc = tmp / "big.typ"
    if with_typst:
        tsrc.write_text(typst_source(content, ISSUE, 1), encoding="utf-8")
    zt: list[Run] = []
    tt: list[Run] = []
    for _ in range(runs):
        zt.append(cold(cmd))
        if with_typst:
            tt.append(cold(typst_cmd(tsrc, tmp / "big.pdf")))
    pdf = next((out / ISSUE).glob("*.pdf"))
    print(f"cold, the 100-page issue (issue 13's articles ten times: {pages_of(pdf)} pages), {runs} runs:")
    report("zhuanbao render", zt)
    if with_typst:
        report("typst", tt)
        print(ratio(zt, tt))
    print(f"  peak memory (max RSS)              {max(r.rss for r in zt) / 1024:7.1f} MiB")
    print(f"  PDF size                           {pdf.stat().st_size / 1000:7.1f} KB")


def bench_preview(runs: int, tmp: Path) -> None:
    sys.path.insert(0, str(ROOT / "bench"))
    from preview_bench import edit_latency, warm_rerender

    content = tmp / "content-warm"
    shutil.copytree(ROOT / "content", content)
    wall, cpu = warm_rerender(content, ISSUE, runs)
    print(f"warm, in the preview's pipeline ({runs} re-renders after an article changed):")
    print(median_line("re-render to PDF bytes, wall", wall, "  (target <= 0.05 s)"))
    print(median_line("re-render to PDF bytes, cpu", cpu))
    content = tmp / "content-live"
    shutil.copytree(ROOT / "content", content)
    lat = edit_latency(content, ISSUE, max(5, runs // 2), _env())
    print(median_line("edit saved -> GET /pdf has it", lat, "  (target <= 0.3 s)"))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=11)
    ap.add_argument("--no-typst", action="store_true", help="skip Typst even if installed")
    ap.add_argument("--no-preview", action="store_true", help="skip warm re-render and edit latency")
    ap.add_argument("--no-big", action="store_true", help="skip the 100-page issue")
    ap.add_argument("--src", type=Path, default=ROOT / "src", help="time the zhuanbao sources in this folder")
    args = ap.parse_args()
    global SRC
    SRC = args.src.resolve()
    sys.path.insert(0, str(SRC))
    with_typst = not args.no_typst and have_typst()
    if not with_typst and not args.no_typst:
        print("(typst not installed: pip install '.[bench]' for the comparison)")
    with tempfile.TemporaryDirectory(prefix="zhuanbao-bench-") as tmp:
        bench_cold(args.runs, Path(tmp), with_typst)
        if not args.no_preview:
            bench_preview(args.runs, Path(tmp))
        if not args.no_big:
            bench_big(Path(tmp), with_typst)


if __name__ == "__main__":
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    main()
