"""`zhuanbao import`: a district office's submission → an article file.

A submission is a Word file (.docx) or pasted text (.txt, .md) in the shape
every office sends: the title (one or more lines), an optional `——subtitle`,
the body paragraphs (a bold run at a paragraph's start is its lead, 段首小标题;
one further on stays bold, `**…**`),
pictures, and a last paragraph `（市北区委宣传部）` naming the source. It
becomes `content/ISSUE/NN-slug.md` per ../shared/spec/authoring.md, with
pictures saved next to it. Half-width punctuation in Chinese text is made
full-width, and every change is reported with the line it is on, so that the
editor can see what was touched.

Nothing is dropped silently: what cannot be carried over (a text box's
place, a chart, a picture in a format the bulletin cannot print) is
reported, and what Word does not print (a tracked deletion or move, hidden
text, a form field's placeholder) is left out as Word leaves it, and said
(wordtext.py reads runs and cells as Word shows them).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path


from . import pasted, yamlio
from .errors import ContentError, Diagnostic, Where, cannot_write
from .atomicfile import create_new
from .content import picture_outside
from .intake import check_docx, decode_text, read_text_bytes
from .wordtext import MC_FALLBACK, NOTE_MARK, Notes, Reading, hidden, hidden_note, placeholder, run_text, skipped
from .punct import Change, half_width_alnum, is_emoji, normalise, stand_ins, stray_spaces
from .layout.titles import SURNAMES

SUFFIXES = (".docx", ".txt", ".md")
_WS = " \t\u3000\u00a0\r\n"
_SOURCE = re.compile(r"^[（(]\s*([^（）()]+?)\s*[）)]$")
_SOURCE_LABEL = re.compile(r"^(?:来源|供稿|稿源|供稿单位|报送单位)\s*[:：]\s*(.+)$")
_FORM_LINE = re.compile(r"^(?:报送单位|报送日期|报送时间|供稿单位|来源|供稿|联系人|联系电话|签发人?|审核人?|撰稿人?)\s*[:：]")
_SOURCE_PREFIX = re.compile(r"^(?:来源|供稿|稿源|供稿单位|报送单位)\s*[:：]\s*")
# A byline under the title: 记者 张三, 本报记者 张三 通讯员 李四, （通讯员：王五）
_BYLINE = re.compile(
    r"^[（(]?\s*((?:(?:本报|本刊)?(?:特约|见习)?(?:记者|通讯员)\s*[:：]?\s*[\u3400-\u9fff·]{2,5}(?:[、，,\s]+[\u3400-\u9fff·]{2,5})*\s*)+)[）)]?$"
)


# … or a unit and its writers' names: 某某区人社局 张三, 市北区委宣传部 王五、李四
_UNIT_BYLINE = re.compile(
    r"^[（(]?\s*([\u3400-\u9fff（）()]{2,20}?(?:局|委|办|部|厅|院|所|中心|站|队|处|会|室|馆|街道|社区|镇|乡|公司|集团))"
    r"[\s\u3000]+([\u3400-\u9fff]{2,3}(?:[、，,\s\u3000]+[\u3400-\u9fff]{2,3})*)\s*[）)]?$"
)


# --- what a submission is made of --------------------------------------------


@dataclass
class Text:
    lead: str  # the bold lead at the paragraph's start, "" when none
    rest: str
    bold: tuple[tuple[int, int], ...] = ()  # [start, end) of the bold runs inside `rest`


@dataclass
class Heading:
    text: str
    level: int = 2  # ## … ####


@dataclass
class TableRows:
    """A Word table, cell texts row by row (the first row is the header)."""

    rows: list[list[str]]
    rule: str = ""  # a Markdown table's own |---|:---:| row, its alignments (a Word table has none)


@dataclass
class NoteText:
    """A Markdown footnote's text (`[^1]: …`), kept as the editor wrote it."""

    mark: str
    text: str


@dataclass
class Image:
    data: bytes | None  # the picture's bytes, or None when `src` names a file
    src: Path | None
    ext: str
    caption: str = ""


@dataclass
class Submission:
    title_lines: list[str] = field(default_factory=list)
    subtitle: str | None = None
    source: str | None = None
    author: str | None = None  # a byline under the title (记者 张三)
    section: str | None = None  # from a zhuanbao DOCX's section label, when there is one
    blocks: list[Text | Heading | Image | TableRows] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # what could not be carried over
    note_marks: dict[int, int] = field(default_factory=dict)  # a Word note's mark in the text → its number here
    note: str | None = None  # an 编者按 the submission opens with (its header's `note:`, or 编者按：… at its head)


@dataclass
class Imported:
    path: Path
    pictures: list[Path]
    submission: Submission
    changes: list[tuple[int, Change]]  # (line in the article, change)
    warnings: list[Diagnostic]


# --- reading .docx -------------------------------------------------------------

# Paragraph styles of a bulletin's own furniture (zhuanbao's DOCX, or a
# bulletin template): not part of any article.
_SKIP_STYLE = ("报头", "期号", "发文", "目录", "toc", "版记", "批示", "页码", "header", "footer", "masthead", "报送", "印发")
_TITLE_STYLE = ("标题", "title", "文章标题")
# Word's Heading 1: an article's title in a file of several articles, but a
# heading when it is numbered like one (一、…: submissions_from_docx decides)
_HEADING1_STYLE = ("heading 1", "标题 1")
HEADING_NUMBER = re.compile(r"[一二三四五六七八九十百]+[、．.]|（[一二三四五六七八九十百]+）|\d+[、．.](?!\d)")
_SUBTITLE_STYLE = ("副标题", "subtitle")
_HEADING_STYLE = ("小标题", "heading 2", "heading 3", "标题 2", "标题 3")
_SOURCE_STYLE = ("来源",)
_CAPTION_STYLE = ("图注", "题注", "图题", "caption", "图片说明")
# Character styles that mark a bold lead (zhuanbao's DOCX sets leads in 黑体
# through such a style, not with bold).
_LEAD_STYLE = ("段首小标题", "小标题", "lead", "strong", "要点")
_SECTION_STYLE = ("栏目",)


def _style_kind(name: str) -> str | None:
    low = (name or "").strip().lower()
    if not low or low in ("normal", "正文", "body text", "default paragraph font"):
        return None
    for kind, names in (
        ("heading", _HEADING_STYLE),
        ("subtitle", _SUBTITLE_STYLE),
        ("source", _SOURCE_STYLE),
        ("caption", _CAPTION_STYLE),
        ("section", _SECTION_STYLE),
    ):
        if low in names or any(low.startswith(n) for n in names):
            return kind
    if low in _TITLE_STYLE:
        return "title"
    if low in _HEADING1_STYLE:
        return "heading1"
    if any(s in low for s in _SKIP_STYLE):
        return "skip"
    return None


@dataclass
class _DocPara:
    runs: list[tuple[str, bool]]  # (text, bold)
    images: list[Image]
    style: str | None  # what the style says it is (title, heading, skip…), None for plain
    centered: bool
    size: float | None = None  # the largest font size set on its runs, in pt
    numbered: bool = False  # Word's automatic numbering: the number is not in the text
    image_first: bool = False  # a picture comes before the paragraph's text
    table: list[list[str]] | None = None  # a whole Word table, read as one paragraph
    level: int = 0  # the N of a Heading N / 标题 N style
    merged: bool = False  # a table with cells merged in Word (Markdown has no spans)
    lost: list[str] = field(default_factory=list)  # what Word shows here that was left out or could not be carried (wordtext)
    joins_next: bool = False  # its paragraph mark is a tracked deletion: Word runs it on into the next

    @property
    def text(self) -> str:
        return "".join(t for t, _ in self.runs)


def _bold(run, para_style) -> bool:
    """Bold by the run, its character style, or `para_style` (the paragraph's, looked up once:
    python-docx finds it by scanning the paragraph's children, all its runs)."""
    try:
        rstyle = (run.style.name or "").lower() if run.style is not None else ""
    except Exception:
        rstyle = ""
    if rstyle and any(n in rstyle for n in _LEAD_STYLE):
        return True
    if run.bold is not None:
        return bool(run.bold)
    style = run.style
    while style is not None:
        if style.font.bold is not None:
            return bool(style.font.bold)
        style = style.base_style
    style = para_style
    while style is not None:
        if style.font.bold is not None:
            return bool(style.font.bold)
        style = style.base_style
    return False


def _image_from_part(part, rid: str) -> Image | None:
    try:
        img = part.related_parts[rid]
    except KeyError:
        return None
    ext = Path(str(img.partname)).suffix.lower() or ".png"
    return Image(img.blob, None, ext)


def _remember_styles(part) -> None:
    """Look each style up once: python-docx scans every style of the document on each lookup.

    A paragraph's and a run's style (and its bases) are asked for per run;
    with Word's 160-odd built-in styles that cost 5 ms a lookup, half a
    minute for a 2,000-paragraph submission. Styles do not change while a
    submission is read, so the answers are kept on this document's part.
    """
    lookup = part.get_style
    known: dict = {}

    def get_style(style_id, style_type):
        key = (style_id, style_type)
        if key not in known:
            known[key] = lookup(style_id, style_type)
        return known[key]

    part.get_style = get_style


CHINESE_DIGITS = "〇一二三四五六七八九"
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
STEMS, BRANCHES = "甲乙丙丁戊己庚辛壬癸", "子丑寅卯辰巳午未申酉戌亥"  # Word's ideographTraditional, ideographZodiac


def _chinese_number(n: int) -> str:
    """一 … 九十九, as Word's chineseCounting writes them (a hundred or more in digits)."""
    if n < 0 or n >= 100:
        return str(n)
    if n < 10:
        return CHINESE_DIGITS[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else CHINESE_DIGITS[tens]) + "十" + (CHINESE_DIGITS[ones] if ones else "")


