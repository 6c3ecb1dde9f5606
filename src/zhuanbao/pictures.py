"""Pictures as the page prints them: any format Pillow reads, converted once.

Press photos come as CMYK or Adobe JPEG, WEBP, TIFF, BMP or 16-bit PNG;
reportlab and Word each read only some of these, and a 20-megapixel photo
printed 10 cm wide carries ten times the pixels paper can show. So the
layout decides a picture's printed size and this module makes, in memory,
one file both writers embed as it is: an RGB (or grey) JPEG for photos, a
PNG for line art, at no more than the layout's `pictures.max_dpi` at that
size. A colour conversion that changes the ink (CMYK → RGB) is a warning,
so the editor knows to check the colours. Nothing is written next to the
editor's files.
"""

from __future__ import annotations

import functools
import io
import math
from dataclasses import dataclass
from pathlib import Path

from .errors import ContentError, Diagnostic, Where

DEFAULT_DPI = 96  # what a picture without a resolution is taken to have (Word does the same)


@dataclass(frozen=True)
class PreparedPicture:
    """The bytes both writers embed, and what they are."""

    data: bytes
    format: str  # JPEG | PNG
    pixels: tuple[int, int]

    @property
    def extension(self) -> str:
        return "jpg" if self.format == "JPEG" else "png"


def natural_size(path: Path, where: Where | None = None) -> tuple[float, float]:
    """The picture's size in pt at the resolution it declares (96 dpi if none)."""
    im = _open(path, where)
    with im:
        w_px, h_px = im.size
        dpi = im.info.get("dpi") or (DEFAULT_DPI, DEFAULT_DPI)
        try:
            if im.getexif().get(0x0112, 1) in (5, 6, 7, 8):  # a phone photo taken upright
                w_px, h_px = h_px, w_px
        except Exception:  # an unreadable EXIF block: the picture as stored
            pass
    try:
        dx, dy = float(dpi[0]) or DEFAULT_DPI, float(dpi[1]) or DEFAULT_DPI
    except (TypeError, ValueError, IndexError):
        dx = dy = DEFAULT_DPI
    if dx < 30 or dy < 30:  # a JFIF aspect ratio, not a resolution
        dx = dy = DEFAULT_DPI
    return w_px / dx * 72, h_px / dy * 72


def fit(natural: tuple[float, float], max_w: float, max_h: float) -> tuple[float, float]:
    """Shrink to the box, never enlarge (a small picture prints at its size)."""
    w, h = natural
    scale = min(1.0, max_w / w, max_h / h)
    return w * scale, h * scale


def prepare(
    path: Path,
    width: float,
    height: float,
    max_dpi: float,
    quality: int,
    where: Where | None,
    warnings: list[Diagnostic],
) -> PreparedPicture:
    """The embeddable picture for a print size of width × height pt.

    Remembered while the file stays as it is (its size and mtime), for the
    same pixels and quality: decoding and encoding a press photo takes a
    fifth of a second, and the preview lays the issue out again on every
    save, a picture set smaller to fit its page twice (pages._as_printed)."""
    limit = (math.ceil(width / 72 * max_dpi), math.ceil(height / 72 * max_dpi))
    try:
        st = path.stat()
        picture, note = _converted(str(path), st.st_mtime_ns, st.st_size, limit, max_dpi, quality)
    except ContentError as exc:  # (said without a place by the remembered conversion)
        raise ContentError(where, exc.message) from None
    except (OSError, ValueError, SyntaxError) as exc:  # truncated or damaged past its header
        raise ContentError(
            where, f"图片已损坏 picture `{path.name}` cannot be read ({exc}): save it again as JPEG or PNG."
        ) from None
    if note:  # said on every call, as the picture is converted for every layout
        warnings.append(
            Diagnostic(
                "warning",
                where,
                f"图片颜色已转换 picture `{path.name}` is {note}: it prints converted to RGB; check its colours in the PDF.",
            )
        )
    return picture


