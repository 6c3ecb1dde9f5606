"""The layout file: every number a designer tunes, read and checked once.

A layout name resolves to `layouts/NAME.yaml` in the current folder, then to
the layouts installed with zhuanbao. Font paths are relative to the layout
file, so content anywhere renders with the default layout and fonts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import yamlio
from .errors import ContentError, Where, cannot_read

MM = 72 / 25.4
_UNITS = {"pt": 1.0, "mm": MM, "cm": 10 * MM, "in": 72.0}
_LENGTH = re.compile(r"\s*(-?\d+(?:\.\d+)?)\s*(pt|mm|cm|in|em)?\s*")


def installed_layouts() -> Path:
    """The layouts installed with zhuanbao.

    A wheel carries the repository's top-level layouts/ and fonts/ as the
    packages zhuanbao/layouts and zhuanbao/fonts (see setup.py); a checkout or
    an editable install keeps them two levels above src/zhuanbao. Either way a
    layout's `../fonts/…` paths resolve next to it.
    """
    here = Path(__file__).resolve().parent
    for candidate in (here / "layouts", here.parent.parent / "layouts"):
        if candidate.is_dir():
            return candidate
    return here / "layouts"


def resolve_layout(name: str, cwd: Path | None = None) -> Path:
    cwd = cwd or Path.cwd()
    for folder in (cwd / "layouts", installed_layouts()):
        path = folder / f"{name}.yaml"
        if path.is_file():
            return path
    raise ContentError(
        None,
        f"找不到版式 layout `{name}`: no layouts/{name}.yaml here or among the installed layouts.",
    )


class Section:
    """One mapping of the layout file, with typed, checked accessors.

    A missing or malformed key is a ContentError naming the layout file and
    the key path, so a designer's typo gets a message, not a traceback.
    """

    def __init__(self, data: Any, path: Path, prefix: str, lines: dict[str, int]):
        self._data = data if isinstance(data, dict) else {}
        self.path = path
        self.prefix = prefix
        self._lines = lines

    def _where(self, key: str) -> Where:
        return Where(self.path, self._lines.get(self._full(key).split(".")[0]))

    def _full(self, key: str) -> str:
        return f"{self.prefix}.{key}" if self.prefix else key

    def has(self, key: str) -> bool:
        return key in self._data

    def raw(self, key: str, default: Any = ...) -> Any:
        if key not in self._data:
            if default is ...:
                raise ContentError(self._where(key), f"版式缺少 layout key `{self._full(key)}` is missing.")
            return default
        return self._data[key]

    def sub(self, key: str) -> "Section":
        value = self.raw(key)
        if not isinstance(value, dict):
            raise ContentError(self._where(key), f"layout key `{self._full(key)}` should be a mapping.")
        return Section(value, self.path, self._full(key), self._lines)

    def length(self, key: str, em: float | None = None, default: Any = ...) -> float:
        """A length in pt; `em` is the size an `em` value is relative to."""
        value = self.raw(key, default)
        if isinstance(value, (int, float)):
            return float(value)
        m = _LENGTH.fullmatch(str(value))
        if not m or (m[2] == "em" and em is None):
            raise ContentError(
                self._where(key), f"layout key `{self._full(key)}: {value}` should be a length like 16pt or 37mm."
            )
        number = float(m[1])
        if m[2] == "em":
            return number * float(em)  # type: ignore[arg-type]
        return number * _UNITS[m[2] or "pt"]

    def number(self, key: str, default: Any = ...) -> float:
        value = self.raw(key, default)
        if not isinstance(value, (int, float)) or isinstance(value, bool):
            raise ContentError(self._where(key), f"layout key `{self._full(key)}` should be a number.")
        return float(value)

    def text(self, key: str, default: Any = ...) -> str:
        value = self.raw(key, default)
        return "" if value is None else str(value)

    def flag(self, key: str, default: Any = ...) -> bool:
        return bool(self.raw(key, default))


@dataclass(frozen=True)
class FontSpec:
    role: str
    file: Path
    docx_name: str
    family: str = "serif"  # which fallback list a role takes: serif (宋 仿宋 楷) or sans (黑)


@dataclass(frozen=True)
class TextStyle:
    """A text element's look: font role, size, colour, alignment, indents."""

    name: str
    font: str
    size: float
    color: str
    align: str  # justify | left | center | right
    indent: float  # first-line indent, in grid cells (body) or ems
    space_before: int  # grid lines
    space_after: int
    latin: str | None = None  # font role for digits and Latin letters, if not `font`
    stroke: float = 0.0  # pt: outline stroked over the fill, a bold for faces that have none (#### 仿宋 bold)
    marks: str | None = None  # "dot": 着重号, a dot under each Chinese character (emphasis)
    mark_radius: float = 0.0  # pt
    mark_drop: float = 0.0  # pt from the baseline down to the dot's centre


