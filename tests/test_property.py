"""No mistake loses a word: random articles through the whole pipeline.

Random Chinese text, punctuation, digits, Latin words and long unbroken runs
go through load → layout → PDF; the render never crashes and every
non-space character of the input is in the PDF's text, in order. A second
property does the same for `zhuanbao import` (Word file → article → loaded
text), and a third for the punctuation normaliser alone.
"""

from __future__ import annotations

import re
import shutil
import string
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import pdfread
from conftest import CONTENT

SETTINGS = settings(
    max_examples=25,
    derandomize=True,  # CI runs the same examples every time; run with a higher max_examples by hand to explore
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

# Characters the real issue prints: the fonts have them all.
_REAL = "".join(p.read_text(encoding="utf-8") for p in sorted((CONTENT / "13").glob("*.md")))
HAN = sorted({c for c in _REAL if "\u4e00" <= c <= "\u9fff"})
PUNCT = ["，", "。", "、", "“", "”", "（", "）", "《", "》", "——", "……", "：", "；", "！", "？"]

han = st.text(alphabet=st.sampled_from(HAN), min_size=1, max_size=12)
punct = st.sampled_from(PUNCT)
digits = st.from_regex(r"[0-9]{1,6}(\.[0-9]{1,2})?%?", fullmatch=True)
latin = st.text(alphabet=string.ascii_letters, min_size=1, max_size=12).map(lambda w: f" {w} ")
long_run = st.one_of(
    st.integers(30, 90).flatmap(lambda n: st.text(alphabet=st.sampled_from(HAN), min_size=n, max_size=n)),
    st.integers(30, 70).map(lambda n: "".join(str(i % 10) for i in range(n))),
    st.text(alphabet=string.ascii_letters, min_size=30, max_size=70),
    st.integers(3, 20).map(lambda n: "——" * n),
    st.integers(3, 20).map(lambda n: "……" * n),
    st.integers(3, 30).map(lambda n: "“" * n + "”" * n),
)
token = st.one_of(han, han, han, punct, punct, digits, latin, long_run)
paragraph = st.lists(token, min_size=1, max_size=25).map(lambda ts: re.sub(r" +", " ", "".join(ts)).strip()).filter(bool)
lead = st.one_of(st.just(""), st.tuples(han, st.sampled_from(["。", "：", ""])).map("".join))
article = st.lists(st.tuples(lead, paragraph), min_size=1, max_size=4)


def visible(text: str) -> str:
    return "".join(c for c in text if not c.isspace())


def missing_from(needle: str, haystack: str) -> tuple[int, str] | None:
    """Where `needle` stops being a subsequence of `haystack`, or None."""
    i = 0
    for k, c in enumerate(needle):
        j = haystack.find(c, i)
        if j < 0:
            return k, needle[max(0, k - 10) : k + 10]
        i = j + 1
    return None


def make_site(root: Path, paras: list[tuple[str, str]], section: str = "经验交流") -> Path:
    content = root / "content"
    (content / "99").mkdir(parents=True)
    shutil.copy(CONTENT / "publication.yaml", content / "publication.yaml")
    (content / "99/issue.yaml").write_text("number: 99\ndate: 2022-12-01\n", encoding="utf-8")
    body = "\n\n".join((f"**{ld}**" if ld else "") + text for ld, text in paras)
    (content / "99/01-random.md").write_text(
        f"---\nsection: {section}\ntitle: 随机测试文章\nsource: 测试单位\n---\n{body}\n", encoding="utf-8"
    )
    return content


@SETTINGS
@given(article, st.sampled_from(["经验交流", "简讯"]))
def test_pipeline_never_loses_a_character(paras, section):
    from zhuanbao.render import prepare, write_outputs

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        content = make_site(root, paras, section)
        r = prepare(content, "99")
        [pdf] = write_outputs(r, root / "out", "99", ("pdf",))
        text = pdfread.text(pdf)
    expected = visible("".join(ld + body for ld, body in paras))
    lost = missing_from(expected, visible(text))
    assert lost is None, f"character {lost[0]} of the body is not in the PDF, near {lost[1]!r}"


# --- import: Word file → article → the same words ---------------------------------------------------

half = st.sampled_from([",", ";", ":", "?", "!", "(", ")", '"'])
import_token = st.one_of(han, han, punct, half, digits, latin, st.sampled_from(["*", "_", "[", "]", "<", ">", "&", "#", "`", "~", "\\"]))
import_para = st.lists(import_token, min_size=1, max_size=20).map(lambda ts: re.sub(r" +", " ", "".join(ts)).strip()).filter(
    # not a `（source）` line, nor a `——subtitle`: those are taken as such, by design
    lambda p: bool(p) and "**" not in p and not re.fullmatch(r"[（(].*[）)]", p) and not p.startswith("—")
)


def _letters(text: str) -> str:
    """What punctuation normalising must keep: every letter, digit and Chinese character."""
    return "".join(c for c in text if c.isalnum())


@SETTINGS
@given(st.lists(st.tuples(st.one_of(st.just(""), han), import_para), min_size=1, max_size=5))
def test_import_never_loses_a_word(paras):
    from docx import Document

    from zhuanbao.content import load_issue
    from zhuanbao.importer import import_file

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        content = root / "content"
        (content / "99").mkdir(parents=True)
        shutil.copy(CONTENT / "publication.yaml", content / "publication.yaml")
        (content / "99/issue.yaml").write_text("number: 99\ndate: 2022-12-01\n", encoding="utf-8")
        doc = Document()
        doc.add_paragraph("随机测试文章").alignment = 1
        for ld, text in paras:
            p = doc.add_paragraph()
            if ld:
                p.add_run(ld).bold = True
            p.add_run(text)
        doc.add_paragraph("（测试单位）")
        doc.save(str(root / "sub.docx"))
        [done] = import_file(root / "sub.docx", content, "99", "经验交流")
        art = load_issue(content, "99").issue.articles[0]
    assert art.title == "随机测试文章"
    assert art.sources == "测试单位"
    got = ["".join(s.text for s in b.spans) for b in art.blocks]
    leads = ["".join(s.text for s in b.spans if s.lead) for b in art.blocks]
    assert len(got) == len(paras), (got, paras)
    for (ld, text), g, gl in zip(paras, got, leads):
        assert _letters(g) == _letters(ld + text), (g, ld + text)
        assert gl == ld


# --- the normaliser alone ------------------------------------------------------------------------------


@settings(max_examples=200, deadline=None, database=None, derandomize=True)
@given(st.lists(st.one_of(han, punct, half, digits, latin, st.just(" ")), max_size=30).map("".join))
def test_normalise_keeps_every_letter_and_is_stable(text):
    from zhuanbao.punct import normalise

    once, changes = normalise(text)
    assert _letters(once) == _letters(text)
    again, more = normalise(once)
    assert again == once and not more
    assert len(changes) <= sum(1 for c in text if c in ',;:?!()".')
