#!/usr/bin/env python3
"""Write issue 13 as a Typst source, for the speed comparison of issue 9.

The bulletin is read with zhuanbao's own reader (content.load_issue), so the
Typst file holds exactly the words of content/13/: masthead, number and date,
red rule, 目录, section labels, titles, bold leads, sources and the 版记, on
the same A4 page and type area, 16 pt 仿宋 body on 28.8 pt lines, with the
same vendored fonts (compile it with `--font-path fonts`, or font_paths=).
It is a like-for-like workload, not a second implementation of the layout:
Typst's own line breaker and page builder do the work.

    python bench/typst/make.py [--repeat 10] > /tmp/issue.typ
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "src"))

from zhuanbao.content import load_issue  # noqa: E402
from zhuanbao.model import Heading, Paragraph, Picture  # noqa: E402

PREAMBLE = r"""
#set document(title: "{title}", author: "{publisher}")
#set page(paper: "a4", margin: (top: 37mm, left: 28mm, right: 26mm, bottom: 35mm),
  footer: context [#set text(font: "FandolSong", size: 14pt)
    #let n = counter(page).get().first()
    #if calc.odd(n) [#h(1fr)— #n —#h(1em)] else [#h(1em)— #n —#h(1fr)]])
#set text(font: ("Liberation Serif", "FandolFang R"), size: 16pt, lang: "zh", region: "cn")
#set par(justify: true, first-line-indent: (amount: 2em, all: true), leading: 12.8pt, spacing: 12.8pt)
#let red = rgb("#E60012")
#let lead(body) = text(font: ("Liberation Serif", "Noto Sans CJK SC"), body)
#let title(body) = block(above: 28.8pt, below: 28.8pt, width: 100%,
  align(center, text(font: "Noto Serif CJK SC", weight: "bold", size: 22pt, body)))
#let source(body) = align(right, text(font: ("Liberation Serif", "AR PL KaitiM GB"), body))
#let section(body) = block(above: 28.8pt, text(font: "Noto Sans CJK SC", body))
""".lstrip()


def esc(text: str) -> str:
    """Typst markup escapes for the characters that mean something there."""
    for ch in "\\#*_`$<>@[]~/=-+":
        text = text.replace(ch, "\\" + ch)
    return text


def typst_source(content: Path, folder: str, repeat: int) -> str:
    issue = load_issue(content, folder).issue
    out = [PREAMBLE.format(title=esc(issue.masthead), publisher=esc(issue.publisher))]
    d = issue.date
    out.append(
        f'#align(center, text(font: "Noto Serif CJK SC", weight: "bold", size: 70pt, fill: red, tracking: 0.04em)[{esc(issue.masthead)}])\n'
        f"#align(center)[第 {esc(issue.number)} 期]\n"
        f"#grid(columns: (1fr, 1fr), [{esc(issue.publisher)}], align(right)[{d.year} 年 {d.month} 月 {d.day} 日])\n"
        "#line(length: 100%, stroke: 2pt + red)\n"
        '#block(stroke: 0.75pt, inset: 6pt, width: 100%, height: 6cm, text(font: "Noto Sans CJK SC")[领导批示])\n'
    )
    for _ in range(repeat):
        section = None
        for a in issue.articles:
            if a.section != section:
                section = a.section
                out.append(f'#par(first-line-indent: 0pt, text(font: "Noto Sans CJK SC")[〔{esc(section)}〕])\n')
            out.append(f"#par(first-line-indent: (amount: 2em, all: true), hanging-indent: 0pt)[{esc(a.title)}]\n")
    out.append("#pagebreak()\n")
    for _ in range(repeat):
        section = None
        for a in issue.articles:
            if a.section != section:
                section = a.section
                out.append(f"#section[〔{esc(section)}〕]\n\n")
            out.append("#title[" + " \\\n".join(esc(t) for t in a.title_lines) + "]\n\n")
            if a.subtitle:
                out.append(f'#align(center, text(font: "AR PL KaitiM GB")[{esc(a.subtitle)}])\n\n')
            for b in a.blocks:
                if isinstance(b, Paragraph):
                    out.append("".join(f"#lead[{esc(s.text)}]" if s.lead else esc(s.text) for s in b.spans) + "\n\n")
                elif isinstance(b, Heading):
                    out.append(f"#lead[{esc(b.text)}]\n\n")
                elif isinstance(b, Picture):
                    out.append(f'#figure(image("{b.path}", height: 6cm), caption: [{esc(b.caption)}])\n\n')
            if a.sources:
                out.append(f"#source[（{esc(a.sources)}）]\n\n")
    rows = [f"{k}：{'，'.join(v)}" for k, v in issue.distribution]
    rows.append("    ".join(f"{k}：{v}" for k, v in issue.staff))
    out.append('#v(1fr)\n#block(breakable: false, text(size: 14pt)[#line(length: 100%, stroke: 0.35mm)\n')
    out.append("".join(f"#par(first-line-indent: 0pt, hanging-indent: 3em)[{esc(r)}]\n" for r in rows))
    out.append("#line(length: 100%, stroke: 0.35mm)])\n")
    return "".join(out)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--content", default=str(ROOT / "content"))
    ap.add_argument("--issue", default="13")
    ap.add_argument("--repeat", type=int, default=1, help="the articles this many times (10: the 100-page issue)")
    args = ap.parse_args()
    sys.stdout.write(typst_source(Path(args.content), args.issue, args.repeat))


if __name__ == "__main__":
    main()