class _Numbering:
    """What Word's automatic numbering shows before each numbered paragraph
    (ECMA-376 §17.9: numbering.xml's w:num → w:abstractNum → w:lvl, its
    w:numFmt, w:lvlText and w:start), counted in document order, so that
    import writes 1. 2. 3. (or 一、 （一）) into the text instead of losing them."""

    def __init__(self, doc) -> None:
        from docx.oxml.ns import qn

        self.qn = qn
        self.levels: dict[str, dict[int, tuple[str, str, int]]] = {}
        self.counts: dict[str, list[int | None]] = {}
        try:
            root = doc.part.numbering_part.element
        except Exception:
            return
        val = qn("w:val")
        abstract: dict[str, dict[int, tuple[str, str, int]]] = {}
        for a in root.findall(qn("w:abstractNum")):
            lv = {}
            for lvl in a.findall(qn("w:lvl")):
                fmt = lvl.find(qn("w:numFmt"))
                text = lvl.find(qn("w:lvlText"))
                start = lvl.find(qn("w:start"))
                try:
                    first = int(start.get(val, "1")) if start is not None else 1
                except ValueError:
                    first = 1
                lv[int(lvl.get(qn("w:ilvl"), "0") or 0)] = (
                    (fmt.get(val) if fmt is not None else None) or "decimal",
                    (text.get(val) if text is not None else None) or "",
                    first,
                )
            abstract[a.get(qn("w:abstractNumId"))] = lv
        for num in root.findall(qn("w:num")):
            ref = num.find(qn("w:abstractNumId"))
            if ref is None:
                continue
            levels = dict(abstract.get(ref.get(val), {}))
            for override in num.findall(qn("w:lvlOverride")):  # a list restarted at another number (五、)
                restart = override.find(qn("w:startOverride"))
                k = int(override.get(qn("w:ilvl"), "0") or 0)
                if restart is not None and k in levels and (restart.get(val) or "").isdigit():
                    fmt, text, _ = levels[k]
                    levels[k] = (fmt, text, int(restart.get(val)))
            self.levels[num.get(qn("w:numId"))] = levels

    def label(self, num_pr) -> str | None:
        """The number this paragraph shows ("1.", "一、", "（一）"); None for a
        bullet, an unknown list or no number."""
        qn = self.qn
        num_id = num_pr.find(qn("w:numId"))
        ilvl = num_pr.find(qn("w:ilvl"))
        nid = num_id.get(qn("w:val")) if num_id is not None else None
        level = int(ilvl.get(qn("w:val"))) if ilvl is not None else 0
        levels = self.levels.get(nid or "")
        if not levels or level not in levels:
            return None
        counts = self.counts.setdefault(nid, [None] * 10)
        counts[level] = levels[level][2] if counts[level] is None else counts[level] + 1
        for deeper in range(level + 1, len(counts)):
            counts[deeper] = None
        fmt, text, _ = levels[level]
        if fmt in ("bullet", "none") or not text:
            return None

        def shown(k: int) -> str:
            f, _, start = levels.get(k, ("decimal", "", 1))
            n = counts[k] if counts[k] is not None else start
            if f.startswith("chinese") or f in ("ideographDigital", "japaneseCounting", "taiwaneseCounting"):
                return _chinese_number(n)
            if f in ("ideographTraditional", "ideographZodiac") and 1 <= n <= 10 + 2 * (f == "ideographZodiac"):
                return (STEMS if f == "ideographTraditional" else BRANCHES)[n - 1]  # 甲、乙、丙 / 子、丑、寅
            if f.startswith("decimalEnclosedCircle") and 1 <= n <= len(CIRCLED):
                return CIRCLED[n - 1]
            if f in ("lowerLetter", "upperLetter") and 1 <= n <= 26:
                return chr((ord("a") if f == "lowerLetter" else ord("A")) + n - 1)
            return str(n)

        return re.sub(r"%(\d)", lambda m: shown(int(m[1]) - 1), text)


def _read_docx(path: Path) -> tuple[list[_DocPara], dict[int, str]]:
    """The file's paragraphs as Word shows them (a table one paragraph), and
    the texts of its footnotes and endnotes by the mark their references
    got in the text (wordtext.Notes)."""
    import zipfile

    from docx import Document
    from docx.oxml.ns import qn
    from docx.opc.exceptions import PackageNotFoundError
    from docx.text.paragraph import Paragraph
    from docx.text.run import Run

    check_docx(path)  # size, zip bomb, DTD: refused before python-docx holds it
    try:
        doc = Document(str(path))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise ContentError(
            Where(path),
            f"读不了这个 Word 文件 cannot read this .docx ({exc.__class__.__name__}): "
            "open it in Word or WPS and save it again as .docx (not .doc or .wps).",
        ) from None
    except Exception as exc:  # lxml errors and the like: a damaged file
        raise ContentError(
            Where(path),
            f"这个 Word 文件已损坏 the .docx is damaged ({exc}): open it in Word or WPS and save it again.",
        ) from None
    _remember_styles(doc.part)
    numbering = _Numbering(doc)
    notes = Notes.of(doc)
    TXBX = qn("w:txbxContent")
    W_P, W_R = qn("w:p"), qn("w:r")
    out: list[_DocPara] = []
    tables_read: set = set()
    for p_el in doc.element.body.iter(W_P):
        if any(a.tag == MC_FALLBACK for a in p_el.iterancestors()):
            continue  # the legacy copy of a text box: its modern copy is read
        tbl = _outer_table(p_el)
        if tbl is not None and _data_table(tbl, doc):
            # a table's paragraphs are its cells: read once, as a table
            if id(tbl) not in tables_read:
                tables_read.add(id(tbl))
                out += _table_paras(tbl, doc, notes)
            continue
        para = Paragraph(p_el, doc._body)
        try:
            para_style = para.style
            style_name = para_style.name if para_style is not None else ""
        except Exception:
            para_style, style_name = None, ""
        runs: list[tuple[str, bool]] = []
        images: list[Image] = []
        sizes: list[float] = []
        image_first = False
        reading = Reading()
        in_box = next(p_el.iterancestors(TXBX), None) is not None
        for r_el in p_el.iter(W_R):
            nearest = next(r_el.iterancestors(W_P), None)
            if nearest is not p_el:
                continue  # a run of a paragraph inside a text box: read with that paragraph
            if skipped(r_el):
                if placeholder(r_el) and "占位" not in " ".join(reading.lost):
                    reading.lost.append("占位文字 an unfilled form field's placeholder (单击或点击此处输入文字) was left out")
                continue  # a tracked deletion or move, a placeholder, a drawing's legacy copy
            run = Run(r_el, para)
            text = run_text(r_el, reading, notes)
            if text and hidden(r_el):
                reading.lost.append(hidden_note(text))
                continue
            if text:
                runs.append((text, _bold(run, para_style)))
                try:
                    if run.font.size is not None:
                        sizes.append(run.font.size.pt)
                except Exception:
                    pass
            found = _run_pictures(r_el, doc, reading)
            if found and not images and not any(t.strip(_WS) for t, _ in runs):
                image_first = True
            images += found
        align = para.paragraph_format.alignment
        centered = align is not None and int(align) == 1
        num_pr = p_el.find(f"{qn('w:pPr')}/{qn('w:numPr')}")
        numbered = num_pr is not None
        try:
            st = para.style
            while st is not None and not numbered:
                num_pr = st.element.find(f"{qn('w:pPr')}/{qn('w:numPr')}")
                numbered = num_pr is not None
                st = st.base_style
        except Exception:
            pass
        if num_pr is not None and num_pr.find(qn("w:numId")) is not None and num_pr.find(qn("w:numId")).get(qn("w:val")) == "0":
            num_pr, numbered = None, False  # numId 0: the style's numbering switched off for this paragraph (§17.9.18)
        label = numbering.label(num_pr) if num_pr is not None else None  # counted even when empty, as Word counts it
        if label and runs:  # the number Word shows, written into the text (1. 2. 3.; 一、; （一）)
            # Word puts a tab after it: a space where the text starts with a digit (1. 3个项目, not 1.3个项目)
            gap = " " if runs[0][0][:1].isascii() and runs[0][0][:1].isalnum() else ""
            runs.insert(0, (label + gap, runs[0][1]))
            numbered = False
        level = re.search(r"(\d)\s*$", style_name or "")
        runs = _tabs_as_spaces(runs)
        if in_box and any(t.strip(_WS) for t, _ in runs):
            reading.lost.append(f"文本框 the text box “{_strip(''.join(t for t, _ in runs))[:16]}” was brought in as a "
                                "paragraph after the one it stood beside: check its place")
        mark = p_el.find(f"{qn('w:pPr')}/{qn('w:rPr')}")
        joins = mark is not None and (mark.find(qn("w:del")) is not None or mark.find(qn("w:moveFrom")) is not None)
        para_out = _DocPara(runs, images, _style_kind(style_name), centered, max(sizes, default=None), numbered,
                            image_first, level=int(level[1]) if level else 0, lost=reading.lost)
        if out and out[-1].joins_next and out[-1].table is None:
            # the paragraph before lost its mark to a tracked deletion: one paragraph, as Word shows it
            prev = out[-1]
            prev.runs += para_out.runs
            prev.images += para_out.images
            prev.lost += para_out.lost
            prev.joins_next = joins
            continue
        para_out.joins_next = joins
        out.append(para_out)
    return out, notes.texts


def _run_pictures(r_el, doc, reading: Reading) -> list[Image]:
    """The pictures a run holds (a DrawingML blip or a VML image, not the
    legacy copy of a drawing); a chart or a diagram it holds is said, it has
    no picture to bring in."""
    from docx.oxml.ns import qn

    out: list[Image] = []
    blip, vml = qn("a:blip"), "{urn:schemas-microsoft-com:vml}imagedata"
    for el in r_el.iter(qn("w:drawing")):
        if not any(a.tag == MC_FALLBACK for a in el.iterancestors()) and next(el.iter(blip), None) is None:
            uri = next((g.get("uri", "") for g in el.iter(qn("a:graphicData"))), "")
            what = "图表 a chart" if "chart" in uri else "图形 a diagram (SmartArt)" if "diagram" in uri else ""
            if what:
                reading.lost.append(f"{what} was not brought in: save it from Word as a picture and add it")
    for el in r_el.iter(blip, vml):
        if any(a.tag == MC_FALLBACK for a in el.iterancestors()):
            continue
        rid = el.get(qn("r:embed")) or el.get(qn("r:id"))
        img = _image_from_part(doc.part, rid) if rid else None
        if img is not None:
            out.append(img)
    return out