@functools.lru_cache(maxsize=16)
def _converted(path: str, mtime_ns: int, size: int, limit: tuple[int, int], dpi: float, quality: int) -> tuple[PreparedPicture, str]:
    return _convert(Path(path), limit, dpi, quality, None)


def _convert(path: Path, limit: tuple[int, int], dpi: float, quality: int, where: Where | None) -> tuple[PreparedPicture, str]:
    """Decode, turn upright, to RGB or grey, down to `limit` pixels, encode
    once; with what a colour conversion changed ("" if none)."""
    from PIL import Image, ImageOps

    im = _open(path, where)
    with im:
        source_format = (im.format or "").upper()
        try:
            im.seek(0)  # an animated GIF or WEBP prints its first frame
        except EOFError:
            pass
        icc = im.info.get("icc_profile")  # an RGB photo's colour space (Adobe RGB …) goes with it
        turned = im.getexif().get(0x0112, 1) not in (1, None)
        im = ImageOps.exif_transpose(im)  # a phone photo stands the way it was taken
        im, note = _to_rgb_or_grey(im)
        unchanged = im.size
        if im.width > limit[0] or im.height > limit[1]:
            scale = min(limit[0] / im.width, limit[1] / im.height)
            im = im.resize((max(1, round(im.width * scale)), max(1, round(im.height * scale))), Image.LANCZOS)
        photo = source_format in ("JPEG", "MPO") or im.getcolors(256) is None
        if photo and source_format == "JPEG" and im.size == unchanged and not note and not turned and im.mode in ("RGB", "L"):
            data = path.read_bytes()  # already what both writers embed: no second compression
            return PreparedPicture(data, "JPEG", im.size), note
        out = io.BytesIO()
        keep = {"icc_profile": icc} if icc and not note else {}
        if photo:
            im.save(out, "JPEG", quality=quality, optimize=True, dpi=(dpi, dpi), **keep)
            return PreparedPicture(out.getvalue(), "JPEG", im.size), note
        im.save(out, "PNG", optimize=True, **keep)
        return PreparedPicture(out.getvalue(), "PNG", im.size), note


def _open(path: Path, where: Where | None):
    from PIL import Image, UnidentifiedImageError

    try:
        return Image.open(path)
    except Image.DecompressionBombError:
        raise ContentError(
            where, f"图片太大 picture `{path.name}` has too many pixels to print: scale it down (under 100 megapixels)."
        ) from None
    except (OSError, UnidentifiedImageError, ValueError):
        raise ContentError(where, f"`{path.name}` 不是图片 is not a picture Pillow can read.") from None


def _to_rgb_or_grey(im):
    """RGB or L, transparency on white paper; the reason when inks change."""
    from PIL import Image

    mode = im.mode
    if mode in ("RGB", "L"):
        return im, None
    if mode in ("I;16", "I;16B", "I;16L", "I;16N", "I"):
        # 16-bit grey: keep the top eight bits (convert("L") would clip at 255)
        return im.convert("I").point(lambda v: v * (1 / 256)).convert("L"), None
    if mode == "F":
        return im.convert("L"), None
    if mode == "1":
        return im.convert("L"), None
    if mode in ("CMYK", "LAB"):
        return _cmyk_to_rgb(im), f"{mode}"
    if mode in ("P", "PA", "LA", "RGBA", "La", "RGBa") or "transparency" in im.info:
        rgba = im.convert("RGBA")
        paper = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        flat = Image.alpha_composite(paper, rgba)
        grey = mode in ("LA", "La")
        return flat.convert("L" if grey else "RGB"), None
    return im.convert("RGB"), None


def _cmyk_to_rgb(im):
    """With the picture's own ICC profile when it has one, else Pillow's formula."""
    icc = im.info.get("icc_profile")
    if icc:
        try:
            from PIL import ImageCms

            src = ImageCms.ImageCmsProfile(io.BytesIO(icc))
            return ImageCms.profileToProfile(im, src, ImageCms.createProfile("sRGB"), outputMode="RGB")
        except Exception:  # a broken profile: the plain conversion still prints
            pass
    return im.convert("RGB")
