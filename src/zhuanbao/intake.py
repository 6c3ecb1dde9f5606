"""What a submission file must be before `zhuanbao import` reads it.

Submissions come from outside: a damaged or hostile file must end in one
message, in bounded time and memory, before python-docx or a decoder holds
it. The limits are far above any bulletin (issue 13's six articles are 40 KB
of text; its largest DOCX with pictures is a few MB) and far below what
would strain an office PC:

- a text submission over MAX_TEXT_BYTES (about 330,000 Chinese characters,
  some 250 printed pages) is not one article;
- a DOCX is a zip: its parts may unpack to at most MAX_DOCX_UNPACKED bytes
  (pictures included), its XML to at most MAX_DOCX_XML bytes (python-docx
  keeps XML as lxml trees, roughly ten times the text in memory). Both the
  sizes the zip declares and the bytes it really unpacks are counted
  (Python's zipfile stops at the declared size and then fails the CRC, so a
  lying header ends as a damaged file, not a flood);
- a DOCX of more than MAX_DOCX_PARAGRAPHS paragraphs or MAX_DOCX_RUNS runs
  (counted as `<w:p>` and `<w:r>` tags while unpacking) is refused, which
  bounds the time python-docx takes (under 20 s);
- XML with a document type declaration (`<!DOCTYPE`, `<!ENTITY`) is refused:
  Word never writes one, and it is how entity bombs are built.
"""

from __future__ import annotations

import unicodedata
import zipfile
import zlib
from pathlib import Path

from .errors import ContentError, Where, cannot_read

MAX_TEXT_BYTES = 1_000_000
MAX_DOCX_FILE = 100_000_000
MAX_DOCX_UNPACKED = 200_000_000
MAX_DOCX_XML = 32_000_000
MAX_DOCX_PARTS = 5_000
MAX_DOCX_PARAGRAPHS = 20_000  # a 300-page report; reading costs about 0.4 ms a paragraph
MAX_DOCX_RUNS = 100_000  # five formatting changes a paragraph; about 0.15 ms a run
_CHUNK = 1 << 20
_DTD_MARKS = tuple(
    mark.encode(enc) for mark in ("<!DOCTYPE", "<!ENTITY") for enc in ("utf-8", "utf-16-le", "utf-16-be")
)
_COUNTED = {  # what is counted while unpacking: its tags, its limit, its name in a message
    "paragraphs": ((b"<w:p>", b"<w:p "), MAX_DOCX_PARAGRAPHS, "段落太多 paragraphs"),
    "runs": ((b"<w:r>", b"<w:r "), MAX_DOCX_RUNS, "格式片段太多 runs (pieces of differently formatted text)"),
}
_OVERLAP = max(len(m) for m in _DTD_MARKS)

_NOT_WORD = (
    "读不了这个 Word 文件 cannot read this .docx ({why}): "
    "open it in Word or WPS and save it again as .docx (not .doc or .wps)."
)


def _mb(n: int) -> str:
    return f"{n / 1_000_000:.0f} MB"


def read_text_bytes(path: Path) -> bytes:
    """The bytes of a .txt or .md submission, refused above MAX_TEXT_BYTES without reading more."""
    try:
        with path.open("rb") as fh:
            data = fh.read(MAX_TEXT_BYTES + 1)
    except OSError as exc:
        raise cannot_read(exc, path) from None
    if len(data) > MAX_TEXT_BYTES:
        raise ContentError(
            Where(path),
            f"文件太大 the file is over {_mb(MAX_TEXT_BYTES)} of text, far more than one article: "
            "is it the right file? Import each article on its own.",
        )
    return data