def _outer_table(p_el):
    """The body-level w:tbl holding this paragraph (a nested table is read with its cell)."""
    from docx.oxml.ns import qn

    outer = None
    for a in p_el.iterancestors(qn("w:tbl")):
        outer = a
    return outer


def _data_table(tbl, doc) -> bool:
    """A table of data, not a frame around text: more than one cell, and
    none of its paragraphs in a bulletin's own furniture style (the 领导批示
    box and the 版记 of a zhuanbao DOCX are tables too)."""
    from docx.oxml.ns import qn
    from docx.text.paragraph import Paragraph

    if len(list(tbl.iter(qn("w:tc")))) < 2:
        return False
    for p_el in tbl.iter(qn("w:p")):
        try:
            style = Paragraph(p_el, doc._body).style
            if _style_kind(style.name if style is not None else "") == "skip":
                return False
        except Exception:  # a style python-docx cannot resolve: judge by the cells alone
            continue
    return True


def _table_paras(tbl, doc, notes: Notes) -> list[_DocPara]:
    """A Word table as the paragraphs it becomes: the table (cell texts row by
    row), a note's text under it (注：…, a note's mark cannot stand in a
    cell), and its pictures. A table that only lays out pictures and their
    captions (two photos side by side, their captions under them) becomes
    those pictures with their captions; pictures in a table of data follow
    it, and import says so."""
    from docx.oxml.ns import qn

    reading = Reading()
    rows, pictures = _table_rows(tbl, doc, notes, reading)
    out: list[_DocPara] = []
    cells = [c for r in rows for c in r if c]
    if not pictures and 0 < len(cells) <= 4 and (all(_FORM_LINE.match(c) for c in cells)
                                                 or (len(cells) == 2 and _unit_line(cells[0]) and DATE_LINE.match(cells[1]))):
        # a table that only lays out a form's lines (报送单位：… 报送日期：…) or a sign-off (单位 / 日期): those
        # lines, read as the paragraphs they are, not a ruled table
        return [_DocPara([(c, False)], [], None, False, lost=reading.lost if k == 0 else []) for k, c in enumerate(cells)]
    grid = _picture_grid(rows, pictures)
    if grid is not None:
        return [_DocPara([], [img], None, True, lost=reading.lost if k == 0 else []) for k, img in enumerate(grid)]
    marks: list[int] = []
    for r in rows:
        for c, cell in enumerate(r):
            found = [int(m) for m in NOTE_MARK.findall(cell)]
            if found:
                marks += found
                r[c] = NOTE_MARK.sub("", cell)
    rows = [r for r in rows if any(r)]
    if rows:
        text = " ".join(c for r in rows for c in r if c)
        merged = any(tc.find(f"{qn('w:tcPr')}/{qn(tag)}") is not None
                     for tc in tbl.iter(qn("w:tc")) for tag in ("w:gridSpan", "w:vMerge"))
        out.append(_DocPara([(text or " ", False)], [], None, False, table=rows, merged=merged, lost=reading.lost))
    for k, mark in enumerate(marks, 1):
        label = "注：" if len(marks) == 1 else f"注{k}："
        out.append(_DocPara([(label + notes.texts.pop(mark, ""), False)], [], None, False))
    if marks:
        out[-len(marks)].lost.append("表格中的注释 a note in a table cell is set under the table as 注：…: check it")
    pics = [img for cell in pictures.values() for img in cell]
    if pics:
        head = next((c for r in rows for c in r if c), "")
        out.append(_DocPara([], pics, None, True, lost=[f"表格中的图片 the picture(s) in the table (“{head[:12]}”…) were set "
                                                         "after it: check their place"]))
    return out


def _picture_grid(rows: list[list[str]], pictures: dict[tuple[int, int], list[Image]]) -> list[Image] | None:
    """The pictures of a table that only lays them out, each with its caption
    (the short text in its own cell, or in the cell under it), in reading
    order; None for a table with data in it."""
    if not pictures:
        return None
    used: set[tuple[int, int]] = set()
    out: list[Image] = []
    for (r, c), imgs in sorted(pictures.items()):
        own = rows[r][c] if r < len(rows) and c < len(rows[r]) else ""
        below = rows[r + 1][c] if r + 1 < len(rows) and c < len(rows[r + 1]) and (r + 1, c) not in pictures else ""
        caption = own or below
        used.add((r, c))
        if not own and below:
            used.add((r + 1, c))
        for k, img in enumerate(imgs):
            img.caption = caption if k == len(imgs) - 1 else ""
        out += imgs
    rest = [rows[r][c] for r in range(len(rows)) for c in range(len(rows[r])) if rows[r][c] and (r, c) not in used]
    if rest or any(len(img.caption) > 40 for img in out):
        for img in out:
            img.caption = ""
        return None
    return out


def _table_rows(tbl, doc, notes: Notes, reading: Reading) -> tuple[list[list[str]], dict[tuple[int, int], list[Image]]]:
    """Cell texts row by row, as Word shows them (wordtext: no deleted, moved
    away, hidden or placeholder text; a cell's paragraphs parted by a
    space, a tab a space), and each cell's pictures by (row, column). A
    merged cell's text stands in its first grid cell (Markdown has no spans),
    the cells it covers stay empty; a table nested in a cell is read into
    that cell, and import says so."""
    from docx.oxml.ns import qn

    W_TC, W_TR, W_P, W_R = qn("w:tc"), qn("w:tr"), qn("w:p"), qn("w:r")
    rows: list[list[str]] = []
    pictures: dict[tuple[int, int], list[Image]] = {}
    nested = False
    for tr in tbl.findall(W_TR):
        row: list[str] = []
        for tc in tr.findall(W_TC):
            v_merge = tc.find(f"{qn('w:tcPr')}/{qn('w:vMerge')}")
            continued = v_merge is not None and v_merge.get(qn("w:val")) in (None, "continue")
            nested = nested or tc.find(f".//{qn('w:tbl')}") is not None
            texts = []
            for p_el in tc.iter(W_P):
                if any(a.tag == MC_FALLBACK for a in p_el.iterancestors()):
                    continue
                parts = []
                for r_el in p_el.iter(W_R):
                    if next(r_el.iterancestors(W_P), None) is not p_el or skipped(r_el):
                        continue
                    text = run_text(r_el, reading, notes)
                    if text and hidden(r_el):
                        reading.lost.append(hidden_note(text) + " in a table")
                        continue
                    parts.append(text)
                    found = _run_pictures(r_el, doc, reading)
                    if found:
                        pictures.setdefault((len(rows), len(row)), []).extend(found)
                line = " ".join(_strip(t) for t in "".join(parts).replace("\t", " ").split("\n") if _strip(t))
                if line:
                    texts.append(line)
            text = "" if continued else " ".join(texts)
            span = tc.find(f"{qn('w:tcPr')}/{qn('w:gridSpan')}")
            row.append(text)
            row += [""] * (int(span.get(qn("w:val"), "1")) - 1 if span is not None else 0)
        rows.append(row)
    if nested:
        reading.lost.append("嵌套表格 a table inside a table cell was read into that cell's text: check it")
    width = max((len(r) for r in rows), default=0)
    rows = [r + [""] * (width - len(r)) for r in rows]
    return rows, pictures


def _tabs_as_spaces(runs: list[tuple[str, bool]]) -> list[tuple[str, bool]]:
    """A tab between words prints as space (参加活动的有：张伟⇥李秀英⇥王建国):
    one space; tabs before the text or after it are indentation, left to
    the paragraph's strip."""
    total = "".join(t for t, _ in runs)
    if "\t" not in total.strip(_WS):
        return runs
    first, last = len(total) - len(total.lstrip(_WS)), len(total.rstrip(_WS))
    out, at, prev = [], 0, ""
    for text, bold in runs:
        chars = []
        for ch in text:
            if ch == "\t" and first <= at < last:
                ch = "" if prev in (" ", "\u3000") else " "
            if ch:
                chars.append(ch)
                prev = ch
            at += 1
        out.append(("".join(chars), bold))
    return out


def _strip(text: str) -> str:
    return text.replace("\t", "").strip(_WS)


SENTENCE_ENDS = ("。", "！", "？", "；", "…", "”", "’", "）", "：")


def _split_lines(p: _DocPara) -> list[_DocPara]:
    """A paragraph with line breaks inside is several paragraphs where a
    sentence ends before the break (pasted WeChat text comes that way); a
    break inside a sentence (电话：…，⏎邮箱：…, Word's Shift+Enter) stays a line
    break within the paragraph. Titles keep theirs."""
    if "\n" not in p.text or p.style == "title":
        return [p]
    parts: list[_DocPara] = [_DocPara([], [], p.style, p.centered, p.size, p.numbered)]
    for text, bold in p.runs:
        pieces = text.split("\n")
        for k, piece in enumerate(pieces):
            if k:
                before = _strip(parts[-1].text)
                if before and not before.endswith(SENTENCE_ENDS):
                    parts[-1].runs.append(("\n", bold))  # inside a sentence: a line break, printed as one
                else:
                    parts.append(_DocPara([], [], p.style, p.centered, p.size))
            if piece:
                parts[-1].runs.append((piece, bold))
    (parts[0] if p.image_first else parts[-1]).images = p.images
    parts[0].image_first = p.image_first
    parts[0].lost = p.lost
    return parts


