"""The font table, and --embed-fonts: the layout's open fonts, subset and obfuscated, as Word embeds them.

ECMA-376 Part 1 §17.8.1 (font embedding): an embedded font is a part of
content type `application/vnd.openxmlformats-officedocument.obfuscatedFont`
(extension .odttf) related from the font table (§17.8.3.6 embedRegular,
with its `w:fontKey`). The first 32 bytes of the TrueType file are XORed
with the 16 bytes of the key GUID, taken from the end of its text form
(§17.8.1 "Font Embedding Obfuscation"). Word then loads the font under the
name the font table gives, so the subset's own family name is set to it.
"""

from __future__ import annotations

import hashlib
import io
import uuid
from pathlib import Path
from typing import TYPE_CHECKING

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from .xml import el

if TYPE_CHECKING:
    from .writer import DocxWriter

ODTTF = "application/vnd.openxmlformats-officedocument.obfuscatedFont"


def font_key(name: str, data: bytes) -> str:
    """A GUID fixed by the font's name and bytes: the same input, the same key."""
    digest = hashlib.sha256(name.encode("utf-8") + b"\0" + data).digest()
    return "{" + str(uuid.UUID(bytes=digest[:16])).upper() + "}"


def key_bytes(key: str) -> bytes:
    return bytes.fromhex(key.strip("{}").replace("-", ""))[::-1]


def obfuscate(data: bytes, key: str) -> bytes:
    """ECMA-376 Part 1 §17.8.1: XOR the first 32 bytes with the reversed GUID (its own inverse)."""
    k = key_bytes(key)
    out = bytearray(data)
    for i in range(min(32, len(out))):
        out[i] ^= k[i % 16]
    return bytes(out)


def subset(file: Path, chars: set[str], family: str, fstype: int | None) -> bytes:
    """The font cut down to `chars`, renamed to `family` (Word's name for it)."""
    import logging

    try:
        from fontTools import subset as ftsubset
        from fontTools.ttLib import TTFont
    except ImportError:
        from ..errors import ContentError

        raise ContentError(None, "--embed-fonts needs fontTools: pip install fonttools.") from None

    logging.getLogger("fontTools").setLevel(logging.ERROR)  # "mort NOT subset" and the like

    font = TTFont(str(file), recalcTimestamp=False)
    opts = ftsubset.Options()
    opts.recalc_timestamp = False
    opts.notdef_outline = True
    opts.layout_features = ["*"]  # vert/vrt2 and the rest, for a reader that uses them
    opts.name_IDs = ["*"]
    opts.name_languages = ["*"]
    sub = ftsubset.Subsetter(opts)
    sub.populate(text="".join(sorted(chars)))
    sub.subset(font)
    name = font["name"]
    ps = "ZB" + hashlib.sha1(family.encode("utf-8")).hexdigest()[:12]
    name.names = [n for n in name.names if n.nameID not in (1, 2, 3, 4, 6, 16, 17)]
    for lang in (0x409, 0x804):
        name.setName(family, 1, 3, 1, lang)
        name.setName("Regular", 2, 3, 1, lang)
        name.setName(f"{family};subset", 3, 3, 1, lang)
        name.setName(family, 4, 3, 1, lang)
        name.setName(ps, 6, 3, 1, lang)
    if fstype is not None and "OS/2" in font:
        font["OS/2"].fsType = int(fstype)
    buf = io.BytesIO()
    font.save(buf)
    return buf.getvalue()


def font_table(w: "DocxWriter") -> None:
    """word/fontTable.xml: every font the styles name (§17.8.3.10 font), and with
    --embed-fonts the open fonts' subsets (§17.8.3.6 embedRegular)."""
    part = w.d.part.part_related_by(RT.FONT_TABLE)
    for rId in list(part.rels.keys()):
        part.rels.pop(rId, None)
    alt = w.cfg.raw("alt_names", {}) or {}
    charset = w.cfg.text("east_asia_charset", "")
    cjk_names: dict[str, list[str]] = {}  # docx name → roles using it
    for role, spec in w.layout.fonts.items():
        if role != "latin":
            cjk_names.setdefault(spec.docx_name, []).append(role)
    for spec in w.layout.fallback:
        cjk_names.setdefault(spec.docx_name, [])
    names = list(cjk_names)
    if w.latin and w.latin not in names:
        names.insert(0, w.latin)
    embed_roles = [str(x) for x in (w.cfg.raw("embed_roles", []) or [])]
    fstype = w.cfg.raw("embed_fstype", None)
    root = parse_xml(f"<w:fonts {nsdecls('w', 'r')}/>")
    w.embedded: dict[str, tuple[str, str]] = {}
    n = 0
    for name in names:
        font = el("w:font", {"w:name": name})
        if name in alt:
            font.append(el("w:altName", {"w:val": alt[name]}))
        if name in cjk_names and charset:
            font.append(el("w:charset", {"w:val": charset}))
        font.append(el("w:family", {"w:val": "auto"}))
        font.append(el("w:pitch", {"w:val": "variable"}))
        roles = [ro for ro in cjk_names.get(name, []) if ro in embed_roles]
        if w.embed and roles:
            chars: set[str] = set()
            for ro in roles:
                chars |= w.used.get(ro, set())
            chars = {c for c in chars if not c.isspace()}
            if chars:
                data = subset(w.layout.fonts[roles[0]].file, chars, name, fstype)
                key = font_key(name, data)
                n += 1
                fpart = Part(PackURI(f"/word/fonts/font{n}.odttf"), ODTTF, obfuscate(data, key), w.d.part.package)
                rId = part.relate_to(fpart, RT.FONT)
                font.append(el("w:embedRegular", {"r:id": rId, "w:fontKey": key, "w:subsetted": 1}))
                w.embedded[name] = (rId, key)
        root.append(font)
    from lxml import etree

    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
