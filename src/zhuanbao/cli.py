"""The `zhuanbao` command."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import __version__
from .errors import ContentError


def _render(args: argparse.Namespace) -> int:
    from .render import FORMATS, prepare, write_outputs

    formats = FORMATS if args.format == "all" else (args.format,)
    r = prepare(Path(args.content), args.issue)
    for w in r.warnings:
        print(w, file=sys.stderr)
    for path in write_outputs(r, Path(args.out), args.issue, formats, embed_fonts=args.embed_fonts):
        print(path)
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="zhuanbao",
        description="排印简报 Typesets Chinese official bulletins (宣传信息专报, 工作简报) "
        "from Markdown articles to a print-ready PDF (GB/T 9704) and an editable DOCX.",
    )
    parser.add_argument("--version", action="version", version=f"zhuanbao {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    render = sub.add_parser(
        "render",
        help="render one issue to PDF and DOCX",
        description="Render one issue: reads content/publication.yaml and content/ISSUE/, "
        "writes out/ISSUE/<masthead>第<number>期.pdf and .docx and prints their paths.",
    )
    render.add_argument("issue", metavar="ISSUE", help="the issue folder under content/, e.g. 13 or 2023-6")
    render.add_argument("--content", default="content", metavar="DIR", help="the folder holding publication.yaml (default: content)")
    render.add_argument("--out", default="out", metavar="DIR", help="the folder that receives ISSUE/… (default: out)")
    render.add_argument("--format", default="all", choices=("pdf", "docx", "all"), help="which file to write (default: both)")
    render.add_argument(
        "--embed-fonts",
        action="store_true",
        help="embed the layout's open fonts (subset) in the DOCX, for PCs without the official fonts",
    )
    render.set_defaults(func=_render)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 0
    try:
        return args.func(args)
    except ContentError as exc:
        print(exc, file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