def _lead_split(runs: list[tuple[str, bool]]) -> tuple[str, str, tuple[tuple[int, int], ...]]:
    """Bold runs at the start → the lead; the rest as text, with where it
    is bold further on (坚持“三个聚焦”: the editor's stress, kept as `**…**`)."""
    lead: list[str] = []
    i = 0
    while i < len(runs) and (runs[i][1] or not runs[i][0].strip(_WS)):
        lead.append(runs[i][0])
        i += 1
    rest, spans = "", []
    for text, bold in runs[i:]:
        text = text.replace("\t", "")  # as _strip does
        core = text.strip(_WS)
        if bold and core:
            start = len(rest) + text.index(core)
            if spans and spans[-1][1] == start:
                spans[-1] = (spans[-1][0], start + len(core))  # two bold runs side by side: one stretch
            else:
                spans.append((start, start + len(core)))
        rest += text
    shift = len(rest) - len(rest.lstrip(_WS))
    stripped = _strip(rest)
    return _strip("".join(lead)), stripped, tuple((a - shift, b - shift) for a, b in spans)


def _letterhead(paras: list[_DocPara]) -> list[_DocPara]:
    """A 红头 above the title: a unit's name and a date, each a line of its
    own, centred, and a title after them; [] when the file starts otherwise."""
    if len(paras) < 3 or not (paras[0].centered and _unit_line(paras[0].text)):
        return []
    if DATE_LINE.match(_strip(paras[1].text)) and _title_like(paras[2]):
        return paras[:2]
    return []


def _title_like(p: _DocPara) -> bool:
    t = _strip(p.text)
    if not t or p.images:
        return False
    if p.style == "title":
        return True
    return (p.centered and len(t) <= 40 and not t.endswith(("。", "；")) and not t.startswith(("——", "—"))
            and not DATE_LINE.match(t))


def submissions_from_docx(path: Path) -> list[Submission]:
    read, note_texts = _read_docx(path)
    paras = [q for p in read for q in _split_lines(p)]
    paras = [p for p in paras if _strip(p.text) or p.images or p.lost]
    skipped = [p for p in paras if p.style == "skip"]
    paras = [p for p in paras if p.style != "skip"]
    shift = 0  # Heading 1 used for headings: Heading 2 is one level under it (### ), and so on
    for p in paras:
        if p.style == "heading1":  # 一、搭建一个平台 is a heading, 市北区召开推进会 an article's title
            p.style = "heading" if HEADING_NUMBER.match(_strip(p.text)) else "title"
            shift = 1 if p.style == "heading" else shift
    letterhead = _letterhead(paras)
    paras = paras[len(letterhead):]
    styled_titles = sum(1 for p in paras if p.style == "title")
    subs: list[Submission] = []
    section: str | None = None
    i = 0
    n = len(paras)

    pending: list[str] = []  # what was left out before the first article starts: said by it
    if letterhead:
        pending.append(f"红头 the letterhead “{' '.join(_strip(p.text) for p in letterhead)}” above the title was left "
                       "out: the bulletin's masthead says who and when.")

    def start(sub_section: str | None) -> Submission:
        s = Submission(section=sub_section, notes=list(pending))
        pending.clear()
        subs.append(s)
        return s

    sub: Submission | None = None
    told = 0  # paragraphs whose losses were said
    while i < n:
        p = paras[i]
        text = _strip(p.text)
        # what Word shows in the paragraphs read so far (and in a title's second line, a subtitle or
        # a caption the steps below took with the one before) that was left out or could not be
        # carried over: said by the article that read them
        for q in paras[told:i]:
            (sub.notes if sub else subs[-1].notes if subs else pending).extend(_lost_notes(q))
        told = max(told, i)
        if p.lost and not text and not p.images and p.table is None:
            i += 1
            continue
        if p.table is not None:
            if sub is None:
                sub = start(section)
                sub.notes.append("没有找到标题 no title found before the body: add `title:`.")
            sub.blocks.append(TableRows(p.table))
            if p.merged:
                head = next((c for c in p.table[0] if c), "")
                sub.notes.append(f"合并单元格 the table (“{head}”…) has cells merged in Word: a merged cell's text stands in "
                                 "its first cell and the cells it covered are empty; the printed table has no merged "
                                 "cells, so check its header and fill or reword the empty cells.")
            i += 1
            continue
        if p.style == "section" or re.fullmatch(r"〔[^〔〕]+〕", text):
            section = re.sub(r"[〔〕\s\u3000]", "", text)
            sub = None  # a section label ends the article before it
            i += 1
            continue
        if sub is None and styled_titles and p.style is None and p.runs and p.runs[0][1] and text:
            # A bulletin's 简讯: the title runs in, as the lead of the first paragraph.
            lead, rest, bold = _lead_split(p.runs)
            sub = start(section)
            sub.title_lines.append(lead[:-1] if lead.endswith("。") and len(lead) > 1 else lead)
            if rest:
                sub.blocks.append(Text("", rest, bold))
            for img in p.images:
                sub.blocks.append(img)
            i += 1
            continue
        new_title = p.style == "title" or (sub is None and not styled_titles)
        if new_title and text and (sub is None or p.style == "title"):
            if len(subs) == 1 and not subs[0].title_lines and subs[0].blocks:
                # Text before the first title (a letterhead line): kept, and said.
                sub = subs[0]
                sub.notes = [n for n in sub.notes if not n.startswith("没有找到标题")]
                sub.notes.append("标题前的文字 the text before the title was kept at the start of the article: check it.")
            else:
                sub = start(section)
            # The title: this paragraph and the title-like ones after it.
            if "\n" in p.text:
                sub.title_lines += [_strip(t) for t in p.text.split("\n") if _strip(t)]
            else:
                sub.title_lines.append(text)
            i += 1
            while i < n and len(sub.title_lines) < 4:
                q = paras[i]
                if q.style == "title" and styled_titles:
                    # consecutive title paragraphs of one article are its lines
                    sub.title_lines.append(_strip(q.text))
                    i += 1
                elif (
                    not styled_titles
                    and q.style is None
                    and _title_like(q)
                    and _title_like(p)
                    and (q.size is None or p.size is None or q.size >= p.size - 0.5)
                    and not _SOURCE.match(_strip(q.text))  # （市人社局就业促进处 张明）: a byline in brackets
                ):  # a smaller centred line under the title is a byline, not the title
                    sub.title_lines.append(_strip(q.text))
                    i += 1
                else:
                    break
            if i < n and (paras[i].style == "subtitle" or _strip(paras[i].text).startswith(("——", "—"))):
                sub.subtitle = _strip(paras[i].text)
                i += 1
            if i < n and DATE_LINE.match(_strip(paras[i].text)):  # a dateline under the title: the masthead's to give
                sub.notes.append(f"日期 the date line “{_strip(paras[i].text)}” under the title was left out: the "
                                 "masthead dates the issue.")
                i += 1
            continue
        if sub is None:
            sub = start(section)
            sub.notes.append("没有找到标题 no title found before the body: add `title:`.")
        if p.style == "source":
            sub.source = _source_text(text) or text
            sub = None  # a bulletin's source line ends its article
            i += 1
            continue
        if p.numbered and text:
            sub.notes.append(
                f"自动编号 Word put a bullet or a number it could not read before the paragraph “{text[:12]}…”; "
                "it is not in the text and does not print: type the number (一、 1.) if it should."
            )
        if p.images and p.image_first and text:
            # A picture with its caption in the same paragraph, under it.
            sub.blocks.extend(p.images)
            if _caption_like(p, text):
                p.images[-1].caption = text
                i += 1
                continue
            p = _DocPara(p.runs, [], p.style, p.centered, p.size, p.numbered)
        if p.style == "heading" and text:
            # its number says its level where it has one (a Word Heading 1 typed 1.主要任务 is a
            # 1. heading, ####), else Word's level
            sub.blocks.append(Heading(text, _level_by_number(text) or min(4, max(2, (p.level or 2) + shift))))
        elif text:
            lead, rest, bold = _lead_split(p.runs)
            level = _bold_heading_level(lead, rest)
            sub.blocks.append(Heading(_strip(lead), level) if level else Text(lead, rest, bold))
        for img in p.images:
            sub.blocks.append(img)
        if p.images and not text and i + 1 < n:
            q = paras[i + 1]
            qt = _strip(q.text)
            above = _strip(paras[i - 1].text) if i > 0 else ""
            # 图1 above this picture and 图2 under it: the captions stand above their pictures
            numbered = [re.match(r"图\s*(\d+)", t) for t in (above, qt)]
            prior = sub.blocks[-1 - len(p.images)] if len(sub.blocks) > len(p.images) else None
            above_first = (all(numbered) and int(numbered[1][1]) == int(numbered[0][1]) + 1
                           and isinstance(prior, Text) and prior.rest == above)  # (not the last picture's caption)
            if (qt and not q.images and not p.images[-1].caption and (_caption_like(q, qt) or _names_a_picture(q, qt))
                    and not above_first):
                if i + 2 < n or not _source_text(qt):
                    p.images[-1].caption = qt
                    if not _caption_like(q, qt):  # a plain line taken for the caption: said, it may be a subheading
                        sub.notes.append(f"图题 the line “{qt}” under a picture was taken as its caption: move it out "
                                         "of ![…] if it is a heading.")
                    i += 1
        if p.images and not text and not p.images[0].caption and i > 0:
            # a caption written above its picture (图1 县人社局招聘会现场): numbered or begun like one
            before = sub.blocks[-1 - len(p.images)] if len(sub.blocks) > len(p.images) else None
            above = _strip(paras[i - 1].text)
            if (isinstance(before, Text) and not before.lead and before.rest == above and not paras[i - 1].images
                    and len(above) <= 40 and re.match(r"(图\s*\d|图[为：:]|照片[：:]?)", above)):
                p.images[0].caption = above
                sub.blocks.remove(before)
        i += 1
    for q in paras[told:]:  # taken with the last paragraph
        if subs:
            subs[-1].notes += _lost_notes(q)
    if skipped and not subs:
        raise ContentError(Where(path), "这个 Word 文件里没有文章 no article in this .docx (only a bulletin's header or 版记).")
    for s in subs:
        _finish(s, note_texts)
    return subs


