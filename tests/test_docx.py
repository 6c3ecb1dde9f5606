"""The DOCX read back as XML (zipfile + lxml), the way Word will read it.

Nothing here imports zhuanbao's DOCX writer: the file is written by the
command, and the expectations come from the content files and from
format.md / GB/T 9704 (A4, 37/28/26/35 mm margins, 22 × 28 grid), so a
wrong number in the writer or in the layout fails here.
"""

from __future__ import annotations

import io
import re
import shutil
import zipfile
from functools import cached_property
from pathlib import Path

import pytest
from samples import write_issue
import yaml
from lxml import etree
from PIL import Image

from conftest import CONTENT, ROOT, run_cli
from expect import body_text, read_issue, squash

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NS = {"w": W, "r": R}
MM = 72 / 25.4


def w(name: str) -> str:
    return f"{{{W}}}{name}"


def render(content: Path, folder: str, out: Path, *extra: str) -> Path:
    proc = run_cli("render", folder, "--content", str(content), "--out", str(out), "--format", "docx", *extra)
    assert proc.returncode == 0, proc.stderr
    paths = proc.stdout.split()
    assert len(paths) == 1 and paths[0].endswith(".docx"), proc.stdout
    return Path(paths[0])


class Docx:
    def __init__(self, path: Path):
        self.path = path
        self.data = path.read_bytes()
        self.zip = zipfile.ZipFile(io.BytesIO(self.data))

    def xml(self, name: str):
        return etree.fromstring(self.zip.read(name))

    @cached_property
    def document(self):
        return self.xml("word/document.xml")

    @cached_property
    def styles(self):
        return self.xml("word/styles.xml")

    @cached_property
    def settings(self):
        return self.xml("word/settings.xml")

    def rels(self, part: str) -> dict[str, tuple[str, str]]:
        folder, name = part.rsplit("/", 1)
        root = self.xml(f"{folder}/_rels/{name}.rels")
        return {r.get("Id"): (r.get("Type"), r.get("Target")) for r in root}

    def style(self, name: str):
        found = self.styles.xpath("w:style[w:name/@w:val=$n]", namespaces=NS, n=name)
        assert found, f"no style named {name}"
        return found[0]

    def style_id(self, name: str) -> str:
        return self.style(name).get(w("styleId"))

    def body_paragraphs(self):
        return self.document.xpath("/w:document/w:body/w:p", namespaces=NS)

    def para_style(self, p) -> str:
        s = p.xpath("w:pPr/w:pStyle/@w:val", namespaces=NS)
        return s[0] if s else self.styles.xpath("w:style[@w:type='paragraph'][@w:default='1']/@w:styleId", namespaces=NS)[0]


def text_of(el) -> str:
    return "".join(el.xpath(".//w:t/text()", namespaces=NS))


def style_prop(dx: Docx, name: str, path: str):
    """A property of a style, following basedOn, then the document defaults."""
    sid = dx.style_id(name)
    while sid:
        st = dx.styles.xpath("w:style[@w:styleId=$s]", namespaces=NS, s=sid)[0]
        v = st.xpath(path, namespaces=NS)
        if v:
            return v[0]
        based = st.xpath("w:basedOn/@w:val", namespaces=NS)
        sid = based[0] if based else None
    v = dx.styles.xpath("w:docDefaults/w:rPrDefault/" + path, namespaces=NS)
    return v[0] if v else None


@pytest.fixture(scope="module")
def issue13(tmp_path_factory) -> Docx:
    return Docx(render(CONTENT, "13", tmp_path_factory.mktemp("docx")))


@pytest.fixture(scope="module")
def issue13_embedded(tmp_path_factory) -> Docx:
    return Docx(render(CONTENT, "13", tmp_path_factory.mktemp("docx-embed"), "--embed-fonts"))


def test_written_where_the_contract_says(tmp_path):
    proc = run_cli("render", "13", "--out", str(tmp_path))
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.split() == [str(tmp_path / "13" / "宣传信息专报第13期.pdf"), str(tmp_path / "13" / "宣传信息专报第13期.docx")]
    assert sorted(p.name for p in (tmp_path / "13").iterdir()) == ["宣传信息专报第13期.docx", "宣传信息专报第13期.pdf"]


