"""The `zhuanbao` command."""

from __future__ import annotations

import argparse
import os
import signal
import sys
import threading
from pathlib import Path

from . import __version__
from .classcode import compiled_once
from .errors import ContentError, os_problem


def _render(args: argparse.Namespace) -> int:
    from .errors import Where
    from .formats import parse_formats
    from .render import issue_formats, prepare, write_outputs

    asked = None if args.format is None else parse_formats(args.format, Where(Path("--format")))
    r = prepare(Path(args.content), args.issue)
    formats = asked or issue_formats(r.issue)
    if args.copies is not None:  # one PDF of N numbered copies, laid out once
        from .layout.header import with_copies

        r.pages = with_copies(r.pages, r.document, args.copies, r.document.header_where)
    for w in r.warnings:
        print(w, file=sys.stderr)
    for path in write_outputs(r, Path(args.out), args.issue, formats, embed_fonts=args.embed_fonts):
        print(path)
    return 0


def _new(args: argparse.Namespace) -> int:
    from .newissue import new_issue

    path, prev = new_issue(Path(args.content), args.issue, date=args.date, number=args.number, series=args.series)
    print(path)
    follows = f" (staff kept from issue {prev.folder.name})" if prev is not None else ""
    print(f"已创建 created issue {args.issue}{follows}. Next: zhuanbao import FILE --issue {args.issue} --section SECTION", file=sys.stderr)
    return 0


def _import(args: argparse.Namespace) -> int:
    from .importer import import_file
    from .punct import is_emoji

    done = import_file(Path(args.file), Path(args.content), args.issue, args.section, slug=args.slug)
    for d in done:
        print(d.path)
        for pic in d.pictures:
            print(pic)
        sub = d.submission
        leads = sum(1 for b in sub.blocks if getattr(b, "lead", ""))
        paras = sum(1 for b in sub.blocks if hasattr(b, "rest"))
        print(
            f"  标题 title: {' / '.join(sub.title_lines)}; 栏目 section: {sub.section}; "
            f"{paras} paragraphs, {leads} bold leads, {len(d.pictures)} pictures; "
            f"来源 source: {sub.source or '—'}" + (f"; 作者 author: {sub.author}" if sub.author else ""),
            file=sys.stderr,
        )
        for line, change in d.changes:
            if change.old.startswith("U+") and not change.new:  # a pasted zero-width character: no mark
                print(f"{d.path}:{line}: 不可见字符 removed an invisible character {change.old} in “{change.context}”",
                      file=sys.stderr)
            elif change.old.isspace() and not change.new:  # a space typed beside a full-width mark
                print(f"{d.path}:{line}: 多余空格 removed a space beside a full-width mark in “{change.was}”", file=sys.stderr)
            elif not change.new and is_emoji(change.old):
                print(f"{d.path}:{line}: 表情符号 left out an emoji {change.old} in “{change.context}”", file=sys.stderr)
            else:
                print(f"{d.path}:{line}: 标点 {change}", file=sys.stderr)
        for w in d.warnings:
            print(w, file=sys.stderr)
    return 0


def _check(args: argparse.Namespace) -> int:
    from .check import check_issue

    report = check_issue(Path(args.content), args.issue)
    for d in report.sorted():
        print(d, file=sys.stderr)
    e, w = len(report.errors), len(report.warnings)
    # the issue's number as proof prints it (folder 2024-9 holds 第 9 期), the folder while it cannot be read
    name = report.issue.name if report.issue else f"第 {args.issue} 期"
    if e:
        print(f"{name}: {e} 个错误 error(s), {w} 个警告 warning(s): fix the errors, then run check again.", file=sys.stderr)
        return 1
    pages = f", {report.pages} pages" if report.pages else ""
    print(f"{name}: 没有错误 no errors, {w} 个警告 warning(s){pages}.", file=sys.stderr)
    return 0


def _proof(args: argparse.Namespace) -> int:
    from .proof import prove, summary, write_proof_pdf

    p = prove(Path(args.content), args.issue, every=args.all)
    for w in p.warnings:
        print(w, file=sys.stderr)
    for f in p.findings:
        print(f)
    print(summary(p))
    if args.pdf:
        print(write_proof_pdf(p, Path(args.out), args.issue))
    return 0


def _list(args: argparse.Namespace) -> int:
    from .listing import format_rows, rows

    rs = rows(Path(args.content), Path(args.out))
    if not rs:
        print(f"{args.content}/ 里还没有期 no issues yet: start one with `zhuanbao new 1`.", file=sys.stderr)
        return 0
    print(format_rows(rs))
    return 0


def _preview(args: argparse.Namespace) -> int:
    from .preview.server import serve

    return serve(Path(args.content), args.issue, args.port)


