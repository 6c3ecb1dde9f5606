#!/usr/bin/env python3
"""Benchmark: the whole `zhuanbao render 13 --format pdf` command, as an editor runs it.

Prints the median wall time over several runs of a fresh process (start-up,
imports, font parsing, layout, writing), the peak resident memory of one
run, and the PDF's size, against the targets of issue 2 (under 0.4 s, under
450 KB). A benchmark, not a test: machines differ, so it reports and never
fails the suite.

    python bench/render.py [--runs 9] [--issue 13] [--format pdf]
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def one_run(issue: str, fmt: str, out: Path) -> tuple[float, int]:
    """Wall time of one process and its peak RSS in KiB (via wait4)."""
    start = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-m", "zhuanbao", "render", issue, "--format", fmt, "--out", str(out)],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode:
        sys.exit(f"render failed: {proc.stderr.read().decode()}")
    return elapsed, usage.ru_maxrss


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=9)
    ap.add_argument("--issue", default="13")
    ap.add_argument("--format", default="pdf", choices=("pdf", "docx", "all"))
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        one_run(args.issue, args.format, out)  # warm the page cache and .pyc files
        times, peaks = [], []
        for _ in range(args.runs):
            t, rss = one_run(args.issue, args.format, out)
            times.append(t)
            peaks.append(rss)
        files = sorted((out / args.issue).glob("*.*"))
        sizes = {f.suffix: f.stat().st_size for f in files}
    median = statistics.median(times)
    print(f"zhuanbao render {args.issue} --format {args.format}: {args.runs} runs")
    print(f"  median wall time  {median:.3f} s   (min {min(times):.3f}, max {max(times):.3f}; target < 0.4 s)")
    print(f"  peak memory       {max(peaks) / 1024:.1f} MiB")
    for suffix, size in sizes.items():
        target = "  (target < 450 KB)" if suffix == ".pdf" else ""
        print(f"  {suffix[1:]} size  {size / 1000:.1f} KB{target}")


if __name__ == "__main__":
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    main()