def test_a4_page_margins_and_22_by_28_grid(issue13):
    sect = issue13.document.xpath("/w:document/w:body/w:sectPr", namespaces=NS)[0]
    sz, mar, grid = (sect.find(w(t)) for t in ("pgSz", "pgMar", "docGrid"))
    tw = lambda mm: mm * MM * 20  # noqa: E731
    assert abs(int(sz.get(w("w"))) - tw(210)) <= 1 and abs(int(sz.get(w("h"))) - tw(297)) <= 1
    top, left, right, bottom = (int(mar.get(w(k))) for k in ("top", "left", "right", "bottom"))
    assert abs(top - tw(37)) <= 1 and abs(left - tw(28)) <= 1 and abs(right - tw(26)) <= 1 and abs(bottom - tw(35)) <= 1
    # No document grid (ECMA-376 §17.6.5, type "default"): LibreOffice reads
    # linesAndChars differently from Word; the styles make the 22 × 28 page.
    assert grid.get(w("type")) in (None, "default") and grid.get(w("charSpace")) is None
    # Lines: every text style has exact line spacing; on the grid, 225 mm / 22
    # rounded down so that 22 fit.
    text_h = int(sz.get(w("h"))) - top - bottom
    pitch = int(grid.get(w("linePitch")))
    assert text_h // pitch == 22 and abs(pitch - tw(225) / 22) < 1
    for name in ("Normal", "Subtitle", "栏目", "小标题", "来源", "图题", "Title"):
        assert style_prop(issue13, name, "w:pPr/w:spacing/@w:lineRule") == "exact", name
        assert int(style_prop(issue13, name, "w:pPr/w:spacing/@w:line")) == pitch, name
    # Characters: a 16 pt character plus the grid styles' letter-spacing
    # (§17.3.2.35, twentieths of a point) is one cell: 28 fit a line, 29 do not.
    text_w = (int(sz.get(w("w"))) - left - right) / 20
    normal_size = int(style_prop(issue13, "Normal", "w:rPr/w:sz/@w:val")) / 2
    assert normal_size == 16
    for name in ("Normal", "Subtitle", "栏目", "小标题", "来源"):
        char_pitch = normal_size + int(style_prop(issue13, name, "w:rPr/w:spacing/@w:val")) / 20
        assert 28 * char_pitch <= text_w < 29 * char_pitch, name
        assert abs(char_pitch - 156 * MM / 28) < 0.05, name
    # titles and the header are off the grid: their own spacing, not the body's
    assert style_prop(issue13, "Title", "w:rPr/w:spacing/@w:val") == "0"


EXPECTED_STYLES = {
    # style name: (East Asian font, size in pt, alignment)
    "Normal": ("仿宋_GB2312", 16, "both"),
    "Title": ("方正小标宋简体", 22, "center"),
    "Subtitle": ("楷体_GB2312", 16, "center"),
    "栏目": ("黑体", 16, "left"),
    "小标题": ("黑体", 16, "left"),
    "来源": ("楷体_GB2312", 16, "right"),
    "图题": ("楷体_GB2312", 14, "center"),
    "目录": ("仿宋_GB2312", 16, "left"),
    "目录栏目": ("黑体", 16, "left"),
    "版记": ("仿宋_GB2312", 14, "both"),
    "页码": ("宋体", 14, "right"),
    "页码偶数页": ("宋体", 14, "left"),
}
LAYOUT = yaml.safe_load((ROOT / "layouts" / "zhuanbao.yaml").read_text(encoding="utf-8"))


def test_named_styles_carry_the_official_fonts_and_sizes(issue13):
    for name, (font, size, jc) in EXPECTED_STYLES.items():
        assert style_prop(issue13, name, "w:rPr/w:rFonts/@w:eastAsia") == font, name
        assert int(style_prop(issue13, name, "w:rPr/w:sz/@w:val")) == size * 2, name
        assert style_prop(issue13, name, "w:pPr/w:jc/@w:val") == jc, name
    # the body's first line is indented two grid characters
    assert style_prop(issue13, "Normal", "w:pPr/w:ind/@w:firstLineChars") == "200"
    # Latin and digits in the Latin face; the page number's digits in 宋体 (GB/T 9704 §7.5)
    assert style_prop(issue13, "Normal", "w:rPr/w:rFonts/@w:ascii") == "Times New Roman"
    assert style_prop(issue13, "页码", "w:rPr/w:rFonts/@w:ascii") == "宋体"
    lead = issue13.styles.xpath("w:style[@w:type='character'][w:name/@w:val='段首小标题']", namespaces=NS)
    assert lead and lead[0].xpath("w:rPr/w:rFonts/@w:eastAsia", namespaces=NS) == ["黑体"]
    # the masthead: house practice, so the layout's size and red
    m = LAYOUT["header"]["masthead"]
    assert style_prop(issue13, "报头", "w:rPr/w:rFonts/@w:eastAsia") == "方正小标宋简体"
    assert int(style_prop(issue13, "报头", "w:rPr/w:sz/@w:val")) == round(float(str(m["size"]).rstrip("pt")) * 2)
    assert "#" + style_prop(issue13, "报头", "w:rPr/w:color/@w:val") == LAYOUT["colors"][m["color"]].upper()