@dataclass(frozen=True)
class Layout:
    path: Path
    root: Section
    fonts: dict[str, FontSpec]
    fallback: tuple[FontSpec, ...]  # every fallback font, each once (for the DOCX's font table)
    styles: dict[str, TextStyle]
    colors: dict[str, str]
    # the fallback fonts of each family, tried in order; "*" when the layout
    # gives one list for every role (the older form `fallback: [...]`)
    fallbacks: dict[str, tuple[FontSpec, ...]] | None = None

    def fallback_for(self, role: str) -> tuple[FontSpec, ...]:
        """The fallback fonts of a role's family: a 仿宋 line takes a serif
        face for a character it lacks, never a 黑体 one."""
        table = self.fallbacks or {"*": self.fallback}
        if "*" in table:
            return table["*"]
        spec = self.fonts.get(role)
        return table.get(spec.family if spec else "serif", ())

    @property
    def link_urls(self) -> bool:
        """Whether a link's URL prints after its text (`typesetting.link_urls`)."""
        if not self.root.has("typesetting"):
            return False
        value = self.root.sub("typesetting").raw("link_urls", False)
        if not isinstance(value, bool):
            raise ContentError(
                Where(self.path, self.root._lines.get("typesetting")),
                f"layout key `typesetting.link_urls: {value}` should be true or false.",
            )
        return value

    def label_or(self, key: str, default: str) -> str:
        """A label newer than some layouts: `default` when the layout lacks it."""
        return self.root.sub("labels").text(key, default)

    def format_label(self, key: str, default: str, **values: str) -> str:
        """A label with its `{placeholders}` filled; one naming a value the
        label does not get is a message naming the layout key."""
        label = self.label_or(key, default)
        try:
            return label.format(**values)
        except (KeyError, IndexError, ValueError):
            raise ContentError(
                Where(self.path, self.root._lines.get("labels")),
                f"layout key `labels.{key}: {label}` may only use "
                + ", ".join("{" + v + "}" for v in values)
                + ".",
            ) from None

    # -- page geometry, in pt, derived once
    @property
    def page(self) -> Section:
        return self.root.sub("page")

    def label(self, key: str) -> str:
        return self.root.sub("labels").text(key)

    def color(self, name: str) -> str:
        if name.startswith("#"):
            return name
        if name not in self.colors:
            raise ContentError(Where(self.path), f"layout colour `{name}` is not under `colors`.")
        return self.colors[name]


def _fallbacks(value: Any, base: Path, path: Path, lines: dict[str, int]) -> dict[str, tuple[FontSpec, ...]]:
    """`fallback:` as one list for every role, or a list per family
    (`fallback: {serif: [...], sans: [...]}`)."""
    where = Where(path, lines.get("fallback"))
    if value is None:
        return {"*": ()}
    if isinstance(value, list):
        return {"*": tuple(_font_spec(f"fallback[{i}]", v, base, path) for i, v in enumerate(value))}
    if isinstance(value, dict):
        out = {}
        for family, specs in value.items():
            if not isinstance(specs, list):
                raise ContentError(where, f"layout key `fallback.{family}` should be a list of fonts like [{{file: …, docx: …}}].")
            out[str(family)] = tuple(_font_spec(f"fallback.{family}[{i}]", v, base, path) for i, v in enumerate(specs))
        return out
    raise ContentError(where, "layout key `fallback` should be a list of fonts, or one list per family (serif:, sans:).")


