"""What a Word file's runs and table cells say, as Word shows it.

python-docx's `Run.text` reads w:t, tabs and breaks; a colleague's file
holds more that Word prints, and some that it does not (ECMA-376 Part 1):

- w:sym (§17.3.3.30), a character from a symbol font (Insert Symbol):
  ≤ ≥ → ✓ are printed, so they are carried over as their Unicode
  characters; one we cannot name is reported, never dropped unsaid.
- w:footnoteReference / w:endnoteReference (§17.11.14, §17.11.7): the
  note's mark in the text and its text in the notes part; carried over as
  the article's own notes (`[^1]` and `[^1]: …`, authoring.md).
- Text Word does not print: a tracked deletion (w:del, w:delText) or the
  place a tracked move left (w:moveFrom, §17.13.5.22), hidden text
  (w:vanish, §17.3.2.41), a content control's placeholder
  (w:showingPlcHdr, §17.5.2.39: 单击或点击此处输入文字。), and the legacy
  copy of a drawing (mc:Fallback, read in its modern mc:Choice).

The reader records, per paragraph, what it left out or could not carry,
so that `import` says it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
NOTE_OPEN, NOTE_CLOSE = "\ue000", "\ue001"  # a note's mark in the text until the article is written: [^n]
NOTE_MARK = re.compile(f"{NOTE_OPEN}(\\d+){NOTE_CLOSE}")

# Insert Symbol's fonts and the characters their codes print (the code as
# Word writes it, w:char, with or without the F0 private-use offset)
SYMBOL_FONTS: dict[str, dict[int, str]] = {
    "symbol": {
        0x22: "∀", 0x24: "∃", 0x27: "∋", 0x2A: "∗", 0x2D: "−", 0x40: "≅", 0x44: "Δ", 0x46: "Φ", 0x47: "Γ",
        0x4C: "Λ", 0x50: "Π", 0x53: "Σ", 0x57: "Ω", 0x61: "α", 0x62: "β", 0x63: "χ", 0x64: "δ", 0x65: "ε",
        0x67: "γ", 0x6C: "λ", 0x6D: "μ", 0x70: "π", 0x72: "ρ", 0x73: "σ", 0x74: "τ", 0x77: "ω",
        0xA2: "′", 0xA3: "≤", 0xA5: "∞", 0xAB: "↔", 0xAC: "←", 0xAD: "↑", 0xAE: "→", 0xAF: "↓", 0xB0: "°",
        0xB1: "±", 0xB2: "″", 0xB3: "≥", 0xB4: "×", 0xB5: "∝", 0xB7: "•", 0xB8: "÷", 0xB9: "≠", 0xBA: "≡",
        0xBB: "≈", 0xBC: "…", 0xC6: "∅", 0xC7: "∩", 0xC8: "∪", 0xCE: "∈", 0xD0: "∠", 0xD6: "√", 0xD7: "·",
        0xD8: "¬", 0xD9: "∧", 0xDA: "∨", 0xDB: "⇔", 0xDC: "⇐", 0xDE: "⇒", 0xE5: "∑",
    },
    "wingdings": {
        0x6C: "●", 0x6E: "■", 0x6F: "□", 0x71: "❑", 0x75: "◆", 0x76: "❖", 0x77: "◆", 0xA1: "○", 0xA7: "▪",
        0xA8: "◻", 0xAB: "★", 0xD8: "➢", 0xE0: "→", 0xE8: "➔", 0xEF: "⇦", 0xF0: "⇨", 0xFB: "✗", 0xFC: "✓",
        0xFD: "☒", 0xFE: "☑",
    },
    "wingdings 2": {0x50: "✓", 0x4F: "✗", 0x52: "☑", 0x54: "☒", 0xA3: "□", 0x97: "●", 0x98: "○"},
}


@dataclass
class Reading:
    """What one paragraph's runs gave, beyond their text: what was left out
    or could not be carried over (said by `import`)."""

    lost: list[str] = field(default_factory=list)


@dataclass
class Notes:
    """A document's footnotes and endnotes, by kind and Word's id; each
    reference read gets the next mark, and `texts` the note's text under it."""

    parts: dict[str, dict[str, object]] = field(default_factory=dict)  # kind → id → w:footnote element
    texts: dict[int, str] = field(default_factory=dict)  # mark → text

    @classmethod
    def of(cls, doc) -> "Notes":
        """The notes parts related from the document part (§17.11.12, §17.11.8)."""
        from lxml import etree

        notes = cls()
        for rel in doc.part.rels.values():
            kind = rel.reltype.rsplit("/", 1)[-1]
            if kind not in ("footnotes", "endnotes") or rel.is_external:
                continue
            try:
                root = etree.fromstring(rel.target_part.blob, etree.XMLParser(resolve_entities=False, no_network=True))
            except Exception:
                continue
            tag = W + kind[:-1]  # w:footnote / w:endnote
            notes.parts[kind] = {el.get(W + "id"): el for el in root.iter(tag) if el.get(W + "type") in (None, "normal")}
        return notes

    def reference(self, kind: str, nid: str | None, reading: Reading) -> str:
        """The mark for a reference in the text, its note's text recorded."""
        note = self.parts.get(kind, {}).get(nid or "")
        if note is None:
            reading.lost.append("脚注 a footnote mark whose note is not in the file")
            return ""
        mark = len(self.texts) + 1
        inner = Reading()
        paras = []
        for p in note.iter(W + "p"):
            paras.append("".join(run_text(r, inner, None) for r in p.iter(W + "r") if not skipped(r)).strip(" \t\u3000"))
        self.texts[mark] = " ".join(t for t in paras if t)
        reading.lost += inner.lost
        return f"{NOTE_OPEN}{mark}{NOTE_CLOSE}"