def test_paragraphs_use_the_styles_not_direct_formatting(issue13):
    data = read_issue(CONTENT, "13")
    sid = issue13.style_id
    by_style: dict[str, list[str]] = {}
    for p in issue13.body_paragraphs():
        by_style.setdefault(issue13.para_style(p), []).append(text_of(p))
    titles = ["".join(a["title_lines"]) for a in data["articles"] if a["section"] != "简讯"]
    assert by_style[sid("Title")] == titles
    assert by_style[sid("栏目")] == ["〔工作动态〕", "〔经验交流〕", "〔简 讯〕"]
    assert by_style[sid("来源")] == [f"（{a['source']}）" for a in data["articles"]]
    assert by_style[sid("报头")] == ["宣传信息专报"]
    assert by_style[sid("期号")] == ["第 13 期"]
    assert by_style[sid("发文机关")] == ["中共青岛市委宣传部2022 年 9 月 29 日"]
    toc = [t for t in by_style[sid("目录")]]
    assert toc == titles + ["青岛西海岸新区创新开展二十四节气宣传"]
    # a 目录 entry's later lines hang in (the layout's `continuation`)
    entry = LAYOUT["header"]["toc"]["entry"]
    assert style_prop(issue13, "目录", "w:pPr/w:ind/@w:hangingChars") == str(int(entry["continuation"] * 100))
    assert style_prop(issue13, "目录", "w:pPr/w:ind/@w:leftChars") == str(int((entry["indent"] + entry["continuation"]) * 100))
    # hand-broken titles keep their breaks as w:br, in the body and the 目录
    first = [p for p in issue13.body_paragraphs() if issue13.para_style(p) == sid("Title")][0]
    assert len(first.xpath(".//w:br", namespaces=NS)) == 1
    assert first.xpath("string(.//w:r[w:br]/preceding-sibling::w:r[1]/w:t)", namespaces=NS) == "我市举办“学习强国”学习平台"
    # bold leads are runs in the lead character style, and only they
    leads = issue13.document.xpath("//w:r[w:rPr/w:rStyle/@w:val=$s]/w:t/text()", namespaces=NS, s=sid("段首小标题"))
    assert "一网治理有“实”招。" in leads
    assert "青岛西海岸新区创新开展二十四节气宣传。" in leads  # the 简讯 run-in title
    expected_leads = re.findall(r"\*\*(.+?)\*\*", "".join(p.read_text(encoding="utf-8") for p in sorted((CONTENT / "13").glob("*.md"))))
    assert len(leads) == len(expected_leads) + 1
    # no run says size, colour, weight or font: the styles do
    for r in issue13.document.iter(w("r")):
        rpr = r.find(w("rPr"))
        if rpr is None:
            continue
        for tag in ("sz", "color", "b", "i"):
            assert rpr.find(w(tag)) is None, etree.tostring(r, encoding="unicode")
        if rpr.find(w("spacing")) is not None:  # only a 版记 or body line the layout squeezed: condensed
            assert r.xpath("ancestor::w:p/w:pPr/w:pStyle/@w:val", namespaces=NS) in ([sid("版记")], [])
            if not r.xpath("ancestor::w:p/w:pPr/w:pStyle", namespaces=NS):
                assert int(rpr.find(w("spacing")).get(w("val"))) < int(style_prop(issue13, "Normal", "w:rPr/w:spacing/@w:val"))
        f = rpr.find(w("rFonts"))
        if f is not None and f.get(w("eastAsia")):
            assert f.get(w("eastAsia")) in ("黑体", "宋体")  # only a per-character fallback names a font


def test_east_asian_language_compression_and_kinsoku(issue13):
    st, se = issue13.styles, issue13.settings
    assert st.xpath("w:docDefaults/w:rPrDefault/w:rPr/w:lang/@w:eastAsia", namespaces=NS) == ["zh-CN"]
    assert se.xpath("w:characterSpacingControl/@w:val", namespaces=NS) == ["compressPunctuation"]
    assert se.xpath("w:themeFontLang/@w:eastAsia", namespaces=NS) == ["zh-CN"]
    ppr = st.xpath("w:docDefaults/w:pPrDefault/w:pPr", namespaces=NS)[0]
    assert ppr.find(w("kinsoku")).get(w("val")) in ("1", "true", "on")
    # every run of text carries the East Asian hint, so “ ” — … take the Chinese font
    runs = [r for r in issue13.document.iter(w("r")) if r.find(w("t")) is not None]
    assert runs
    for r in runs:
        assert r.xpath("w:rPr/w:rFonts/@w:hint", namespaces=NS) == ["eastAsia"], etree.tostring(r, encoding="unicode")


