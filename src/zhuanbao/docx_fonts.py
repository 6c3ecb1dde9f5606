"""--embed-fonts: the layout's open fonts, subset and obfuscated, as Word embeds them.

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
        from .errors import ContentError

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
