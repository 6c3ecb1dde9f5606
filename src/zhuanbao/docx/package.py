"""settings.xml, the document properties, and the zip bytes (fixed dates:
the same input gives the same bytes).
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from typing import TYPE_CHECKING
from xml.sax.saxutils import escape  # the standard library's, not .xml

from docx.opc.constants import RELATIONSHIP_TYPE as RT

from ..layout.text import NO_END, NO_START
from .xml import SETTINGS_ORDER, el, ordered, twips

if TYPE_CHECKING:
    from .writer import DocxWriter

ZIP_DATE = (1980, 1, 1, 0, 0, 0)  # the earliest a zip entry can carry: no clock in the bytes

def settings(w: "DocxWriter") -> None:
    g = w.geo
    body = w.layout.styles["body"]
    lang = w.cfg.text("east_asia_lang", "zh-CN")
    kids = [
        el("w:zoom", {"w:percent": 100}),
        # §17.8.3.8 embedTrueTypeFonts, §17.15.1.75 saveSubsetFonts
        el("w:embedTrueTypeFonts") if w.embed else None,
        el("w:saveSubsetFonts") if w.embed else None,
        # §17.15.1.25 defaultTabStop: the body's first-line indent (two grid characters)
        el("w:defaultTabStop", {"w:val": twips(max(body.indent, 1) * g.char_pitch_pt)}),
        # §17.10.1 evenAndOddHeaders: page numbers right on odd pages, left on even ones
        el("w:evenAndOddHeaders"),
        # §17.15.1.18 characterSpacingControl: compressPunctuation (标点压缩)
        el("w:characterSpacingControl", {"w:val": "compressPunctuation"}),
        # §17.15.1.58, §17.15.1.59 noLineBreaksAfter / noLineBreaksBefore: the layout's own 避头尾
        # sets for the text's language (they replace Word's default sets, so they are whole:
        # with + and ＋, which the default lacks: 党建+ / 牧民…); sorted, so the bytes do not vary
        el("w:noLineBreaksAfter", {"w:lang": lang, "w:val": "".join(sorted(NO_END))}),
        el("w:noLineBreaksBefore", {"w:lang": lang, "w:val": "".join(sorted(NO_START))}),
        el(
            "w:compat",
            None,
            # §17.15.3 compat, doNotExpandShiftReturn: a line ended by w:br (a 版记 row
            # broken between items) is not stretched to the right edge
            el("w:doNotExpandShiftReturn"),
            # §17.15.3 compat, compatSetting: Word 2013+ layout
            el(
                "w:compatSetting",
                {
                    "w:name": "compatibilityMode",
                    "w:uri": "http://schemas.microsoft.com/office/word",
                    "w:val": int(w.cfg.number("compat_mode", 15)),
                },
            ),
        ),
        # §17.15.1.88 themeFontLang: the theme's East Asian language is zh-CN
        el("w:themeFontLang", {"w:val": "en-US", "w:eastAsia": lang}),
        el("w:decimalSymbol", {"w:val": "."}),
        el("w:listSeparator", {"w:val": ","}),
    ]
    root = w.d.settings.element
    for child in list(root):
        root.remove(child)
    for c in ordered("w:settings", kids, SETTINGS_ORDER):
        root.append(c)


def properties(w: "DocxWriter") -> None:
    issue, dm = w.r.issue, w.doc_model
    meta = w.layout.root.sub("pdf")
    cp = w.d.core_properties
    when = dt.datetime(issue.date.year, issue.date.month, issue.date.day, tzinfo=dt.timezone.utc)
    cp.title = dm.title
    cp.author = dm.author
    cp.subject = dm.subject
    cp.comments = ""
    cp.keywords = ""
    cp.category = ""
    cp.last_modified_by = meta.text("creator", "")
    cp.revision = 1
    cp.language = w.cfg.text("east_asia_lang", "zh-CN")
    cp.created = when.replace(tzinfo=None)
    cp.modified = when.replace(tzinfo=None)
    pkg = w.d.part.package
    for rId, rel in list(pkg.rels.items()):
        if rel.reltype == RT.THUMBNAIL:
            pkg.rels.pop(rId)
    for rel in pkg.rels.values():
        if rel.reltype == RT.EXTENDED_PROPERTIES:
            # the only part built by string formatting: its one value escaped
            # (`&`, `<`, `>`; quotes need none in element text)
            app = escape(meta.text("creator", ""))
            rel.target_part._blob = (
                '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
                f"<Application>{app}</Application><DocSecurity>0</DocSecurity></Properties>"
            ).encode("utf-8")


def to_bytes(w: "DocxWriter") -> bytes:
    raw = io.BytesIO()
    w.d.save(raw)
    out = io.BytesIO()
    with zipfile.ZipFile(raw) as zin, zipfile.ZipFile(out, "w") as zout:
        for info in zin.infolist():
            zi = zipfile.ZipInfo(info.filename, date_time=ZIP_DATE)
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.create_system = 0
            zi.external_attr = 0
            zout.writestr(zi, zin.read(info.filename), compresslevel=9)
    return out.getvalue()