def _content_option(parser: argparse.ArgumentParser) -> None:
    """--content, the same for every command that reads content/."""
    parser.add_argument("--content", default="content", metavar="DIR", help="the folder holding publication.yaml (default: content)")


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
        help="render one issue to PDF and DOCX (and OFD)",
        description="Render one issue: reads content/publication.yaml and content/ISSUE/, "
        "writes out/ISSUE/<masthead>第<number>期.pdf and .docx (or the --format list, .ofd too) and prints their paths.",
    )
    render.add_argument("issue", metavar="ISSUE", help="the issue folder under content/, e.g. 13 or 2023-6")
    _content_option(render)
    render.add_argument("--out", default="out", metavar="DIR", help="the folder that receives ISSUE/… (default: out)")
    render.add_argument(
        "--format",
        metavar="LIST",
        help="what to write: pdf, docx, ofd, a list like pdf,ofd, or all "
        "(default: publication.yaml's `formats:`, else pdf,docx)",
    )
    render.add_argument(
        "--embed-fonts",
        action="store_true",
        help="embed the layout's open fonts (subset) in the DOCX, for PCs without the official fonts",
    )
    render.add_argument(
        "--copies",
        type=int,
        metavar="N",
        help="write one PDF holding N copies numbered 000001… (needs `copy_number: true`)",
    )
    render.set_defaults(func=_render)

    new = sub.add_parser(
        "new",
        help="start the next issue",
        description="Create content/ISSUE/issue.yaml from the previous issue (number, date, staff kept). "
        "Never overwrites an existing issue.",
    )
    new.add_argument("issue", metavar="ISSUE", help="the new issue folder, e.g. 14 or 2023-6")
    new.add_argument("--date", help="the issue's date, e.g. 2022-10-13 (default: today)")
    new.add_argument("--number", help="the printed number, when the folder name does not give it")
    new.add_argument(
        "--series",
        metavar="NAME",
        help="a series with its own counter (增刊, 专刊, 特刊): numbered after its last issue of the year",
    )
    _content_option(new)
    new.set_defaults(func=_new)

    imp = sub.add_parser(
        "import",
        help="turn a submission (.docx, .txt, .md) into an article",
        description="Turn a submission into content/ISSUE/NN-slug.md: title, bold leads, pictures, "
        "the final （…） paragraph as the source; half-width punctuation in Chinese text is made "
        "full-width and each change is reported.",
    )
    imp.add_argument("file", metavar="FILE", help="the submission: .docx, .txt or .md")
    imp.add_argument("--issue", required=True, help="the issue folder under content/, e.g. 14")
    imp.add_argument("--section", help="the section the article goes in, e.g. 经验交流")
    imp.add_argument("--slug", help="the file name after NN- (default: from FILE's name)")
    _content_option(imp)
    imp.set_defaults(func=_import)

    chk = sub.add_parser(
        "check",
        help="list every problem of an issue, writing nothing",
        description="Load and lay out the issue without writing anything; list every error and "
        "warning with its file and line. Exit status 1 if there is an error.",
    )
    chk.add_argument("issue", metavar="ISSUE", help="the issue folder under content/, e.g. 13")
    _content_option(chk)
    chk.set_defaults(func=_check)

    prf = sub.add_parser(
        "proof",
        help="list every compromise the layout made, by file and line",
        description="Lay the issue out and list each compromise the layout made: letter-spaced and "
        "squeezed lines, hung marks, fallback-font characters, titles the layout broke, keep rules that "
        "moved lines to the next page, pages with empty lines at their foot, 版记 economies; each with "
        "the source file and line and the page and line in the PDF. Exit status 1 on a content error.",
    )
    prf.add_argument("issue", metavar="ISSUE", help="the issue folder under content/, e.g. 13")
    _content_option(prf)
    prf.add_argument("--out", default="out", metavar="DIR", help="the folder that receives ISSUE/…-校样.pdf (default: out)")
    prf.add_argument("--pdf", action="store_true", help="also write a proof copy of the PDF with each finding marked in the margin")
    prf.add_argument("--all", action="store_true",
                     help="also list the lines squeezed by less than the layout's proof.min_squeeze (counted either way)")
    prf.set_defaults(func=_proof)

    pre = sub.add_parser(
        "preview",
        help="show the issue's pages in a browser, laid out again on every save",
        description="Serve the issue's pages on http://127.0.0.1:PORT/ (this computer only) and lay the "
        "issue out again whenever one of its files, publication.yaml, the layout or a picture is saved; "
        "the open page updates itself. Ctrl-C stops it.",
    )
    pre.add_argument("issue", metavar="ISSUE", help="the issue folder under content/, e.g. 13")
    _content_option(pre)
    pre.add_argument("--port", type=int, default=8013, help="the port on 127.0.0.1 (default: 8013)")
    pre.set_defaults(func=_preview)

    lst = sub.add_parser(
        "list",
        help="the issues under content/ and whether out/ is up to date",
        description="List the issues under content/ with their date, article count and whether "
        "the files in out/ are older than the content.",
    )
    _content_option(lst)
    lst.add_argument("--out", default="out", metavar="DIR", help="the folder holding rendered issues (default: out)")
    lst.set_defaults(func=_list)
    return parser


DEBUG_ENV = "ZHUANBAO_DEBUG"


def _terminated(signum: int, frame: object) -> None:
    """SIGTERM (a closed terminal, a killed job) ends the run like Ctrl-C: temporary files removed."""
    raise KeyboardInterrupt


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 0
    previous = signal.signal(signal.SIGTERM, _terminated) if threading.current_thread() is threading.main_thread() else None
    try:
        with compiled_once():  # the command's imports take their dataclass methods compiled
            return args.func(args)
    except ContentError as exc:
        print(exc, file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("已中断 interrupted: no file was left half-written; run the command again.", file=sys.stderr)
        return 130
    except OSError as exc:
        # Every command names the files it reads and writes; this catches what slipped through.
        if os.environ.get(DEBUG_ENV):
            raise
        print(os_problem(exc), file=sys.stderr)
        return 1
    except Exception as exc:
        if os.environ.get(DEBUG_ENV):
            raise
        print(
            f"内部错误 internal error: {exc.__class__.__name__}: {exc}. This is a bug in zhuanbao: "
            f"run the command again with {DEBUG_ENV}=1 for the details and report them.",
            file=sys.stderr,
        )
        return 1
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)


if __name__ == "__main__":
    sys.exit(main())