def skipped(r_el) -> bool:
    """A run Word does not print, or prints from another copy: deleted or moved
    away (tracked), in a content control showing its placeholder, or in the
    legacy copy of a drawing."""
    if any(a.tag in (W + "del", W + "moveFrom", MC_FALLBACK) for a in r_el.iterancestors()):
        return True
    return placeholder(r_el)


def placeholder(r_el) -> bool:
    """In a content control that shows its placeholder (单击或点击此处输入文字。)."""
    for a in r_el.iterancestors(W + "sdt"):
        pr = a.find(W + "sdtPr")
        if pr is not None and pr.find(W + "showingPlcHdr") is not None:
            return True
    return False


def hidden(r_el) -> bool:
    """Hidden text (§17.3.2.41 w:vanish on the run, not switched off)."""
    rpr = r_el.find(W + "rPr")
    if rpr is None:
        return False
    v = rpr.find(W + "vanish")
    return v is not None and v.get(W + "val", "true") not in ("0", "false", "off")


def hidden_note(text: str) -> str:
    """What import says of hidden text it left out."""
    return f"隐藏文字 hidden text “{text.strip()[:16]}” was left out (Word does not print it)"


def symbol(el) -> str | None:
    """The character a w:sym prints, None if we cannot name it."""
    font = (el.get(W + "font") or "").strip().lower()
    try:
        code = int(el.get(W + "char") or "", 16)
    except ValueError:
        return None
    if 0xF000 <= code <= 0xF0FF:
        code -= 0xF000
    table = SYMBOL_FONTS.get(font)
    if table is None:
        # a symbol from an ordinary font is its character (w:char is its code); one of another symbol
        # font's (Webdings F03D, Marlett F061) is none we can name
        raw = int(el.get(W + "char") or "0", 16)
        return chr(raw) if font and 0x20 <= raw < 0xE000 else None
    return table.get(code)


def run_text(r_el, reading: Reading, notes: Notes | None) -> str:
    """A run's text as Word prints it: w:t, a tab (a space between words, one
    before the text is left out by the paragraph's strip), breaks, a
    non-breaking hyphen, a symbol, a note's mark."""
    out: list[str] = []
    for e in r_el:
        tag = e.tag
        if tag == W + "t":
            out.append(e.text or "")
        elif tag in (W + "tab", W + "ptab"):
            out.append("\t")
        elif tag == W + "br":
            if e.get(W + "type") in (None, "textWrapping"):
                out.append("\n")
        elif tag == W + "cr":
            out.append("\n")
        elif tag == W + "noBreakHyphen":
            out.append("-")
        elif tag == W + "sym":
            ch = symbol(e)
            if ch is None:
                reading.lost.append(f"符号 a symbol Word's Insert Symbol put in ({e.get(W + 'font')} {e.get(W + 'char')})")
            else:
                out.append(ch)
        elif tag in (W + "footnoteReference", W + "endnoteReference") and notes is not None:
            out.append(notes.reference("footnotes" if tag == W + "footnoteReference" else "endnotes", e.get(W + "id"), reading))
    return "".join(out)