def _finish(sub: Submission, note_texts: dict[int, str] | None = None) -> None:
    """What every submission's lines give once read, Word's or pasted: the
    source (last line, sign-off, form line), the byline, and a Word file's
    notes."""
    _take_source(sub)
    _take_form_lines(sub)
    _take_byline(sub)
    if note_texts is not None:
        _attach_notes(sub, note_texts)


def _lost_notes(p: _DocPara) -> list[str]:
    """What import says of what a paragraph lost, with where it was."""
    near = _strip(p.text)[:12]
    return [f"{what} (near “{near}”)" if near else what for what in p.lost]


def _attach_notes(sub: Submission, texts: dict[int, str]) -> None:
    """The Word notes referenced in the article's text, numbered from 1 in the
    order their marks stand (`sub.note_marks`, which _write turns the marks
    into: [^1]), as its own notes after the text ([^1]: …). A mark where no
    note can stand (the title, a subtitle, the source, a caption) and an
    empty note are left out, and said with the note's text."""
    def unplaced(text: str, where: str) -> str:
        for m in NOTE_MARK.finditer(text):
            sub.notes.append(f"注释 the note on the {where} (“{texts.get(int(m[1]), '')[:40]}”) cannot print there and "
                             "was not carried: put it in the text if it should print.")
        return NOTE_MARK.sub("", text)

    sub.title_lines = [unplaced(t, "title") for t in sub.title_lines]
    for key, where in (("subtitle", "subtitle"), ("author", "byline"), ("source", "source line")):
        if getattr(sub, key):
            setattr(sub, key, unplaced(getattr(sub, key), where))
    empty = {g for g, t in texts.items() if not t.strip()}
    present = {int(m[1]) for b in sub.blocks for t in ((b.lead, b.rest) if isinstance(b, Text) else (b.text,)
               if isinstance(b, Heading) else ()) for m in NOTE_MARK.finditer(t)}

    def drop_empty(text: str) -> str:
        return NOTE_MARK.sub(lambda m: "" if int(m[1]) in empty else m[0], text)

    for b in sub.blocks:
        if isinstance(b, Text):
            old = b.rest
            b.lead, b.rest = drop_empty(b.lead), drop_empty(b.rest)
            b.bold = tuple(_moved(b.bold, old, b.rest))
            texts_here = (b.lead, b.rest)
        elif isinstance(b, Heading):
            b.text = drop_empty(b.text)
            texts_here = (b.text,)
        else:
            texts_here = ()
            if isinstance(b, Image):
                b.caption = unplaced(b.caption, "picture's caption")
            elif isinstance(b, TableRows):
                b.rows = [[unplaced(c, "table") for c in r] for r in b.rows]
        for text in texts_here:
            for m in NOTE_MARK.finditer(text):
                sub.note_marks.setdefault(int(m[1]), len(sub.note_marks) + 1)
    if any(g in empty for g in present):
        sub.notes.append("空注释 a Word footnote with no text was left out, its mark too.")
    sub.blocks += [NoteText(str(mark), texts[g]) for g, mark in sub.note_marks.items()]


CAPTION_STARTS = ("图为", "图：", "图:", "图片", "上图", "下图", "（图", "(图")


def _caption_like(p: _DocPara, text: str) -> bool:
    """Whether `text` (of paragraph `p`, in or right under a picture) is the
    picture's caption: Word's caption style, or a short line centred or
    begun the way press captions begin (图为…, 图：…, （图…）)."""
    if not text:
        return False
    if p.style == "caption":
        return True
    return len(text) <= 60 and (p.centered or text.startswith(CAPTION_STARTS) or re.match(r"图\s*\d", text) is not None)


CAPTION_CHARS = 24  # a plain line under a picture this short, with no mark of a sentence, names it


def _names_a_picture(p: _DocPara, text: str) -> bool:
    """A short plain line right under a picture that is no sentence, heading
    or source (中秋义诊现场): the picture's caption, as its writer meant it.
    Left as a paragraph it stayed behind when the picture moved to the next
    page and printed under a table as if it were the table's."""
    if len(text) > CAPTION_CHARS or any(c in "。，；：:！？!?" for c in text) or _level_by_number(text) or _source_text(text):
        return False
    lead, rest, _ = _lead_split(p.runs)
    return not (lead and not rest.strip(_WS)) and p.style not in ("heading", "title")  # (a line all in bold heads what follows)


def _bold_heading_level(lead: str, rest: str) -> int:
    """A whole paragraph in bold that is numbered like a heading and is no
    sentence (一、聚焦粮食安全 / （一）压实责任 / 1.清单化管理) is how Word users
    without styles write a heading: its level by its number (## ### ####); 0
    for anything else (a bold lead runs into its paragraph)."""
    text = _strip(lead)
    if rest.strip(_WS) or not text or len(text) > 40 or text.endswith(("。", "；", "：", ":")):
        return 0
    return _level_by_number(text)


def _level_by_number(text: str) -> int:
    """A heading's level by its number, GB/T 9704 §7.3.3 (一、 ## / （一） ### /
    1. ####); 0 when it has none."""
    if re.match(r"[一二三四五六七八九十百]+[、．.]", text):
        return 2
    if re.match(r"（[一二三四五六七八九十百]+）", text):
        return 3
    if re.match(r"\d+[、．.](?!\d)", text):
        return 4
    return 0


END_MARKS = re.compile(r"^(完|全文完|待续|未完待续|本文有删节|有删节|节选|摘编)$")  # （完）: the text's end, no source
NOT_SOURCES = re.compile(r"^(本文|图片|图|照片|编者|作者)")  # （作者系…）, （图为…）: the text's, no source


def _source_text(text: str) -> str | None:
    """The unit a source line names (（市北区委宣传部）, 供稿：…), None for a
    bracketed line that names none: （完）, （本文有删节）, a byline (（通讯员
    訾欢）, the author's), a picture's credit."""
    m = _SOURCE.match(text) or _SOURCE_LABEL.match(text)
    if m and (END_MARKS.match(m[1].strip()) or NOT_SOURCES.match(m[1].strip()) or _BYLINE.match(text)
              or _STAFF_LINE.match(text)):
        return None
    if m and not m[1].startswith(("图", "照片")):
        # （县文旅局供稿）: the unit, not its verb
        unit = _SOURCE_SUFFIX.sub("", _SOURCE_PREFIX.sub("", m[1].strip()))
        return unit if unit and unit not in ("供稿", "提供", "来稿", "报送") else None
    return None


_SOURCE_SUFFIX = re.compile(r"(?<=[\u3400-\u9fff])\s*(?:供稿|提供|报送|来稿)$")  # (市卫健委创建办 供稿): a space before it too
# a writer's and checker's line at an article's end (撰稿：李四　审核：王五): not the source
_STAFF_LINE = re.compile(r"^[（(]?(?:撰稿|撰写|执笔|审核|审稿|编辑|责任编辑|校对|签发|联系人|联系电话)\s*[:：]")
# a date on a line of its own (a letterhead's or a sign-off's): 2024年5月6日, 二〇二四年五月六日
DATE_LINE = re.compile(r"^[\d〇零一二三四五六七八九]{4}\s*年\s*[\d一二三四五六七八九十]{1,3}\s*月\s*[\d一二三四五六七八九十]{1,3}\s*日$")
UNIT_ENDS = ("局", "委", "办", "部", "厅", "院", "所", "中心", "站", "队", "处", "室", "馆", "街道", "社区", "镇", "乡",
             "公司", "集团", "政府", "委员会", "办公室", "小组")
ACTIONS = re.compile(r"(召开|开展|举办|举行|启动|印发|获评|荣获)")  # a title's verbs, in no unit's name (组织部 has 组织)


def _unit_line(text: str) -> bool:
    """A line that only names a unit (青岛市市北区人力资源和社会保障局): a letterhead's or a sign-off's."""
    t = _strip(text)
    return (2 < len(t) <= 30 and t.endswith(UNIT_ENDS) and not re.search(r"[，。、；：！？“”《》\s\d]", t)
            and not ACTIONS.search(t))


def _unit_byline(line: str) -> tuple[str, str] | None:
    """A unit and the people who wrote for it, as submissions put them under
    the title (某某区人社局 张三, 市北区委宣传部 王五 李四): (unit, names), or
    None. A name starts with a common surname, so that a short sentence with a
    space in it (市委宣传部 召开会议) is not taken for one."""
    m = _UNIT_BYLINE.match(line)
    if not m:
        return None
    names = re.split(r"[、，,\s]+", m[2].strip())
    if not all(2 <= len(n) <= 3 and n[0] in SURNAMES for n in names):
        return None
    return m[1], " ".join(names)


def _take_byline(sub: Submission) -> None:
    """A byline line under the title (记者 张三, 通讯员：李四, 某某区人社局 张三,
    大众网记者 李哲 青岛报道) is the `author` (before one the text's end gave:
    （通讯员 訾欢）); a byline's unit is the source when the submission names
    none (and is left out of the author when it is the source)."""
    def author(text: str) -> str:
        return " ".join(re.sub(r"\s*[:：]\s*", " ", text).split())

    for k, b in enumerate(sub.blocks[:2]):
        if not isinstance(b, Text):
            return
        line = b.lead + b.rest
        if len(line) > 40:
            continue
        m = _BYLINE.match(line)
        found = author(m[1]) if m else None
        if found is None and pasted.PRESS_BYLINE.match(line) and len(line) <= 30:  # 大众网记者 李哲 青岛报道
            found = author(re.sub(r"\s*\S*报道$", "", line))
        if found is None and not sub.author and (unit := _unit_byline(line)):
            sub.source = sub.source or unit[0]
            sub.author = unit[1] if sub.source == unit[0] else f"{unit[0]} {unit[1]}"
            del sub.blocks[k]
            return
        if found:
            sub.author = f"{found} {sub.author}" if sub.author else found
            del sub.blocks[k]
            return


