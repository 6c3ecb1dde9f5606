"""Someone else's bulletin, for the tests: another masthead, a year-numbered
folder (2023-6), a title the layout must break, a subtitle, sub-headings, a
picture, Latin words and numbers, two 简讯 and a 版记 of its own."""

from __future__ import annotations

from pathlib import Path

from PIL import Image

PHOTO_SIZE = (1200, 700)  # pixels, at 150 dpi

PUBLICATION = """\
masthead: 工作简报
publisher: 某某县人民政府办公室
layout: zhuanbao
sections: [要闻, 基层动态, 简讯]
distribution:
  报: [县委办公室, 县人大常委会办公室]
  发: [各乡镇人民政府, 县直各部门]
staff:
  编辑: 李明
  电话: "0532-88886666"
"""

PARA = (
    "今年以来，全县深入推进“放管服”改革，围绕企业和群众办事需求，推出“一次办好”服务事项"
    "326项，网上可办率达到97.5%，平均办理时限压缩60%以上。县政务服务中心设立“办不成事”反映窗口，"
    "开通12345热线APP端口，全年受理群众诉求1.8万件，按期办结率99.2%。"
)


def write_issue(root: Path, photo_size: tuple[int, int] = PHOTO_SIZE) -> Path:
    content = root / "content"
    folder = content / "2023-6"
    folder.mkdir(parents=True)
    (content / "publication.yaml").write_text(PUBLICATION, encoding="utf-8")
    (folder / "issue.yaml").write_text("number: 6\ndate: 2023-03-15\nstaff:\n  审核: 张华\n", encoding="utf-8")
    Image.new("RGB", photo_size, (200, 40, 40)).save(folder / "photo.png", dpi=(150, 150))
    (folder / "01-fangguanfu.md").write_text(
        "---\nsection: 要闻\ntitle: 我县深化放管服改革持续优化营商环境推动高质量发展取得新成效\n"
        "subtitle: ——2023年第一季度政务服务工作综述\nsource: 县政务服务管理办公室\n---\n"
        f"{PARA}\n\n## 一、聚焦企业需求\n\n**精简审批环节。**{PARA * 2}\n\n"
        "![县政务服务中心大厅](photo.png)\n\n"
        f"## 二、提升服务效能\n\n**推行“帮办代办”。**{PARA}\n",
        encoding="utf-8",
    )
    (folder / "02-xiangzhen.md").write_text(
        "---\nsection: 基层动态\ntitle: |\n  城关镇“网格+”治理模式\n  打通服务群众“最后一公里”\n"
        "source: 城关镇、县委宣传部\n---\n"
        "城关镇将全镇划分为48个网格，配备专兼职网格员156名，实现Wi-Fi全覆盖。"
        + "网格员每日巡查，发现问题及时上报，小事不出网格、大事不出社区。" * 6
        + "\n",
        encoding="utf-8",
    )
    for k, title in enumerate(["县图书馆开展“书香进万家”活动", "县医院完成首例微创手术！"], start=3):
        (folder / f"0{k}-jianxun.md").write_text(
            f"---\nsection: 简讯\ntitle: {title}\nsource: 县文旅局\n---\n" + PARA[:120] + "\n", encoding="utf-8"
        )
    return content


# a sentence of the sample's own 简讯, added to its last article to make it longer
MORE = "招聘会同步开设“直播带岗”“云端面试”，对就业困难人员、高校毕业生、退役军人等重点群体提供就业指导和政策咨询服务。"


def banji_short_sample(root: Path, economies: str | None = None, start: int = 0) -> Path:
    """bench/samples/gongzuo (a county 工作简报) copied under `root`, its last
    article lengthened sentence by sentence until the 版记 no longer fits
    under it whatever the layout's economies allow but the last one (`carry`
    its last lines over with it): the content/ folder. The length is found,
    not written down, so that a change in how tight lines are set (which
    moves every page's last line) keeps the case one of a 版记 a line short.
    `economies` replaces the layout's list for that search (then the 版记 is
    short with those economies). `start`: sentences added before the search
    begins (a last paragraph too long to go over whole)."""
    return banji_economy_sample(root, "carry", start)


def banji_economy_sample(root: Path, economy: str, start: int = 0,
                         sample: tuple[str, str, str] = ("bench/samples/gongzuo", "7", "05-jianxun.md")) -> Path:
    """`sample` (a content folder of the repository, its issue and last
    article: bench/samples/gongzuo) copied under `root`, its last article
    lengthened sentence by sentence until the 版记 fits under it only with
    `economy` (layout/banji.py: `pitch`, rows closer; `gaps`, a label's blank
    line dropped; `carry`, the last lines go over with it): the content/ folder."""
    import shutil

    from zhuanbao.content import load_issue
    from zhuanbao.document import build_document
    from zhuanbao.fonts import FontBook
    from zhuanbao.layout.pages import lay_out
    from zhuanbao.layoutfile import load_layout

    repo = Path(__file__).resolve().parent.parent
    content = root / "content"
    folder, issue, article = sample
    shutil.copytree(repo / folder, content)
    last = content / issue / article
    text = last.read_text(encoding="utf-8").rstrip("\n")
    layout = load_layout(repo / "layouts" / "zhuanbao.yaml")
    fonts = FontBook(layout)
    for n in range(start, start + 40):
        last.write_text(text + MORE * n + "\n", encoding="utf-8")
        laid = lay_out(build_document(load_issue(content, issue).issue, layout), layout, fonts, [])
        if economy in laid.banji.used:
            return content
    raise AssertionError(f"no length of the sample needs the 版记's {economy} economy")


# the text written after the sample's picture when it floats (floating_picture_sample)
AFTER_PICTURE = "大厅设置自助服务区，配备24小时自助终端12台，群众可随时办理社保、公积金等高频事项。"
FILLER = "县政务服务中心还推出“周末不打烊”服务，工作日延时办理，群众办事更加方便。"


def floating_picture_sample(root: Path) -> tuple[Path, int]:
    """write_issue's sample with its picture moved to a paragraph's end late
    in the first article, lengthened sentence by sentence until the picture
    no longer fits at the foot of its page and floats to the next, the text
    after it (AFTER_PICTURE) flowing up: the content/ folder and the
    picture's line in the article. Found, not written down, as
    banji_short_sample is."""
    from zhuanbao.content import load_issue
    from zhuanbao.document import build_document
    from zhuanbao.fonts import FontBook
    from zhuanbao.layout.pages import lay_out
    from zhuanbao.layoutfile import load_layout

    repo = Path(__file__).resolve().parent.parent
    content = write_issue(root)
    art = content / "2023-6" / "01-fangguanfu.md"
    text = art.read_text(encoding="utf-8").replace("![县政务服务中心大厅](photo.png)\n\n", "")
    layout = load_layout(repo / "layouts" / "zhuanbao.yaml")
    fonts = FontBook(layout)
    for n in range(40):
        picture = f"\n\n{FILLER * n}\n\n![县政务服务中心大厅](photo.png)\n\n"
        art.write_text(text.replace("\n\n## 二、", f"{picture}{AFTER_PICTURE}\n\n## 二、"), encoding="utf-8")
        laid = lay_out(build_document(load_issue(content, "2023-6").issue, layout), layout, fonts, [])
        if laid.typesetter.decided.floated:
            line = art.read_text(encoding="utf-8").splitlines().index("![县政务服务中心大厅](photo.png)") + 1
            return content, line
    raise AssertionError("no length of the sample makes its picture float")
