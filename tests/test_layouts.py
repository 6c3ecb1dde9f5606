"""Every shipped layout is a whole kind: it carries every key of the default.

A layout made by copying zhuanbao.yaml drifts when the default gains a key
(a table, notes, a fallback family): the copy then fails only on content that
uses the new element. This test names the keys a shipped layout lacks.
"""

from __future__ import annotations

import pytest
import yaml

from conftest import ROOT

LAYOUTS = sorted(p for p in (ROOT / "layouts").glob("*.yaml") if p.stem != "zhuanbao")


def _missing(base: dict, other: dict, prefix: str = "") -> list[str]:
    out = []
    for key, value in base.items():
        if key not in other:
            out.append(prefix + str(key))
        elif isinstance(value, dict) and isinstance(other[key], dict):
            out += _missing(value, other[key], f"{prefix}{key}.")
    return out


def test_there_is_a_second_layout():
    assert [p.stem for p in LAYOUTS] == ["jianbao"]


@pytest.mark.parametrize("path", LAYOUTS, ids=lambda p: p.stem)
def test_a_shipped_layout_has_every_key_of_the_default(path):
    base = yaml.safe_load((ROOT / "layouts" / "zhuanbao.yaml").read_text(encoding="utf-8"))
    other = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert _missing(base, other) == []
