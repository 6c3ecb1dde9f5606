#!/usr/bin/env python3
"""What the layout gave up in each issue, as `zhuanbao proof` lists it, summed.

bench/grey.py counts the letter-spaced lines on the PDF, as issue 7 does;
this sums how much: each line `proof` reports letter-spaced (its spacing a
gap, in pt) and squeezed (the punctuation taken out, in pt), and the hung
marks and parted numbers. A change to the line breaker that keeps grey.py's
count can still spread a line wider or squeeze one harder: this shows it.

    python bench/proofs.py [ISSUE | CONTENT_DIR:ISSUE] ...

Without arguments it reads issue 13 and the samples in bench/samples/. A
benchmark, not a test: it reports, it does not fail.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "bench" / "samples"
SPACED = re.compile(r"letter-spaced ([\d.]+) pt")
SQUEEZED = re.compile(r"punctuation squeezed ([\d.]+) pt")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("issues", nargs="*", help="13, or CONTENT_DIR:ISSUE")
    args = ap.parse_args()
    specs = args.issues or ["13"] + [f"{p.parent}:{p.name}" for p in sorted(SAMPLES.glob("*/*")) if (p / "issue.yaml").is_file()]
    print(f"{'issue':<28} {'spaced':>6} {'pt':>7} {'widest':>7}  {'squeezed':>8} {'pt':>8}  hung  parted")
    totals = [0, 0.0, 0.0, 0, 0.0, 0, 0]
    for spec in specs:
        content, _, issue = spec.rpartition(":")
        folder = Path(content) if content else ROOT / "content"
        name = issue if not content else f"{folder.name}:{issue}"
        run = subprocess.run([sys.executable, "-m", "zhuanbao", "proof", issue, "--content", str(folder), "--all"],
                             capture_output=True, text=True, cwd=ROOT)
        if run.returncode:
            print(f"{name:<28} proof failed: {run.stderr.strip().splitlines()[-1] if run.stderr.strip() else run.returncode}")
            continue
        spaced = [float(m) for m in SPACED.findall(run.stdout)]
        squeezed = [float(m) for m in SQUEEZED.findall(run.stdout)]
        hung = run.stdout.count("mark hung in the margin")
        parted = run.stdout.count("数字拆行")
        row = [len(spaced), sum(spaced), max(spaced, default=0.0), len(squeezed), sum(squeezed), hung, parted]
        totals = [a + b if k != 2 else max(a, b) for k, (a, b) in enumerate(zip(totals, row))]
        print(f"{name:<28} {row[0]:>6} {row[1]:>7.2f} {row[2]:>7.2f}  {row[3]:>8} {row[4]:>8.1f}  {row[5]:>4}  {row[6]:>6}")
    print(f"{'all':<28} {totals[0]:>6} {totals[1]:>7.2f} {totals[2]:>7.2f}  {totals[3]:>8} {totals[4]:>8.1f}  {totals[5]:>4}  {totals[6]:>6}")


if __name__ == "__main__":
    main()
