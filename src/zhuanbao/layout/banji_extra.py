"""版记 additions of the bulletin family (family.md): the page it goes on.

`banji.page: even` (GB/T 9704 §7.4, §7.5 for documents printed on both
sides) puts the 版记 on an even page: when the page it would take is odd, a
page of its own follows (even); where that odd page was itself a new page,
it stays blank, and then the blank page and the 版记's page carry no
number (§7.5: 版记页前有空白页的，空白页和版记页均不编排页码).
"""

from __future__ import annotations

from ..layoutfile import Layout
from .boxes import Page

PLACES = ("any", "even")


def banji_page(layout: Layout, pages: list[Page], last: Page) -> Page:
    """The page the 版记 goes on, appending pages as `banji.page` asks."""
    where = layout.root.sub("banji").text("page", "any")
    if where not in PLACES:
        from ..errors import ContentError, Where

        raise ContentError(Where(layout.path), f"layout key `banji.page: {where}` should be any or even.")
    if where == "any" or last.number % 2 == 0:
        return last
    blank = not last.items  # a page made for the 版记 alone: leave it blank
    if blank:
        last.numbered = False
    page = Page(len(pages) + 1, numbered=not blank)
    pages.append(page)
    return page
