"""The caches that make a render fast never change what it prints.

articlecache.py keeps parsed articles (memory and disk), pdfstreams.py keeps
font subsets, yamlio.py parsed YAML files; all are keyed by their whole
input, so a changed article, section list, picture or YAML file is read
again and the PDF is byte for byte what a render without caches writes.
"""

from __future__ import annotations

from pathlib import Path

from conftest import ROOT, run_cli

import pytest

from zhuanbao import yamlio
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
            assert len(list((cache / "zhuanbao" / "yaml").glob("*.pickle"))) == 9  # publication, issue, layout, 6 front matters
    assert pdfs[0] == pdfs[1] == issue13_pdf.read_bytes()
    off = tmp_path / "off"
    proc = run_cli("render", "13", "--format", "pdf", "--out", str(off), env={"ZHUANBAO_NO_FONT_CACHE": "1"})
    assert proc.returncode == 0, proc.stderr
    assert next((off / "13").glob("*.pdf")).read_bytes() == pdfs[0]


def test_yaml_from_the_cache_is_what_the_file_says_and_an_edit_or_an_error_is_read_again(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("ZHUANBAO_NO_FONT_CACHE", raising=False)
    path = tmp_path / "issue.yaml"
    text = "number: 13\ndate: 2022-09-29\nstaff:\n  审核: 王明\n"
    first = yamlio.parse(text, path)
    assert len(list((tmp_path / "cache" / "zhuanbao" / "yaml").glob("*.pickle"))) == 1
    again = yamlio.parse(text, path)
    assert again == first == yamlio._parse(text, path, 1)
    assert again[1] == {"number": 1, "date": 2, "staff": 3}
    assert yamlio.parse(text, path, first_line=2)[1] == {"number": 2, "date": 3, "staff": 4}  # the line is part of the key
    edited = yamlio.parse(text.replace("13", "14"), path)
    assert edited[0]["number"] == 14
    broken = "number: 13\nstaff: [王明\n"
    for _ in range(2):  # an error is never cached: reported every time
        with pytest.raises(ContentError, match="YAML"):
            yamlio.parse(broken, path)


def test_a_render_with_unchanged_yaml_files_does_not_import_yaml(tmp_path):
    env = {"XDG_CACHE_HOME": str(tmp_path / "cache")}
    code = (
        "import sys; from zhuanbao.cli import main\n"
        f"try: main(['render', '13', '--format', 'pdf', '--out', {str(tmp_path / 'out')!r}])\n"
        "except SystemExit: pass\n"
        "print('yaml' in sys.modules)"
    )
    runs = [run_cli_python(code, env) for _ in range(2)]
    assert runs == ["True", "False"]  # parsed on the first run only


def run_cli_python(code: str, env: dict) -> str:
    """Run `code` in a fresh interpreter on this checkout's sources; its last line of output."""
    import os
    import subprocess
    import sys

    path = os.pathsep.join(p for p in (str(ROOT / "src"), os.environ.get("PYTHONPATH", "")) if p)
    proc = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=300,
                          env={**os.environ, "PYTHONPATH": path, **env})
    assert proc.returncode == 0, proc.stderr
    return proc.stdout.strip().splitlines()[-1]


_CLASS_CODE = """
import dataclasses, hashlib, sys, types
from zhuanbao.classcode import compiled_once
with compiled_once():
    import zhuanbao.render, zhuanbao.pdf, zhuanbao.docx, zhuanbao.ofd

def code(c):
    consts = tuple(code(k) if isinstance(k, types.CodeType) else k for k in c.co_consts)
    return (c.co_code, consts, c.co_names, c.co_varnames, c.co_freevars, c.co_filename, c.co_firstlineno, c.co_flags)

h, n = hashlib.sha1(), 0
for name, mod in sorted(sys.modules.items()):
    if name.startswith("zhuanbao"):
        for cls in list(vars(mod).values()):
            if isinstance(cls, type) and dataclasses.is_dataclass(cls) and cls.__module__ == name:
                for m in ("__init__", "__repr__", "__eq__", "__setattr__", "__delattr__", "__hash__"):
                    f = cls.__dict__.get(m)
                    if hasattr(f, "__code__"):
                        h.update(repr((name, cls.__qualname__, m, code(f.__code__), sorted(f.__annotations__))).encode())
                        n += 1
print(n, h.hexdigest())
"""


def test_dataclass_methods_from_the_cache_are_those_python_compiles(tmp_path):
    plain = run_cli_python(_CLASS_CODE, {"ZHUANBAO_NO_FONT_CACHE": "1"})
    env = {"XDG_CACHE_HOME": str(tmp_path / "cache")}
    first = run_cli_python(_CLASS_CODE, env)  # compiles them and keeps the code
    (kept,) = (tmp_path / "cache" / "zhuanbao" / "classcode").glob("*.marshal")
    stamp = kept.stat().st_mtime_ns
    second = run_cli_python(_CLASS_CODE, env)  # takes every one from the cache: nothing new to keep
    assert kept.stat().st_mtime_ns == stamp
    assert int(plain.split()[0]) > 100
    assert plain == first == second


def test_prune_keeps_the_most_recently_used_within_its_bytes(tmp_path):
    """Every cache folder is bounded: past `keep` bytes the least recently
    used entries go (a read touches its entry), other files stay."""
    import os

    from zhuanbao.cachedir import prune

    for n in range(6):
        f = tmp_path / f"e{n}.pickle"
        f.write_bytes(b"x" * 100)
        os.utime(f, (1000 + n, 1000 + n))
    os.utime(tmp_path / "e0.pickle", (2000, 2000))  # the oldest, read again just now
    (tmp_path / "other.bin").write_bytes(b"y" * 1000)
    prune(tmp_path, "*.pickle", keep=300)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["e0.pickle", "e4.pickle", "e5.pickle", "other.bin"]
    prune(tmp_path / "missing", "*.pickle", keep=0)  # no folder: nothing to do, no error


def test_the_font_cache_is_pruned_and_a_read_marks_its_entry_used(tmp_path, monkeypatch):
    """The parsed-font cache (the largest: a set of fonts for every install
    and checkout) keeps `KEEP_BYTES`; loading a font from it touches it."""
    import os

    from zhuanbao import fonts

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    folder = tmp_path / "zhuanbao" / "fonts"
    folder.mkdir(parents=True)
    stale = folder / "Old-1-00000000-00000000.pickle"
    stale.write_bytes(b"x" * 1_000_000)
    os.utime(stale, (1000, 1000))
    monkeypatch.setattr(fonts, "KEEP_BYTES", 700_000)  # room for the entry written now (about 540 KB) alone
    font = ROOT / "fonts" / "LiberationSerif-Regular.ttf"
    fonts.load_ttfont("t1", font)
    entries = list(folder.glob("*.pickle"))
    assert [p.name.split("-")[0] for p in entries] == ["LiberationSerif"] and not stale.exists()
    os.utime(entries[0], (1000, 1000))
    fonts.load_ttfont("t2", font)  # from the cache
    assert entries[0].stat().st_mtime > 1000