def test_settings_are_in_schema_order(issue13):
    # Word "repairs" a settings part whose children are out of the CT_Settings sequence.
    order = ["zoom", "embedTrueTypeFonts", "saveSubsetFonts", "defaultTabStop", "evenAndOddHeaders",
             "characterSpacingControl", "noLineBreaksAfter", "noLineBreaksBefore", "compat", "themeFontLang",
             "decimalSymbol", "listSeparator"]
    got = [etree.QName(c).localname for c in issue13.settings]
    assert got == [t for t in order if t in got]


def test_word_breaks_lines_by_the_layouts_own_kinsoku_sets(issue13):
    # §17.15.1.58/59: Word's default zh-CN sets lack + (党建 / +牧民…); the layout's are whole
    from zhuanbao.layout.text import NO_END, NO_START

    after, before = (issue13.settings.find(w(tag)) for tag in ("noLineBreaksAfter", "noLineBreaksBefore"))
    assert after.get(w("lang")) == before.get(w("lang")) == "zh-CN"
    assert set(before.get(w("val"))) == NO_START and "+" in NO_START and "＋" in NO_START
    assert set(after.get(w("val"))) == NO_END


def test_page_numbers_are_page_fields_right_on_odd_left_on_even(issue13):
    assert issue13.settings.find(w("evenAndOddHeaders")) is not None
    sect = issue13.document.xpath("/w:document/w:body/w:sectPr", namespaces=NS)[0]
    assert sect.find(w("titlePg")) is None  # page 1 is numbered too
    rels = issue13.rels("word/document.xml")
    refs = {f.get(w("type")): rels[f.get(f"{{{R}}}id")][1] for f in sect.findall(w("footerReference"))}
    assert set(refs) == {"default", "even"}
    for kind, jc in (("default", "right"), ("even", "left")):
        ftr = issue13.xml("word/" + refs[kind])
        p = ftr.findall(w("p"))
        assert len(p) == 1
        p = p[0]
        chars = [c.get(w("fldCharType")) for c in p.iter(w("fldChar"))]
        assert chars == ["begin", "separate", "end"]
        assert "".join(p.xpath(".//w:instrText/text()", namespaces=NS)).strip() == "PAGE"
        assert text_of(p) == "— 1 —"  # the cached result, between the dashes
        sid = p.xpath("w:pPr/w:pStyle/@w:val", namespaces=NS)[0]
        name = issue13.styles.xpath("w:style[@w:styleId=$s]/w:name/@w:val", namespaces=NS, s=sid)[0]
        assert style_prop(issue13, name, "w:pPr/w:jc/@w:val") == jc
        # one character (14 pt) in from the outer edge
        side = "right" if jc == "right" else "left"
        assert style_prop(issue13, name, f"w:pPr/w:ind/@w:{side}") == "280"


def test_banji_floats_at_the_foot_of_the_last_page(issue13):
    body = issue13.document.find(w("body"))
    kids = [etree.QName(c).localname for c in body]
    assert kids[-3:] == ["tbl", "p", "sectPr"]  # the 版记, its anchor paragraph, the section
    tbl, anchor = body[-3], body[-2]
    assert text_of(anchor) == ""
    pos = tbl.find(w("tblPr")).find(w("tblpPr"))
    assert pos is not None
    # its top where the PDF's is (from the type area's top), its left edge on
    # the type area's, measured from the page (LibreOffice floats it only so)
    assert pos.get(w("vertAnchor")) == "margin" and pos.get(w("tblpYSpec")) is None
    assert pos.get(w("horzAnchor")) == "page" and int(pos.get(w("tblpX"))) == round(28 * MM * 20)
    heights = [int(r.find(w("trPr")).find(w("trHeight")).get(w("val"))) for r in tbl.findall(w("tr"))]
    assert all(r.find(w("trPr")).find(w("trHeight")).get(w("hRule")) == "exact" for r in tbl.findall(w("tr")))
    # its rows end on the foot of the type area: top + rows = 225 mm
    assert abs(int(pos.get(w("tblpY"))) + sum(heights) - round(225 * MM * 20)) <= len(heights)
    assert all(h % round(26 * 20) == 0 for h in heights)  # whole lines of the 版记's 26 pt pitch
    assert int(pos.get(w("topFromText"))) >= 500  # a grid line kept clear above it
    borders = tbl.find(w("tblPr")).find(w("tblBorders"))
    thick = round(0.35 * MM * 8)
    assert int(borders.find(w("top")).get(w("sz"))) == thick
    assert int(borders.find(w("bottom")).get(w("sz"))) == thick
    rows = tbl.findall(w("tr"))
    pub = yaml.safe_load((CONTENT / "publication.yaml").read_text(encoding="utf-8"))
    assert [text_of(r) for r in rows[:-1]] == [f"{k}：" + "，".join(v) for k, v in pub["distribution"].items()]
    # a row breaks between two items where the list would otherwise split an item
    first_row = rows[0].xpath("w:tc[2]/w:p", namespaces=NS)[0]
    pieces = "".join("\n" if etree.QName(x).localname == "br" else (x.text or "") for x in first_row.iter(w("t"), w("br")))
    assert pieces == "省委宣传部，市委常委，市人大常委会党组书记，\n市政协党组书记"
    assert issue13.settings.xpath("w:compat/w:doNotExpandShiftReturn", namespaces=NS)  # not stretched
    staff_top = rows[-1].xpath("w:tc/w:tcPr/w:tcBorders/w:top/@w:sz", namespaces=NS)
    assert staff_top == [str(round(0.25 * MM * 8))]
    assert text_of(rows[-1]) == "承办：政策法规研究室审核：王晓峰编辑：王港电话：85911016"
    assert len(rows[-1].xpath(".//w:r/w:tab", namespaces=NS)) == 3  # spread by tab stops
    for r in rows:
        assert r.find(w("trPr")).find(w("cantSplit")) is not None