def _take_form_lines(sub: Submission) -> None:
    """A submission form's lines (报送单位：… 报送日期：…) are no text: the unit
    is the source where the article names none (or the same one), the date
    the masthead's to give; each is said."""
    for b in list(sub.blocks):
        if not isinstance(b, Text) or b.lead:
            continue
        m = re.match(r"^(报送日期|报送时间)\s*[:：]\s*([\d〇零一二三四五六七八九十年月日.\-/\s:]+)$", b.rest)
        if m:
            sub.blocks.remove(b)
            sub.notes.append(f"报送日期 the form's line “{b.rest}” was left out: the masthead dates the issue.")
            continue
        m = re.match(r"^报送单位\s*[:：]\s*(.+)$", b.rest)
        if m and (sub.source is None or _strip(m[1]) == sub.source):
            sub.source = sub.source or _strip(m[1])
            sub.blocks.remove(b)
            sub.notes.append(f"报送单位 the form's line “{b.rest}” gives the source （{sub.source}）.")


def _take_source(sub: Submission) -> None:
    """A last paragraph `（市北区委宣传部）` or `供稿：…` is the source (a
    writer's and checker's line after it, 撰稿：李四 审核：王五, is passed over
    and said); so is a `供稿：…` line that opens the article, under its title,
    and a letter's sign-off (单位 / 日期: the unit; the date left out). An end
    mark after the text (（完）, （本文有删节）) is left out, a bracketed byline
    there (（通讯员 訾欢）) is the author; each is said. A line listing
    attachments (附件：) is said."""
    listed = next((b.rest for b in sub.blocks if isinstance(b, Text) and not b.lead and re.match(r"附件\s*\d*\s*[：:]", b.rest)), "")
    if listed:
        sub.notes.append(f"附件 the attachments (“{listed[:16]}”) are kept as text: a bulletin prints none; delete the "
                         "lines or bring what they name in as articles.")
    if sub.source:
        return
    for k in range(len(sub.blocks) - 1, -1, -1):
        b = sub.blocks[k]
        if isinstance(b, Image):
            continue
        before = sub.blocks[k - 1] if k > 0 else None
        if (isinstance(b, Text) and not b.lead and DATE_LINE.match(b.rest) and isinstance(before, Text)
                and not before.lead and _unit_line(before.rest)):
            # a letter's sign-off (单位 / 日期): the unit is the source, the date the masthead's to give
            sub.source = _strip(before.rest)
            sub.notes.append(f"落款 the sign-off “{sub.source} {b.rest}” at the end is the source line （{sub.source}）; "
                             "its date was left out: the masthead dates the issue.")
            del sub.blocks[k - 1 : k + 1]
            break
        mark = _SOURCE.match(b.rest) if isinstance(b, Text) and not b.lead else None
        if mark and END_MARKS.match(mark[1].strip()):
            # （完）, （本文有删节）: the text's end, no source; left out and said
            sub.notes.append(f"结束标记 the line “{b.rest}” after the text was left out.")
            del sub.blocks[k]
            continue
        byline = _BYLINE.match(b.rest) if isinstance(b, Text) and not b.lead and not sub.author else None
        if byline and mark:  # （通讯员 訾欢） at the end: the author, not the source
            sub.author = " ".join(re.sub(r"\s*[:：]\s*", " ", byline[1]).split())
            del sub.blocks[k]
            continue
        if isinstance(b, Text) and not b.lead and _STAFF_LINE.match(b.rest):
            sub.notes.append(f"撰稿审核行 the line “{b.rest[:20]}” after the text is kept as text: delete it if it "
                             "should not print (the 版记 names the issue's editors).")
            continue
        if isinstance(b, Text) and not b.lead:
            src = _source_text(NOTE_MARK.sub("", b.rest))
            if src:
                # a Word note's mark on the source line stays with it, for _attach_notes to say it cannot print
                sub.source = src + "".join(m[0] for m in NOTE_MARK.finditer(b.rest))
                del sub.blocks[k]
        break
    if not sub.source:
        first = next((k for k, b in enumerate(sub.blocks) if isinstance(b, Text)), None)
        opening = sub.blocks[first].rest if first is not None and not sub.blocks[first].lead else ""
        # 供稿：县文明办 on a line of its own, no sentence after it (供稿：县文明办　县文明办近日… is text)
        if _SOURCE_LABEL.match(opening) and len(opening) <= 30 and not re.search(r"[，。；！？\u3000]|\s\S", opening.split("：", 1)[-1].strip()):
            sub.source = _source_text(sub.blocks[first].rest)
            del sub.blocks[first]


# --- reading .txt and .md ------------------------------------------------------


def _read_plain(path: Path) -> tuple[str, list[str]]:
    return decode_text(read_text_bytes(path), path)


_MD_IMAGE = re.compile(r"^!\[([^\]]*)\]\(\s*<?([^)>]+?)>?\s*\)$")
_MD_LEAD = re.compile(r"^\*\*(.+?)\*\*(.*)$")
_MD_KEEP = re.compile(r"\]\([^)\s]*\)|\[\^[^\]\s]+\]")  # a link's address, a footnote's mark: Markdown, not text
_MD_NOTE = re.compile(r"^\[\^([^\]\s]+)\]\s*[:：]\s*(.*)$")  # a footnote's text (a full-width colon too)
_MD_RULE_ROW = re.compile(r"^\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?$")  # |---|:---:|


def _pipe_rows(lines: list[str]) -> list[list[str]]:
    """A Markdown pipe table's rows, cells as written, its |---| row left out."""
    rows = []
    for line in lines:
        if _MD_RULE_ROW.match(line):
            continue
        inner = line.strip()
        inner = inner[1:] if inner.startswith("|") else inner
        inner = inner[:-1] if inner.endswith("|") and not inner.endswith("\\|") else inner
        rows.append([c.strip() for c in re.split(r"(?<!\\)\|", inner)])
    return rows


LINE_BREAK = "\u2028"  # a line break inside a paragraph of a Markdown submission (<br>, a line ending in \\)


def _md_cleanups(lines: list[str]) -> tuple[list[str], list[str]]:
    """What a Markdown export holds that a bulletin cannot print, made plain:
    a rule (---) left out, <br> a line break, an HTML comment left out; each said."""
    out, said = [], []
    text = "\n".join(lines)
    if re.search(r"<!--.*?-->", text, flags=re.S):
        text = re.sub(r"<!--.*?-->", "", text, flags=re.S)
        said.append("注释 an HTML comment (<!-- … -->) was left out.")
    for line in text.split("\n"):
        if re.fullmatch(r"\s*([-*_])(\s*\1){2,}\s*", line):
            said.append("分隔线 a rule (---) was left out: a bulletin prints none.")
            out.append("")
            continue
        if re.search(r"<br\s*/?>", line, flags=re.I):
            line = re.sub(r"\s*<br\s*/?>\s*", LINE_BREAK, line, flags=re.I)
            said.append("换行 <br> became a line break (a line ending in \\).")
        out.append(line)
    return out, list(dict.fromkeys(said))


TITLE_HALF = 6  # characters of a title's second line standing apart (a shorter line is a subheading)
ARTICLE_KEYS = ("section", "title", "subtitle", "source", "author", "note")  # authoring.md's article header


