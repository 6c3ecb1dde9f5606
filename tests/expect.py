"""What a content folder should print, computed from its files alone.

A deliberately small reading of the authoring contract (front matter,
paragraphs, `##`, pictures, `**`), independent of zhuanbao's loader, so
that tests compare the PDF with the editor's files rather than with
zhuanbao's own idea of them.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml


def squash(s: str) -> str:
    return re.sub(r"\s+", "", s)


def read_issue(content: Path, folder: str) -> dict:
    pub = yaml.safe_load((content / "publication.yaml").read_text(encoding="utf-8"))
    iss = yaml.safe_load((content / folder / "issue.yaml").read_text(encoding="utf-8"))
    arts = []
    for path in sorted((content / folder).glob("*.md")):
        _, front, body = path.read_text(encoding="utf-8").split("---\n", 2)
        meta = yaml.safe_load(front)
        blocks = []
        for block in (b.strip() for b in body.split("\n\n")):
            if not block:
                continue
            m = re.fullmatch(r"!\[(.*?)\]\((.*?)\)", block)
            if m:
                blocks.append(("picture", m[1]))
            elif block.startswith("#"):
                blocks.append(("heading", block.lstrip("#").strip()))
            else:
                blocks.append(("para", block.replace("**", "").replace("\n", "")))
        arts.append(
            {
                "section": meta["section"],
                "title_lines": [t.strip() for t in str(meta["title"]).splitlines() if t.strip()],
                "subtitle": meta.get("subtitle"),
                "source": meta.get("source"),
                "blocks": blocks,
            }
        )
    order = {s: i for i, s in enumerate(pub["sections"])}
    arts.sort(key=lambda a: order[a["section"]])  # stable: file order inside a section
    return {"pub": pub, "issue": iss, "articles": arts}


def body_text(data: dict, runin: tuple[str, ...] = ("简讯",)) -> str:
    """Pages 2…: section labels, titles, subtitles, blocks, sources, then the 版记."""
    out = []
    section = None
    for art in data["articles"]:
        if art["section"] != section:
            section = art["section"]
            out.append(f"〔{section}〕")
        title = "".join(art["title_lines"])
        blocks = list(art["blocks"])
        if art["section"] in runin:
            out.append(title + ("" if title.endswith(("。", "！", "？", "…")) else "。"))
        else:
            out.append(title)
            if art["subtitle"]:
                out.append(art["subtitle"])
        out += [text for _, text in blocks]
        if art["source"]:
            out.append(f"（{art['source']}）")
    pub, iss = data["pub"], data["issue"]
    staff = {**(pub.get("staff") or {}), **(iss.get("staff") or {})}
    out += [f"{k}：" + "，".join(v) for k, v in (pub.get("distribution") or {}).items()]
    out += [f"{k}：{v}" for k, v in staff.items() if v]
    return squash("".join(out))