def test_every_character_of_the_content_in_order(issue13):
    paras = issue13.body_paragraphs()
    start = next(i for i, p in enumerate(paras) if p.find(w("pPr")) is not None and p.find(w("pPr")).find(w("pageBreakBefore")) is not None)
    front = squash("".join(text_of(p) for p in paras[:start]) + "".join(text_of(t) for t in issue13.document.xpath("//w:body/w:tbl[1]", namespaces=NS)))
    assert front.startswith("宣传信息专报第13期中共青岛市委宣传部2022年9月29日")
    assert "领导批示" in front
    kids = list(issue13.document.find(w("body")))
    body = squash("".join(text_of(e) for e in kids[kids.index(paras[start]):]))
    assert body == body_text(read_issue(CONTENT, "13"))


def test_same_input_same_bytes(tmp_path, issue13, issue13_embedded):
    again = render(CONTENT, "13", tmp_path / "a")
    assert again.read_bytes() == issue13.data
    again = render(CONTENT, "13", tmp_path / "b", "--embed-fonts")
    assert again.read_bytes() == issue13_embedded.data
    for info in issue13.zip.infolist():
        assert info.date_time == (1980, 1, 1, 0, 0, 0)
    core = issue13.xml("docProps/core.xml")
    assert core.xpath("string(//*[local-name()='created'])") == "2022-09-29T00:00:00Z"
    assert core.xpath("string(//*[local-name()='modified'])") == "2022-09-29T00:00:00Z"
    assert core.xpath("string(//*[local-name()='title'])") == "宣传信息专报 第13期"
    assert "docProps/thumbnail.jpeg" not in issue13.zip.namelist()


def test_no_fonts_embedded_unless_asked(issue13):
    assert issue13.settings.find(w("embedTrueTypeFonts")) is None
    assert not [n for n in issue13.zip.namelist() if n.startswith("word/fonts/")]
    assert not issue13.xml("word/fontTable.xml").xpath("//w:embedRegular", namespaces=NS)


def _deobfuscate(data: bytes, key: str) -> bytes:
    # ECMA-376 Part 1 §17.8.1: XOR the first 32 bytes with the GUID's bytes, last first
    k = bytes.fromhex(key.strip("{}").replace("-", ""))[::-1]
    return bytes(b ^ k[i % 16] for i, b in enumerate(data[:32])) + data[32:]