def _font_spec(role: str, value: Any, base: Path, path: Path) -> FontSpec:
    if not isinstance(value, dict) or "file" not in value:
        raise ContentError(Where(path), f"layout font `{role}` needs `file:` (and `docx:` for Word's font name).")
    file = (base / str(value["file"])).resolve()
    if not file.is_file():
        raise ContentError(
            Where(path),
            f"字体文件不存在 the font file for `{role}` is not there: {file}. "
            "Run tools/build_fonts.py or point the layout at an installed TrueType font.",
        )
    return FontSpec(role, file, str(value.get("docx") or file.stem), str(value.get("family") or "serif"))


def _marks(s: Section, size: float, path: Path, lines: dict[str, int]) -> dict:
    """`marks: dot` (着重号): a dot of `mark_radius` under each Chinese
    character, its centre `mark_drop` below the baseline."""
    marks = s.text("marks", "") or None
    if marks not in (None, "dot"):
        raise ContentError(Where(path, lines.get("styles")), f"layout key `{s.prefix}.marks: {marks}` should be `dot` (着重号) or left out.")
    if marks is None:
        return {}
    return dict(
        marks=marks,
        mark_radius=s.length("mark_radius", em=size, default="0.07em"),
        mark_drop=s.length("mark_drop", em=size, default="0.3em"),
    )


def load_layout(path: Path) -> Layout:
    try:
        source = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise cannot_read(exc, path) from None
    except UnicodeDecodeError:
        raise ContentError(Where(path), "版式文件不是 UTF-8 编码 the layout file is not UTF-8: save it as UTF-8.") from None
    data, lines = yamlio.parse(source, path)
    root = Section(data, path, "", lines)
    fonts = {
        str(role): _font_spec(str(role), spec, path.parent, path)
        for role, spec in (root.raw("fonts") or {}).items()
    }
    fallbacks = _fallbacks(root.raw("fallback", None), path.parent, path, lines)
    if "*" not in fallbacks:
        for role, spec in fonts.items():
            if spec.family not in fallbacks:
                raise ContentError(
                    Where(path, lines.get("fonts")),
                    f"layout key `fonts.{role}.family: {spec.family}` names no list under `fallback` "
                    f"(there are: {', '.join(fallbacks)}).",
                )
    unique: dict[Path, FontSpec] = {}
    for specs in fallbacks.values():
        for spec in specs:
            unique.setdefault(spec.file, spec)
    fallback = tuple(unique.values())
    colors = {str(k): str(v) for k, v in (root.raw("colors") or {}).items()}
    styles: dict[str, TextStyle] = {}
    st = root.sub("styles")
    for name in st._data:
        s = st.sub(name)
        font = s.text("font", "fang")
        if s.text("latin", "") and s.text("latin") not in fonts:
            raise ContentError(Where(path, lines.get("styles")), f"style `{name}` uses Latin font role `{s.text('latin')}`, which `fonts` does not define.")
        if font not in fonts:
            raise ContentError(Where(path, lines.get("styles")), f"style `{name}` uses font role `{font}`, which `fonts` does not define.")
        size = s.length("size", default=root.sub("styles").sub("body").length("size"))
        styles[name] = TextStyle(
            name=name,
            font=font,
            size=size,
            color=s.text("color", "black"),
            align=s.text("align", "left"),
            indent=s.number("indent", 0),
            space_before=int(s.number("space_before", 0)),
            space_after=int(s.number("space_after", 0)),
            latin=s.text("latin", "") or None,
            stroke=s.length("stroke", em=size, default=0),
            **_marks(s, size, path, lines),
        )
    for required in ("body", "lead", "heading", "section", "title", "subtitle", "source", "caption"):
        if required not in styles:
            raise ContentError(Where(path, lines.get("styles")), f"版式缺少 layout style `styles.{required}` is missing.")
    if "emphasis" not in styles:
        # a layout older than emphasis: the source's face (楷体) at the body's size, never plain body text
        src, body = styles["source"], styles["body"]
        styles["emphasis"] = TextStyle("emphasis", src.font, body.size, body.color, "left", 0, 0, 0, body.latin)
    layout = Layout(
        path=path, root=root, fonts=fonts, fallback=fallback, styles=styles, colors=colors, fallbacks=fallbacks
    )
    for key in ("header", "page_number", "banji", "labels"):
        root.sub(key)
    return layout