def decode_text(data: bytes, path: Path) -> tuple[str, list[str]]:
    """UTF-8 (with or without BOM), UTF-16 with a BOM, or GB18030 that reads as Chinese; else one message.

    GB18030 gives almost any byte string a meaning, so Shift-JIS, EUC-JP,
    UTF-16 without a BOM or random bytes often "decode" to nonsense: text
    whose non-ASCII characters are mostly outside GB2312 (the 6,763
    characters of ordinary Chinese) or Japanese kana, or that holds control
    characters, is refused instead of imported as mojibake. (EUC-KR Korean
    lands on ordinary hanzi and cannot be told apart this way.)
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), ["文件是 UTF-16 编码 read as UTF-16 (Notepad's “Unicode”)."]
        except UnicodeDecodeError:
            pass
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        text = None
    if text is not None and _reads_as_chinese(text):
        return text, ["文件是 GB18030 编码 read as GB18030 (a Windows Chinese text file)."]
    raise ContentError(
        Where(path),
        "读不了这个文本文件 cannot read this text file: it is neither UTF-8 nor GB18030 (GBK) Chinese text "
        "(another encoding, or not text at all). Open it in Notepad or WPS and save it as UTF-8.",
    )


def _reads_as_chinese(text: str) -> bool:
    wide = 0
    odd = 0  # outside GB2312, or kana (GB2312 has them, so EUC-JP "decodes": Chinese text has none)
    for ch in text:
        if ch in "\t\n\r\f":
            continue
        if unicodedata.category(ch) in ("Cc", "Co", "Cn"):
            return False  # control, private-use or unassigned: not a text anyone typed
        if ord(ch) < 0x80:
            continue
        wide += 1
        if "\u3041" <= ch <= "\u30ff":
            odd += 1
            continue
        if unicodedata.category(ch)[0] in "PSZ":
            continue  # a mark or a symbol (— · of 3·15, which GB2312 spells with other code points): no evidence
        try:
            ch.encode("gb2312")
        except UnicodeEncodeError:
            odd += 1
    return odd <= max(3, wide // 20)  # a few 生僻字 in names are fine; mostly rare characters is mojibake


def check_docx(path: Path) -> None:
    """Refuse a .docx that is not a zip, unpacks too large, lies about its sizes or carries a DTD."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise cannot_read(exc, path) from None
    if size == 0:
        raise ContentError(
            Where(path),
            "文件是空的 the file is empty (0 bytes): the copy or the download did not finish; ask for the file again.",
        )
    if size > MAX_DOCX_FILE:
        raise ContentError(
            Where(path),
            f"文件太大 the .docx is {_mb(size)}, over {_mb(MAX_DOCX_FILE)}: make the pictures smaller "
            "(in Word: Compress Pictures) and save it again.",
        )
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
            if len(infos) > MAX_DOCX_PARTS:
                raise _too_big(path, f"{len(infos)} parts")
            _check_declared(path, infos)
            _check_actual(path, zf, infos)
    except ContentError:
        raise
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError, ValueError) as exc:
        # not a zip, a bad CRC (a lying header ends here), an unknown compression, a password
        raise ContentError(Where(path), _NOT_WORD.format(why=f"{exc.__class__.__name__}: {exc}")) from None
    except OSError as exc:
        raise cannot_read(exc, path) from None


def _is_xml(name: str) -> bool:
    return name.lower().endswith((".xml", ".rels", ".vml"))


def _too_big(path: Path, what: str) -> ContentError:
    return ContentError(
        Where(path),
        f"这个 Word 文件解压后太大 the .docx unpacks to {what}, more than a submission can be "
        f"(limits: {_mb(MAX_DOCX_UNPACKED)} in all, {_mb(MAX_DOCX_XML)} of text and markup): "
        "it is damaged or not a document; ask the sender for the file again.",
    )


def _check_declared(path: Path, infos: list[zipfile.ZipInfo]) -> None:
    total = sum(i.file_size for i in infos)
    xml = sum(i.file_size for i in infos if _is_xml(i.filename))
    if total > MAX_DOCX_UNPACKED:
        raise _too_big(path, _mb(total))
    if xml > MAX_DOCX_XML:
        raise _too_big(path, f"{_mb(xml)} of XML")


def _check_actual(path: Path, zf: zipfile.ZipFile, infos: list[zipfile.ZipInfo]) -> None:
    total = xml = 0
    counts = dict.fromkeys(_COUNTED, 0)
    for info in infos:
        if info.is_dir():
            continue
        is_xml = _is_xml(info.filename)
        tail = b""
        with zf.open(info) as part:
            while chunk := part.read(_CHUNK):
                total += len(chunk)
                xml += len(chunk) if is_xml else 0
                if total > MAX_DOCX_UNPACKED:
                    raise _too_big(path, f"more than {_mb(MAX_DOCX_UNPACKED)}")
                if xml > MAX_DOCX_XML:
                    raise _too_big(path, f"more than {_mb(MAX_DOCX_XML)} of XML")
                if is_xml:
                    window = tail + chunk
                    for kind, (marks, limit, label) in _COUNTED.items():
                        counts[kind] += sum(window.count(m) - tail.count(m) for m in marks)
                        if counts[kind] > limit:
                            cn, en = label.split(" ", 1)
                            raise ContentError(
                                Where(path),
                                f"这个 Word 文件{cn} the .docx has more than {limit:,} {en}, far more than a "
                                "submission: is it the right file? Send each article on its own.",
                            )
                    if any(mark in window for mark in _DTD_MARKS):
                        raise ContentError(
                            Where(path),
                            f"这个 Word 文件含有 DTD the .docx's part {info.filename} declares a document type "
                            "(<!DOCTYPE>/<!ENTITY>), which Word never writes: it was made to attack XML "
                            "readers. Ask the sender to save it from Word or WPS again.",
                        )
                    tail = window[-_OVERLAP:]