def test_embedded_fonts_are_valid_subsets_under_the_official_names(issue13_embedded):
    from fontTools.ttLib import TTFont

    dx = issue13_embedded
    assert dx.settings.find(w("embedTrueTypeFonts")) is not None
    assert dx.settings.find(w("saveSubsetFonts")) is not None
    ft = dx.xml("word/fontTable.xml")
    rels = dx.rels("word/fontTable.xml")
    types = etree.fromstring(dx.zip.read("[Content_Types].xml"))
    overrides = {o.get("PartName"): o.get("ContentType") for o in types if o.get("PartName")}
    defaults = {d.get("Extension"): d.get("ContentType") for d in types if d.get("Extension")}
    normal = dx.style_id("Normal")
    body_runs = [
        r for p in dx.body_paragraphs() if dx.para_style(p) == normal for r in p.findall(w("r"))
        if r.find(w("rPr")) is None or (r.find(w("rPr")).find(w("rStyle")) is None and r.find(w("rPr")).find(w("rFonts")).get(w("eastAsia")) is None)
    ]
    doc_text = "".join(text_of(r) for r in body_runs)
    assert len(doc_text) > 3000
    embedded = {}
    for font in ft.findall(w("font")):
        emb = font.find(w("embedRegular"))
        if emb is None:
            continue
        name = font.get(w("name"))
        rtype, target = rels[emb.get(f"{{{R}}}id")]
        assert rtype.endswith("/relationships/font")
        part = "word/" + target
        ctype = overrides.get("/" + part) or defaults.get(part.rsplit(".", 1)[1])
        assert ctype == "application/vnd.openxmlformats-officedocument.obfuscatedFont"
        key = emb.get(w("fontKey"))
        assert re.fullmatch(r"\{[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}\}", key)
        raw = dx.zip.read(part)
        assert raw[:4] not in (b"\x00\x01\x00\x00", b"true", b"OTTO")  # obfuscated
        tt = TTFont(io.BytesIO(_deobfuscate(raw, key)))
        assert tt["name"].getDebugName(1) == name  # Word looks it up under the font table's name
        assert tt["OS/2"].fsType == 0  # installable: the document stays editable
        embedded[name] = set(tt.getBestCmap())
    assert set(embedded) == {"仿宋_GB2312", "宋体", "楷体_GB2312", "方正小标宋简体", "黑体", "Times New Roman"}
    # the Latin face too: every digit and Latin letter the document prints (a machine without Times New
    # Roman set them wider, and LibreOffice wrapped the 版记's （共印 90份） in its exact row, losing 份）)
    all_text = "".join(x.text or "" for x in dx.document.iter(w("t")))
    assert {ord(c) for c in all_text if c.isascii() and c.isalnum()} | {ord(c) for c in "0123456789"} <= embedded["Times New Roman"]
    # every body character is in the 仿宋 subset, every title character in the 小标宋 one
    body_chars = {ord(c) for c in doc_text if ord(c) > 0x7F}
    missing = body_chars - embedded["仿宋_GB2312"]
    assert not missing, sorted(chr(c) for c in missing)
    titles = "".join(read_issue(CONTENT, "13")["articles"][0]["title_lines"])
    assert {ord(c) for c in titles} <= embedded["方正小标宋简体"]
    assert {ord(c) for c in "—0123456789"} <= embedded["宋体"]
    assert len(dx.data) < 2_000_000  # subsets, not the 10–20 MB fonts


# ---------------------------------------------------------------------------
# Somebody else's bulletin: another masthead, a year-numbered folder, a picture,
# sub-headings, a subtitle, a title the layout must break.

DOCX_PHOTO = (900, 600)  # narrower than the type area: LibreOffice shifts a full-width picture by 9.6 pt


def write_other(root: Path) -> Path:
    """The shared sample (tests/samples.py), with a picture narrower than the type area."""
    return write_issue(root, photo_size=DOCX_PHOTO)


@pytest.fixture(scope="module")
def other(tmp_path_factory):
    root = tmp_path_factory.mktemp("other-docx")
    content = write_other(root)
    path = render(content, "2023-6", root / "out")
    assert path == root / "out" / "2023-6" / "工作简报第6期.docx"
    return content, Docx(path)


def test_other_content_renders_with_its_own_header_and_text(other):
    content, dx = other
    paras = dx.body_paragraphs()
    assert text_of(paras[0]) == "工作简报"
    assert text_of(paras[1]) == "第 6 期"
    assert squash(text_of(paras[2])) == "某某县人民政府办公室2023年3月15日"
    start = next(i for i, p in enumerate(paras) if p.xpath("w:pPr/w:pageBreakBefore", namespaces=NS))
    body = dx.document.find(w("body"))
    kids = list(body)
    got = squash("".join(text_of(e) for e in kids[kids.index(paras[start]):]))
    assert got == body_text(read_issue(content, "2023-6"))