def submission_from_text(path: Path) -> Submission:
    """A .txt or .md submission: pasted text (pasted.py: the page's own lines
    left out and listed, tab-separated rows a table, a PDF's fixed-width
    lines joined, the title the short lines it opens with) or Markdown with
    or without an article header."""
    text, notes = _read_plain(path)
    is_md = path.suffix.lower() == ".md"
    sub = Submission(notes=notes)
    lines = text.splitlines()
    meta: dict = {}
    if is_md and lines and lines[0].strip() == "---":
        from .content import _split_front_matter, _yaml

        try:
            front, body, _line = _split_front_matter(text, path)
        except ContentError:  # no second ---: a rule opens the text
            front, body = "", text
        found = _yaml(front, path, first_line=2)[0] if front else None
        # a header names the article's keys; else the --- opens the text (a rule, said below)
        if isinstance(found, dict) and any(str(k) in ARTICLE_KEYS for k in found):
            meta = found
            lines = body.splitlines()
    if meta:
        if meta.get("title"):
            sub.title_lines = [_strip(t) for t in str(meta["title"]).splitlines() if _strip(t)]
        if meta.get("subtitle"):
            sub.subtitle = str(meta["subtitle"]).strip()
        if meta.get("source"):
            sub.source = str(meta["source"]).strip()
        if meta.get("author"):
            sub.author = str(meta["author"]).strip()
        if meta.get("section"):
            sub.section = str(meta["section"]).strip()
        if meta.get("note"):
            sub.note = " ".join(str(meta["note"]).split())
        other = [str(k) for k in meta if str(k) not in ARTICLE_KEYS]
        if other:
            sub.notes.append(f"头部的 {', '.join(f'`{k}:`' for k in other)} is no key of an article's header "
                             f"({', '.join(ARTICLE_KEYS)}): left out.")
    if is_md:
        lines, cleaned = _md_cleanups(lines)
        sub.notes += cleaned
    lines, dropped = pasted.drop_clutter(lines)
    pictographs = [x for x in lines if x.strip() and all(is_emoji(c) or c.isspace() for c in x)]
    if pictographs:  # a line of emoji alone (🔥🔥🔥 above a WeChat title): no title, no text
        lines = [x for x in lines if x not in pictographs]
        sub.notes.append("表情符号 left out the line(s) of emoji alone: " + "; ".join(x.strip() for x in pictographs))
    if dropped:
        sub.notes.append("网页附带的文字 left out the lines the web page or WeChat added around the article: "
                         + "; ".join(f"“{_strip(x)}”" for x in dropped))
    blocks: list[list[str]] = [[]]
    for line in lines:
        s = line.strip(_WS)  # (a tab inside the line stays: a table's, or a space between words)
        if s and is_md and line[:1] in (" ", "\t") and blocks[-1] and _MD_NOTE.match(blocks[-1][-1]):
            blocks[-1][-1] += s  # a note's text goes on, indented under its [^1]:
        elif s and is_md and blocks[-1] and blocks[-1][-1].endswith("\\"):
            blocks[-1][-1] = blocks[-1][-1][:-1].rstrip() + LINE_BREAK + s  # a hard line break: the paragraph goes on
        elif s:
            blocks[-1].append(s)
        elif blocks[-1]:
            blocks.append([])
        if s and is_md and line.rstrip("\r\n").endswith("  ") and not blocks[-1][-1].endswith("\\"):
            blocks[-1][-1] += "\\"  # a line ending in two spaces breaks its line, as one ending in \
    # (a break at a paragraph's end breaks nothing)
    blocks = [[x[:-1].rstrip() if is_md and x.endswith("\\") else x for x in b] for b in blocks if b]
    if not is_md:
        blocks = [pasted.join_wrapped(b) for b in blocks]
    flat = [(k, line) for k, b in enumerate(blocks) for line in b]
    if flat and (m := pasted.NOTE_START.match(flat[0][1])) and not sub.note:
        # 编者按：… above the title: the article's note, its block's lines one paragraph (the next
        # block's where the label stands alone: 【编者按】 / 今年以来…)
        k0 = flat[0][0]
        taken = {k0} if flat[0][1][m.end():].strip() or len(blocks[k0]) > 1 else {k0, k0 + 1}
        sub.note = "".join([flat[0][1][m.end():].strip()] + [line for k, line in flat[1:] if k in taken])
        flat = [(k, line) for k, line in flat if k not in taken]
    body: list[str] = []
    if not sub.title_lines and flat:
        if is_md and re.match(r"#{1,6}\s", flat[0][1]):
            sub.title_lines = [flat[0][1].lstrip("#").strip()]
            body = [line for _, line in flat[1:]]
        else:
            title: list[str] = []
            for k, line in flat:
                if len(title) >= 3 or not pasted.title_like(line) or _BYLINE.match(line) or _unit_byline(line) \
                        or _source_text(line) or DATE_LINE.match(line):
                    break
                if title and k != flat[0][0] and (len(blocks[k]) > 1 or len(line) < TITLE_HALF):
                    break  # a later block of several lines is the text; a short one a subheading (工作成效)
                title.append(line)
            title = title or [flat[0][1]]
            if len({k for k, _ in flat[: len(title)]}) > 1:
                sub.notes.append(f"标题 the title was read from {len(title)} lines apart (“{' / '.join(title)}”): check it.")
            sub.title_lines = [pasted.tabs_as_spaces(t) for t in title]
            body = [line for _, line in flat[len(title):]]
    else:
        body = [line for _, line in flat]
    if body and not sub.subtitle and body[0].startswith(("——", "—")):
        sub.subtitle = body.pop(0)
    if is_md:  # a quotation block (> 编者按：…) is the text it quotes
        body = [re.sub(r"^(>\s*)+", "", line) for line in body]
    for k, line in enumerate(body[:3]):
        m = pasted.NOTE_START.match(line)
        if m and not sub.note:  # 编者按：… at the head: the article's note
            sub.note = line[m.end():].strip()
            del body[k]
            break
    at = 0
    while at < len(body):
        line = body[at]
        at += 1
        if is_md and line.startswith("|"):
            # a pipe table: its rows together, as written (not a paragraph a row, blank lines between)
            rows = [line]
            while at < len(body) and body[at].startswith("|"):
                rows.append(body[at])
                at += 1
            rows = [r.replace(LINE_BREAK, " ") for r in rows]  # (<br> in a cell: a cell has no line breaks)
            sub.blocks.append(TableRows(_pipe_rows(rows), next((r.strip() for r in rows if _MD_RULE_ROW.match(r)), "")))
            continue
        n = pasted.tab_table(body, at - 1)
        if n:  # a table pasted as tab-separated columns
            sub.blocks.append(TableRows([pasted.cells(r.strip("\t ")) for r in body[at - 1 : at - 1 + n]]))
            at += n - 1
            continue
        line = pasted.tabs_as_spaces(line) if "\t" in line else line
        line = line.replace(LINE_BREAK, "\n")
        if is_md and (m := _MD_NOTE.match(line)):
            sub.blocks.append(NoteText(m[1], m[2]))
            continue
        if is_md:
            m = _MD_IMAGE.match(line)
            if m and re.match(r"(?i)https?://", m[2]):
                # a picture on the web (a WeChat export's): not fetched; said, the rest imported
                sub.notes.append(f"网络图片 the picture {m[2][:60]} is on the web and was not brought in: save it next to "
                                 "the article and add ![说明](file.jpg) where it stands.")
                continue
            if m:
                src = (path.parent / m[2]).resolve()
                outside = picture_outside(m[2], src, path.parent)
                if outside:
                    raise ContentError(Where(path), outside)
                if not src.is_file():
                    raise ContentError(Where(path), f"图片不存在 picture `{m[2]}` is not next to {path.name}: copy it there.")
                sub.blocks.append(Image(None, src, src.suffix.lower(), m[1]))
                continue
            if re.match(r"#{1,6}\s", line):  # (#李沧发布# is a topic tag, not a heading: no space after #)
                hashes = len(line) - len(line.lstrip("#"))
                sub.blocks.append(Heading(line.lstrip("#").strip(), min(4, max(2, hashes))))
                continue
            m = _MD_LEAD.match(line)
            if m:
                sub.blocks.append(Text(m[1].strip(), m[2].strip()))
                continue
        sub.blocks.append(Text("", line))
    _finish(sub)
    page_source = next((m[1] for x in dropped if (m := re.search(r"来源\s*[:：]\s*([^\s：:]{2,30})", x))), None)
    if not sub.source and page_source:
        sub.source = page_source
        sub.notes.append(f"来源 the source （{page_source}） is the web page's 来源 line: check it names the unit that sent the article.")
    return sub


# --- writing the article ---------------------------------------------------------


def _md_escape(text: str, markdown: bool) -> str:
    """Text → Markdown that reads back as exactly this text."""
    if markdown:
        return text  # already Markdown: the editor's own markup stays
    out = re.sub(r"([\\`*_\[\]<>&~|])", r"\\\1", text)
    out = re.sub(r"^([#+=-])", r"\\\1", out)
    out = re.sub(r"^(\d+)([.)])", r"\1\\\2", out)
    out = re.sub(r"!(?=\\\[)", r"\\!", out)
    return out


def _moved(spans: tuple[tuple[int, int], ...], old: str, new: str) -> list[tuple[int, int]]:
    """Ranges of `old` → the same characters' ranges in `new` (the text after
    punctuation was normalised: ... became ……, a zero-width space went)."""
    if not spans or old == new:
        return list(spans)
    import difflib

    ops = difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes()

    def at(i: int) -> int:
        for tag, a0, a1, b0, b1 in ops:
            if a0 <= i < a1 or (i == a1 == len(old)):
                return b0 + (i - a0 if tag == "equal" else (0 if i == a0 else b1 - b0))
        return len(new)

    return [(at(a), at(b)) for a, b in spans if at(a) < at(b)]


def _bold_markdown(text: str, spans: list[tuple[int, int]], markdown: bool) -> str:
    """`text` as Markdown with `**…**` around each bold range (each `**`
    pairs with the next as zhuanbao reads them, whatever stands beside it)."""
    out, pos = [], 0
    for a, b in spans:
        out += [_md_escape(text[pos:a], markdown), "**", _md_escape(text[a:b], markdown), "**"]
        pos = b
    out.append(_md_escape(text[pos:], markdown))
    return "".join(out)


def _table_markdown(rows: list[list[str]], norm, markdown: bool = False, rule: str = "") -> list[str]:
    """A pipe table: the first row is the header, `|---|` under it (or the
    submission's own `rule`, its alignments; the cells of a Markdown
    submission's table are Markdown already)."""

    def cell(text: str) -> str:
        if markdown:
            return norm(text) if text else ""
        # inline markup only: a cell is no line start, so `47.1万` needs no `\.`
        return re.sub(r"([\\`*_\[\]<>&~|])", r"\\\1", norm(text)) if text else ""

    out = ["| " + " | ".join(cell(c) for c in rows[0]) + " |", rule or "|" + "---|" * len(rows[0])]
    out += ["| " + " | ".join(cell(c) for c in r) + " |" for r in rows[1:]]
    return out


def slugify(stem: str) -> str:
    """The file name's words, Latin or Chinese (人社局稿件.docx → 人社局稿件): every
    later message names the file, and 01-article.md, 02-article.md say nothing
    of whose article it is."""
    s = re.sub(r"[^a-z0-9\u3400-\u9fff]+", "-", stem.lower()).strip("-")
    return s[:40].strip("-")


def next_number(folder: Path) -> int:
    from .content import article_files

    nums = [int(m[1]) for p in article_files(folder) if (m := re.match(r"(\d+)", p.name))]
    return max(nums, default=0) + 1


def sections_of(content_dir: Path, folder: Path) -> tuple[str, ...]:
    from .content import _mapping, _read_text, _str_list, _yaml

    pub_path = content_dir / "publication.yaml"
    if not pub_path.is_file():
        raise ContentError(
            Where(pub_path),
            "找不到 publication.yaml: run zhuanbao in the folder that holds content/, or name it with --content DIR.",
        )
    pub = _mapping(_yaml(_read_text(pub_path), pub_path)[0], pub_path)
    iss: dict = {}
    if (folder / "issue.yaml").is_file():
        iss = _mapping(_yaml(_read_text(folder / "issue.yaml"), folder / "issue.yaml")[0], folder / "issue.yaml")
    value = iss.get("sections") or pub.get("sections")
    if not value:
        raise ContentError(Where(pub_path), "缺少 `sections` is missing in publication.yaml.")
    return _str_list(value, Where(pub_path), "sections")


