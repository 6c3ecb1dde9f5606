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
    import importlib.util

    if importlib.util.find_spec("fontTools") is None:
        from ..errors import ContentError

        raise ContentError(None, "--embed-fonts needs fontTools: pip install fonttools.") from None
    from ..fonts import named_subset

    return named_subset(file, chars, family, fstype=fstype)


def _latin_chars(w: "DocxWriter") -> set[str]:
    """What the Latin face may print: every character below U+2E80 in any
    role's runs (digits, Latin letters, and the marks “”—… LibreOffice sets
    in the Latin face after a digit; a run names that face for them,
    w:ascii/w:hAnsi), and the digits of page numbers. Without it a machine that lacks Times New Roman
    sets them in a wider face: LibreOffice on a new user's machine wrapped the
    版记's （共印 90份） inside its exact row and lost 份）."""
    chars = {c for used in w.used.values() for c in used if ord(c) < 0x2E80 and not c.isspace()}
    return chars | set("0123456789")


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
    role_names = {**cjk_names, **({w.latin: ["latin"]} if w.latin else {})}
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
        roles = [ro for ro in role_names.get(name, []) if ro in embed_roles]
        if w.embed and roles:
            chars: set[str] = set()
            for ro in roles:
                chars |= _latin_chars(w) if ro == "latin" else w.used.get(ro, set())
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