def test_other_content_picture_caption_headings_subtitle(other):
    _, dx = other
    sid = dx.style_id
    pics = dx.document.xpath("//w:drawing//a:blip/@r:embed", namespaces={**NS, "a": "http://schemas.openxmlformats.org/drawingml/2006/main"})
    assert len(pics) == 1
    rels = dx.rels("word/document.xml")
    target = rels[pics[0]][1]
    with Image.open(io.BytesIO(dx.zip.read("word/" + target))) as im:
        assert im.size == DOCX_PHOTO
    ext = dx.document.xpath("//wp:inline/wp:extent", namespaces={"wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"})[0]
    cx, cy = int(ext.get("cx")), int(ext.get("cy"))
    assert abs(cx / cy - DOCX_PHOTO[0] / DOCX_PHOTO[1]) < 0.01 and cx <= 156 * MM * 12700 + 1
    paras = dx.body_paragraphs()
    styles = [dx.para_style(p) for p in paras]
    k = next(i for i, p in enumerate(paras) if p.xpath(".//w:drawing", namespaces=NS))
    assert styles[k] == sid("图片") and styles[k + 1] == sid("图题") and text_of(paras[k + 1]) == "县政务服务中心大厅"
    assert [text_of(p) for p, s in zip(paras, styles) if s == sid("小标题")] == ["一、聚焦企业需求", "二、提升服务效能"]
    assert [text_of(p) for p, s in zip(paras, styles) if s == sid("Subtitle")] == ["——2023年第一季度政务服务工作综述"]
    # the unbroken long title is broken where the PDF breaks it (before the verb), one w:br
    title = [p for p, s in zip(paras, styles) if s == sid("Title")][0]
    lines = [ln for ln in re.split(r"\n", "".join("\n" if etree.QName(x).localname == "br" else (x.text or "") for x in title.iter(w("t"), w("br"))))]
    assert lines == ["我县深化放管服改革持续优化营商环境", "推动高质量发展取得新成效"], lines  # the PDF's break, before the verb
    # the subtitle takes the gap under the title
    assert title.xpath("w:pPr/w:spacing/@w:after", namespaces=NS) == ["0"]
    assert [text_of(t) for t in dx.document.xpath("//w:tbl", namespaces=NS)][-1].startswith("报：县委办公室，县人大常委会办公室")


# ECMA-376 Part 1 (transitional) sequences of the property elements this
# writer produces. Word reports a file with children out of these sequences
# as damaged and offers to repair it.
SEQUENCES = {
    "pPr": "pStyle keepNext keepLines pageBreakBefore framePr widowControl numPr suppressLineNumbers pBdr shd tabs "
    "suppressAutoHyphens kinsoku wordWrap overflowPunct topLinePunct autoSpaceDE autoSpaceDN bidi adjustRightInd "
    "snapToGrid spacing ind contextualSpacing mirrorIndents suppressOverlap jc textDirection textAlignment "
    "textboxTightWrap outlineLvl divId cnfStyle rPr sectPr pPrChange",
    "rPr": "rStyle rFonts b bCs i iCs caps smallCaps strike dstrike outline shadow emboss imprint noProof snapToGrid "
    "vanish webHidden color spacing w kern position sz szCs highlight u effect bdr shd fitText vertAlign rtl cs em "
    "lang eastAsianLayout specVanish oMath",
    "tblPr": "tblStyle tblpPr tblOverlap bidiVisual tblStyleRowBandSize tblStyleColBandSize tblW jc tblCellSpacing "
    "tblInd tblBorders shd tblLayout tblCellMar tblLook tblCaption tblDescription",
    "tcPr": "cnfStyle tcW gridSpan hMerge vMerge tcBorders shd noWrap tcMar textDirection tcFitText vAlign hideMark",
    "tblBorders": "top left start bottom right end insideH insideV",
    "pBdr": "top left bottom right between bar",
    "sectPr": "headerReference|footerReference footnotePr endnotePr type pgSz pgMar paperSrc pgBorders lnNumType "
    "pgNumType cols formProt vAlign noEndnote titlePg textDirection bidi rtlGutter docGrid printerSettings",
    "style": "name aliases basedOn next link autoRedefine hidden uiPriority semiHidden unhideWhenUsed qFormat locked "
    "personal personalCompose personalReply rsid pPr rPr tblPr trPr tcPr tblStylePr",
    "font": "altName panose1 charset family notTrueType pitch sig embedRegular embedBold embedItalic embedBoldItalic",
    "tbl": "bookmarkStart tblPr tblGrid tr",
    "tr": "tblPrEx trPr tc",
    "tc": "tcPr p tbl",
}


def _rank(seq: str) -> dict[str, int]:
    out = {}
    for i, names in enumerate(seq.split()):
        for n in names.split("|"):
            out[n] = i
    return out