def import_file(
    src: Path,
    content_dir: Path,
    issue: str,
    section: str | None,
    slug: str | None = None,
) -> list[Imported]:
    """Import a submission into content/ISSUE/; returns what was written."""
    src = Path(src)
    content_dir = Path(content_dir)
    if not src.is_file():
        raise ContentError(Where(src), "找不到要导入的文件 the file to import is not there: check the name and folder.")
    if src.suffix.lower() not in SUFFIXES:
        hint = " Save it from Word or WPS as .docx first." if src.suffix.lower() in (".doc", ".wps", ".rtf") else ""
        raise ContentError(Where(src), f"只能导入 can only import .docx, .txt or .md, not `{src.suffix}`.{hint}")
    folder = content_dir / issue
    if not (folder / "issue.yaml").is_file():
        raise ContentError(
            Where(folder),
            f"期号文件夹不存在 no issue `{issue}` under {content_dir}: create it first with `zhuanbao new {issue}`.",
        )
    sections = sections_of(content_dir, folder)
    if section is not None and section not in sections:
        raise ContentError(
            None, f"栏目 `{section}` 不在 sections 中 unknown section: use one of {', '.join(sections)}."
        )
    if src.suffix.lower() == ".docx":
        subs = submissions_from_docx(src)
    else:
        subs = [submission_from_text(src)]
    subs = [s for s in subs if s.title_lines or s.blocks]
    if not subs or not any(isinstance(b, (Text, Heading)) for s in subs for b in s.blocks):
        raise ContentError(Where(src), "文件里没有正文 the file has no text to import: is it the right file?")
    for s in subs:
        # A bulletin's DOCX names each article's section; a single submission takes --section.
        label = s.section if s.section in sections else None
        s.section = (label or section) if len(subs) > 1 else (section or label)
        if s.section is None:
            raise ContentError(
                None,
                f"请指定栏目 name the section: add `--section` with one of {', '.join(sections)}.",
            )
    base = slug or slugify(src.stem) or "article"
    base = slugify(base) or "article"
    done: list[Imported] = []
    titles = _titles_in(folder)
    try:
        for s in subs:
            done.append(_write(s, folder, base, markdown=src.suffix.lower() == ".md", titles=titles, src=src))
    except BaseException:
        for d in done:
            for p in [d.path, *d.pictures]:
                p.unlink(missing_ok=True)
        raise
    return done


def _titles_in(folder: Path) -> dict[str, Path]:
    """The titles of the issue's articles (spaces and line breaks left out) and
    their files: a submission imported twice is told so at once, not written
    a second time for `check` to refuse. An article whose header cannot be
    read is left to `check`."""
    import yaml

    from .content import _split_front_matter, article_files

    out: dict[str, Path] = {}
    for path in article_files(folder):
        try:
            head, _, _ = _split_front_matter(path.read_text(encoding="utf-8"), path)
            data = yaml.safe_load(head)
        except (ContentError, OSError, UnicodeDecodeError, yaml.YAMLError):
            continue
        if isinstance(data, dict) and data.get("title"):
            out.setdefault(re.sub(r"\s+", "", str(data["title"])), path)
    return out


def _remove(paths: list[Path]) -> None:
    for p in paths:
        try:
            p.unlink(missing_ok=True)
        except OSError:
            pass  # the folder became unwritable: nothing more can be done, and the message says what failed


def _write(sub: Submission, folder: Path, base: str, markdown: bool, titles: dict[str, Path], src: Path) -> Imported:
    from PIL import Image as PILImage

    nn = next_number(folder)
    name = f"{nn:02d}-{base}"
    path = folder / f"{name}.md"
    warnings: list[Diagnostic] = []
    changes: list[tuple[int, Change]] = []
    lines: list[str] = ["---", f"section: {yamlio.scalar(sub.section or '')}"]

    def plain_norm(text: str, line: int) -> str:
        new, ch = normalise(text)
        new, digits = half_width_alnum(new)  # GB/T 15835: numbers and Latin letters half-width
        new, spaces = stray_spaces(new)  # 宣传活动。 此次: the mark carries its own space
        new, symbols = stand_ins(new)  # ✓ ☒: √ ■, which the bulletin's fonts print
        changes.extend((line, c) for c in ch + digits + spaces + symbols)
        return new

    def norm(text: str, line: int) -> str:
        """The text's punctuation normalised; in a Markdown submission, not a link's
        address or a footnote's mark (](http://…) would become ]（http：//…）)."""
        if not markdown:
            return plain_norm(text, line)
        out, pos = [], 0
        for m in _MD_KEEP.finditer(text):
            out += [plain_norm(text[pos : m.start()], line) if m.start() > pos else "", m.group()]
            pos = m.end()
        return "".join(out) + (plain_norm(text[pos:], line) if pos < len(text) else "")

    title = [norm(t, len(lines) + 2) for t in sub.title_lines] or ["（请填写标题）"]
    key = re.sub(r"\s+", "", "".join(title))
    if sub.title_lines and key in titles:
        raise ContentError(
            Where(src),
            f"已经导入过 `{titles[key].name}` has this title already (“{''.join(title)}”): was this file imported "
            f"before? Delete `{titles[key].name}` to import it again, or give one of them another title.",
        )
    titles[key] = path
    if not sub.title_lines:
        warnings.append(Diagnostic("warning", Where(path, 3), "没有找到标题 no title found: write the `title:`."))
    if len(title) == 1:
        lines.append(f"title: {yamlio.scalar(title[0])}")
    else:
        lines.append("title: |")
        lines += [f"  {t}" for t in title]
    if sub.subtitle:
        lines.append(f"subtitle: {yamlio.scalar(norm(sub.subtitle, len(lines) + 1))}")
    if sub.author:
        lines.append(f"author: {yamlio.scalar(norm(sub.author, len(lines) + 1))}")
    if sub.note:
        lines.append(f"note: {yamlio.scalar(norm(sub.note, len(lines) + 1))}")
    if sub.source:
        lines.append(f"source: {yamlio.scalar(norm(sub.source, len(lines) + 1))}")
    else:
        warnings.append(
            Diagnostic(
                "warning",
                Where(path, 2),
                "没有找到来源 no source found (a last paragraph like （市北区委宣传部））: add `source:`.",
            )
        )
    lines.append("---")
    pictures: list[Path] = []
    made: list[Path] = []  # every file this call created: removed whole if it does not finish
    k = 0
    try:
        for b in sub.blocks:
            line_no = len(lines) + 1
            if isinstance(b, Text):
                lead = norm(b.lead, line_no) if b.lead else ""
                rest = norm(b.rest, line_no) if b.rest else ""
                if "**" in b.lead + b.rest and not markdown:
                    warnings.append(
                        Diagnostic("warning", Where(path, line_no), "`**` in the text marks a bold lead: check this line.")
                    )
                text = (f"**{_md_escape(lead, markdown)}**" if lead else "") + _bold_markdown(
                    rest, _moved(b.bold, b.rest, rest), markdown
                )
                rows = [row.strip() for row in text.split("\n")]  # a line break kept: `\` ends the line (CommonMark)
                lines += [row + "\\" for row in rows[:-1]] + [rows[-1], ""]
            elif isinstance(b, Heading):
                lines += ["#" * b.level + " " + _md_escape(norm(b.text, line_no), markdown), ""]
            elif isinstance(b, TableRows):
                lines += _table_markdown(b.rows, lambda t, n=line_no: norm(t, n), markdown, b.rule) + [""]
            elif isinstance(b, NoteText):
                lines += [f"[^{b.mark}]: {norm(b.text, line_no)}", ""]
            else:
                k += 1
                ext = b.ext if b.ext in (".jpg", ".jpeg", ".png") else ".png"
                pic = folder / f"{name}-{k}{ext}"
                try:
                    if b.ext in (".jpg", ".jpeg", ".png"):
                        data = b.data if b.data is not None else b.src.read_bytes()  # type: ignore[union-attr]
                        with create_new(pic, made) as fh:
                            fh.write(data)
                    else:
                        import io

                        source = io.BytesIO(b.data) if b.data is not None else b.src
                        with PILImage.open(source) as im:  # type: ignore[arg-type]
                            im.load()
                            with create_new(pic, made) as fh:
                                im.save(fh, "PNG")
                except (OSError, ValueError) as exc:
                    if pic in made:  # half-written by us; a file of that name from before is left alone
                        made.remove(pic)
                        pic.unlink(missing_ok=True)
                    warnings.append(
                        Diagnostic(
                            "warning",
                            Where(path, line_no),
                            f"第 {k} 张图片无法转换 picture {k} ({b.ext}) could not be saved ({exc}): "
                            "export it as JPEG or PNG and add `![说明](file.jpg)` here.",
                        )
                    )
                    continue
                pictures.append(pic)
                caption = norm(b.caption, line_no) if b.caption else ""
                caption = caption.replace("[", "\\[").replace("]", "\\]")
                lines += [f"![{caption}]({pic.name})", ""]
        while lines and lines[-1] == "":
            lines.pop()
        if sub.note_marks:  # a Word note's mark: the article's own ([^1]), numbered as its notes are
            lines = [NOTE_MARK.sub(lambda m: f"[^{sub.note_marks.get(int(m[1]), m[1])}]", ln) for ln in lines]
        for note in sub.notes:
            warnings.append(Diagnostic("warning", Where(path), note))
        with create_new(path, made, "x", encoding="utf-8") as fh:
            fh.write("\n".join(lines) + "\n")
    except FileExistsError as exc:
        _remove(made)
        raise ContentError(Where(Path(exc.filename or path)), "文件已存在 the file already exists: nothing was overwritten.") from None
    except OSError as exc:
        _remove(made)
        raise cannot_write(exc, Path(exc.filename or path), "check the issue folder and that you may write in it") from None
    except BaseException:
        _remove(made)
        raise
    return Imported(path, pictures, sub, changes, warnings)
