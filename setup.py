"""Which folders become which packages; everything else is in pyproject.toml.

The repository keeps `layouts/` and `fonts/` at the top level, where the
editors' contract (authoring.md) and the layout's `../fonts/…` paths put them.
A wheel carries them as the packages `zhuanbao.layouts` and `zhuanbao.fonts`,
next to the code, so the same relative font paths resolve once installed.
pyproject.toml alone cannot say "the packages found under src/, plus these two
mapped folders" (an explicit list would miss the next subpackage someone adds).
"""

from setuptools import find_packages, setup

setup(
    packages=[*find_packages("src"), "zhuanbao.layouts", "zhuanbao.fonts", "zhuanbao.fonts.LICENSES"],
    package_dir={"": "src", "zhuanbao.layouts": "layouts", "zhuanbao.fonts": "fonts"},
)