@pytest.mark.parametrize("which", ["issue13", "issue13_embedded"])
def test_property_elements_in_schema_order(which, request):
    dx = request.getfixturevalue(which)
    ranks = {k: _rank(v) for k, v in SEQUENCES.items()}
    parts = [n for n in dx.zip.namelist() if re.fullmatch(r"word/(document|styles|fontTable|footer\d+)\.xml", n)]
    assert len(parts) >= 5
    checked = 0
    for name in parts:
        for e in dx.xml(name).iter():
            if not isinstance(e.tag, str) or not e.tag.startswith(f"{{{W}}}"):
                continue
            local = etree.QName(e).localname
            if local not in ranks:
                continue
            kids = [etree.QName(c).localname for c in e if isinstance(c.tag, str) and c.tag.startswith(f"{{{W}}}")]
            unknown = [k for k in kids if k not in ranks[local]]
            assert not unknown, (name, local, unknown)
            order = [ranks[local][k] for k in kids]
            assert order == sorted(order), (name, local, kids)
            checked += 1
    assert checked > 200


def test_leaders_box_as_tall_as_in_the_pdf(issue13, issue13_pdf):
    """The 领导批示 box takes what the 目录 leaves, as in the PDF: the one-cell
    table's exact row height equals the PDF's frame on page 1, less the
    layout's `docx.box_slack` (room for Word's and LibreOffice's rounding)."""
    import pdfread

    tbl = issue13.document.xpath("/w:document/w:body/w:tbl[1]", namespaces=NS)[0]
    assert text_of(tbl) == "领导批示"
    tr = tbl.find(w("tr")).find(w("trPr")).find(w("trHeight"))
    assert tr.get(w("hRule")) == "exact"
    frames = [p for p in pdfread.paths(issue13_pdf) if p.page == 1 and p.y1 - p.y0 > 100]
    assert len(frames) == 1
    pdf_h = frames[0].y1 - frames[0].y0 - frames[0].width  # outer bounds less one stroke
    slack = float(str(LAYOUT["docx"]["box_slack"]).removesuffix("pt"))
    assert 0 < slack <= 5
    assert abs(int(tr.get(w("val"))) / 20 - (pdf_h - slack)) < 1.0, (int(tr.get(w("val"))) / 20, pdf_h)


def test_layout_switches_reach_the_docx(tmp_path):
    """A designer's layout: page 1 unnumbered, articles straight after the
    目录, sources indented instead of flush right, another red."""
    text = (ROOT / "layouts" / "zhuanbao.yaml").read_text(encoding="utf-8")
    text = text.replace("../fonts/", str(ROOT / "fonts") + "/")
    text = re.sub(r"number_first_page: true", "number_first_page: false", text)
    text = re.sub(r"articles_on_new_page: true", "articles_on_new_page: false", text)
    text = text.replace("align: right, indent: 0}", "align: left, indent: 2}")  # the source style
    text = re.sub(r'red: "#E60012"', 'red: "#C00000"', text)
    assert text.count("false") >= 2 and "#C00000" in text and "align: left, indent: 2}" in text
    (tmp_path / "layouts").mkdir()
    (tmp_path / "layouts" / "variant.yaml").write_text(text, encoding="utf-8")
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    pub = content / "publication.yaml"
    pub.write_text(pub.read_text(encoding="utf-8").replace("layout: zhuanbao", "layout: variant"), encoding="utf-8")
    proc = run_cli("render", "13", "--content", str(content), "--out", str(tmp_path / "out"), "--format", "docx", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    dx = Docx(Path(proc.stdout.strip()))
    sect = dx.document.xpath("/w:document/w:body/w:sectPr", namespaces=NS)[0]
    assert sect.find(w("titlePg")) is not None
    rels = dx.rels("word/document.xml")
    first = [f for f in sect.findall(w("footerReference")) if f.get(w("type")) == "first"]
    assert len(first) == 1
    assert not dx.xml("word/" + rels[first[0].get(f"{{{R}}}id")][1]).xpath("//w:fldChar", namespaces=NS)
    assert not dx.document.xpath("//w:pageBreakBefore", namespaces=NS)
    assert style_prop(dx, "来源", "w:pPr/w:jc/@w:val") == "left"
    assert style_prop(dx, "来源", "w:pPr/w:ind/@w:firstLineChars") == "200"
    assert style_prop(dx, "报头", "w:rPr/w:color/@w:val") == "C00000"
    # the box keeps to its minimum, as in the PDF of the same layout
    proc = run_cli("render", "13", "--content", str(content), "--out", str(tmp_path / "out"), "--format", "pdf", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    import pdfread

    frames = [p for p in pdfread.paths(Path(proc.stdout.strip())) if p.page == 1 and p.y1 - p.y0 > 100]
    row = dx.document.xpath("/w:document/w:body/w:tbl[1]/w:tr/w:trPr/w:trHeight/@w:val", namespaces=NS)
    slack = float(str(LAYOUT["docx"]["box_slack"]).removesuffix("pt"))
    assert len(frames) == 1 and abs(int(row[0]) / 20 + slack - (frames[0].y1 - frames[0].y0 - frames[0].width)) < 1.0
