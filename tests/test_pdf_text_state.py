"""Text state that outlives a line must not reach the next one.

A dash pair (——) in the 编者按's 楷体 is drawn horizontally scaled to fill
its cells (Tz). Tz, like Tc, is graphics state in PDF: it survives ET, so a
line that leaves it at 115 % stretches every line drawn after it. A real
two-paragraph 编者按 did exactly that: its second paragraph and the body
paragraph after it ran 62 pt past the right edge with glyphs printed on top
of each other. Checked on the PDF's glyphs: every line inside the measure,
each glyph at its own place, and the text in the order the editor wrote it.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from conftest import CONTENT, run_cli
from pdfread import chars, lines_of

NOTE = (
    "第一段编者按，只有一行。\n"
    "本期展示单县县委宣传部推荐的文明实践案例《善益站——城市温暖角落 点亮文明之光》，在全市展示活动中被评为金奖案例。\n"
)
BODY = (
    "善益站是单县为进一步拓展城市社区新时代文明实践的服务半径，覆盖更广泛的区域和人群，满足群众多元化、"
    "差异化需求，自2022年以来打造的新时代文明实践特色志愿服务阵地。目前为止，单县共有96处善益站。"
)


def test_a_scaled_dash_does_not_stretch_the_lines_after_it(tmp_path):
    content = tmp_path / "content"
    content.mkdir()
    shutil.copy(CONTENT / "publication.yaml", content / "publication.yaml")
    issue = content / "1"
    issue.mkdir()
    (issue / "issue.yaml").write_text(
        (CONTENT / "13" / "issue.yaml").read_text(encoding="utf-8").replace("number: 13", "number: 1"), encoding="utf-8"
    )
    note = "".join(f"  {line}\n" for line in NOTE.splitlines())
    (issue / "01-note.md").write_text(
        f"---\nsection: 经验交流\ntitle: 两段编者按\nsource: 测试\nnote: |\n{note}---\n{BODY}\n", encoding="utf-8"
    )
    out = tmp_path / "out"
    proc = run_cli("render", "1", "--content", str(content), "--out", str(out), "--format", "pdf")
    assert proc.returncode == 0, proc.stderr
    pdf = Path(proc.stdout.strip())
    cs = [c for c in chars(pdf) if c.page == 1 and c.size < 20]  # the note and the body, not the masthead
    rows = [r for r in lines_of(cs) if "".join(c.ch for c in r).strip()]
    text = "".join(c.ch for r in rows for c in r if not c.ch.isspace())
    for part in [*NOTE.replace(" ", "").splitlines(), BODY[:40]]:
        assert part in text, (part, text)  # every glyph in the order written: none drawn over another
    right = max(c.x1 for c in chars(pdf) if c.page == 1 and c.size > 30)  # the masthead ends at the right edge
    for r in rows:
        pitch = [b.x0 - a.x0 for a, b in zip(r, r[1:]) if "\u4e00" <= a.ch <= "\u9fff" and "\u4e00" <= b.ch <= "\u9fff"]
        assert r[-1].x0 < right, "".join(c.ch for c in r)  # nothing starts past the right edge
        assert all(p < 17.5 for p in pitch), ("".join(c.ch for c in r), max(pitch))  # 16 pt characters, not stretched
