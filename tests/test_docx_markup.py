"""Characters that are markup in XML (`&`, `<`, `>`, quotes) in every YAML
value an editor or a designer writes: the masthead, the publisher, the
staff, a title, the layout's own `pdf.creator`. Every XML part of the DOCX
must parse, and the text must come out as written (issue 10)."""

from __future__ import annotations

import io
import re
import shutil
import zipfile
from pathlib import Path

import yaml
from lxml import etree

from conftest import ROOT, run_cli
from samples import write_issue

MARKS = "&<>\"'"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}


def _hostile_issue(root: Path) -> tuple[Path, dict[str, str]]:
    content = write_issue(root)
    pub_path = content / "publication.yaml"
    pub = yaml.safe_load(pub_path.read_text(encoding="utf-8"))
    values = {
        "masthead": f"工作简报{MARKS}",
        "publisher": f"某某县{MARKS}办公室",
        "staff": f"李{MARKS}明",
        "title": f"县图书馆开展“书香进万家”活动{MARKS}",
        "creator": f"zhuanbao {MARKS} & Co",
    }
    pub["masthead"] = values["masthead"]
    pub["publisher"] = values["publisher"]
    pub["staff"]["编辑"] = values["staff"]
    pub["layout"] = "hostile"
    pub_path.write_text(yaml.safe_dump(pub, allow_unicode=True), encoding="utf-8")
    art = content / "2023-6" / "03-jianxun.md"
    art.write_text(
        art.read_text(encoding="utf-8").replace(
            "title: 县图书馆开展“书香进万家”活动", "title: " + yaml.safe_dump(values["title"], allow_unicode=True).splitlines()[0]
        ),
        encoding="utf-8",
    )
    text = (ROOT / "layouts" / "zhuanbao.yaml").read_text(encoding="utf-8")
    text = text.replace("../fonts/", str(ROOT / "fonts") + "/")
    text, n = re.subn(r"(?m)^  creator: zhuanbao$", "  creator: " + yaml.safe_dump(values["creator"]).splitlines()[0], text)
    assert n == 1
    (root / "layouts").mkdir()
    (root / "layouts" / "hostile.yaml").write_text(text, encoding="utf-8")
    # a copied layout takes the files it names with it (the title word list and model)
    shutil.copy(ROOT / "layouts" / "title_words.txt", root / "layouts")
    shutil.copy(ROOT / "layouts" / "title_model.txt", root / "layouts")
    return content, values


def test_markup_characters_in_yaml_values_give_well_formed_docx(tmp_path):
    content, values = _hostile_issue(tmp_path)
    proc = run_cli(
        "render", "2023-6", "--content", str(content), "--out", str(tmp_path / "out"), cwd=tmp_path
    )
    assert proc.returncode == 0, proc.stderr
    pdf, docx = (Path(p) for p in proc.stdout.split())
    data = docx.read_bytes()
    parts: dict[str, etree._Element] = {}
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        for name in z.namelist():
            if name.endswith((".xml", ".rels")):
                parts[name] = etree.fromstring(z.read(name))  # raises on a broken part
    assert "docProps/app.xml" in parts and "docProps/core.xml" in parts
    app = parts["docProps/app.xml"]
    assert app.findtext("{*}Application") == values["creator"]
    core = parts["docProps/core.xml"]
    title = core.findtext("{http://purl.org/dc/elements/1.1/}title")
    assert title.startswith(values["masthead"]) and title.endswith("第6期"), title
    assert core.findtext("{http://schemas.openxmlformats.org/package/2006/metadata/core-properties}lastModifiedBy") == values["creator"]
    doc = parts["word/document.xml"]
    paras = ["".join(p.xpath(".//w:t/text()", namespaces=NS)) for p in doc.iter(f"{{{W}}}p")]
    assert paras[0] == values["masthead"]
    assert paras[2].startswith(values["publisher"])
    assert any(p == values["title"] for p in paras), "the title, in the article"
    assert sum(values["title"] in p for p in paras) >= 2, "the title in the 目录 too"
    assert any(values["staff"] in p for p in paras), "the staff line of the 版记"
    # the PDF prints the same text
    import pdfread

    text = "".join(c.ch for c in pdfread.chars(pdf) if not c.ch.isspace())
    for key in ("masthead", "publisher", "staff", "title"):
        assert values[key].replace(" ", "") in text, key
