"""The caches that make a render fast never change what it prints.

articlecache.py keeps parsed articles (memory and disk), pdfstreams.py keeps
font subsets; both are keyed by their whole input, so a changed article,
section list or picture is read again and the PDF is byte for byte what a
render without caches writes.
"""

from __future__ import annotations

from pathlib import Path

from conftest import run_cli

from zhuanbao.articlecache import ArticleCache
from zhuanbao.content import load_issue
from zhuanbao.errors import ContentError

ARTICLE = "02-shibei.md"


def _load(content: Path, cache: ArticleCache):
    return load_issue(content, "13", read_article=cache.read)


def test_disk_cache_serves_a_new_process_and_rereads_a_changed_article(content_copy, tmp_path):
    folder = tmp_path / "articles"
    first = ArticleCache(folder)
    plain = load_issue(content_copy, "13").issue
    assert _load(content_copy, first).issue == plain
    n = len(plain.articles)
    assert first.parsed == n and len(list(folder.glob("*.pickle"))) == n

    second = ArticleCache(folder)  # as a new `zhuanbao render` would
    assert _load(content_copy, second).issue == plain
    assert second.parsed == 0 and second.reused == n

    # an edit of the same size, saved at once (same mtime tick): read again by content
    art = content_copy / "13" / ARTICLE
    text = art.read_text(encoding="utf-8")
    edited = text.replace("组合拳", "连环掌", 1)
    assert len(edited.encode()) == len(text.encode())
    art.write_text(edited, encoding="utf-8")
    third = ArticleCache(folder)
    loaded = _load(content_copy, third).issue
    assert third.parsed == 1
    assert loaded == load_issue(content_copy, "13").issue
    assert "连环掌" in next(a for a in loaded.articles if a.path.name == ARTICLE).title


def test_a_section_taken_out_of_publication_yaml_is_still_an_error(content_copy, tmp_path):
    cache = ArticleCache(tmp_path / "articles")
    _load(content_copy, cache)
    pub = content_copy / "publication.yaml"
    pub.write_text(pub.read_text(encoding="utf-8").replace("sections: [工作动态, 经验交流, 简讯]", "sections: [工作动态, 简讯]"), encoding="utf-8")
    try:
        _load(content_copy, ArticleCache(tmp_path / "articles"))
    except ContentError as exc:
        assert "经验交流" in str(exc) and ".md" in str(exc)
    else:
        raise AssertionError("an article in a removed section was taken from the cache")


def test_render_is_the_same_with_empty_and_filled_caches(tmp_path, issue13_pdf):
    """Font subsets (pdfstreams.py) and articles (articlecache.py) on disk change the time, never the bytes."""
    cache = tmp_path / "cache"
    pdfs = []
    for k in range(2):
        out = tmp_path / f"out{k}"
        proc = run_cli("render", "13", "--format", "pdf", "--out", str(out), env={"XDG_CACHE_HOME": str(cache)})
        assert proc.returncode == 0, proc.stderr
        pdfs.append(next((out / "13").glob("*.pdf")).read_bytes())
        if k == 0:
            assert len(list((cache / "zhuanbao" / "subsets").glob("*.bin"))) >= 6  # one per font subset at least
            assert len(list((cache / "zhuanbao" / "articles").glob("*.pickle"))) == 6
    assert pdfs[0] == pdfs[1] == issue13_pdf.read_bytes()
    off = tmp_path / "off"
    proc = run_cli("render", "13", "--format", "pdf", "--out", str(off), env={"ZHUANBAO_NO_FONT_CACHE": "1"})
    assert proc.returncode == 0, proc.stderr
    assert next((off / "13").glob("*.pdf")).read_bytes() == pdfs[0]
