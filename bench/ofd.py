#!/usr/bin/env python3
"""Benchmark: the OFD against the PDF of the same laid-out pages (issue 14).

For issue 13, the unseen bulletin (tests/unseen.py) and the sample with a
picture (tests/samples.py): lays each out once, then writes the PDF and the
OFD from the same pages --runs times and reports the best time of each
writer (warm: font subsets from the disk caches), the OFD's time without its
subset cache (cold: ZHUANBAO_NO_FONT_CACHE for that call) and the two
files' sizes.

A benchmark, not a test: machines differ, so it reports and never fails.

    PYTHONPATH=src python bench/ofd.py [--runs 3]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()

    from samples import write_issue
    from unseen import write_unseen

    from zhuanbao.ofd import build_ofd
    from zhuanbao.pdf import write_pdf
    from zhuanbao.render import prepare

    tmp = Path(tempfile.mkdtemp(prefix="zhuanbao-bench-ofd-"))
    contents = {
        "issue 13": (ROOT / "content", "13"),
        "unseen 2024-3": (write_unseen(tmp / "unseen"), "2024-3"),
        "picture 2023-6": (write_issue(tmp / "picture"), "2023-6"),
    }
    for name, (content, folder) in contents.items():
        r = prepare(content, folder)
        pdf = tmp / f"{folder}.pdf"
        best_pdf = best_ofd = float("inf")
        data = b""
        for _ in range(args.runs):
            t = time.perf_counter()
            write_pdf(r.pages, r.document, r.layout, pdf)
            best_pdf = min(best_pdf, time.perf_counter() - t)
            t = time.perf_counter()
            data = build_ofd(r.pages, r.document, r.layout)
            best_ofd = min(best_ofd, time.perf_counter() - t)
        os.environ["ZHUANBAO_NO_FONT_CACHE"] = "1"
        t = time.perf_counter()
        cold = build_ofd(r.pages, r.document, r.layout)
        cold_ofd = time.perf_counter() - t
        del os.environ["ZHUANBAO_NO_FONT_CACHE"]
        assert cold == data, "the cached subsets changed the OFD's bytes"
        size = pdf.stat().st_size
        print(
            f"{name}: {len(r.pages)} pages; PDF {size / 1024:.0f} KiB written in {best_pdf * 1000:.0f} ms; "
            f"OFD {len(data) / 1024:.0f} KiB ({len(data) / size:.0%} of the PDF) in {best_ofd * 1000:.0f} ms "
            f"(best of {args.runs}), {cold_ofd * 1000:.0f} ms without its subset cache"
        )


if __name__ == "__main__":
    main()
