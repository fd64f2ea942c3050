"""Chinese is drawn with real glyphs, not the missing-glyph box.

Every screenshot and visual check of the suite is worthless if Chromium draws
tofu. When no font covers Chinese, every Han character falls back to the same
.notdef box, so two different characters give identical pixels; with a CJK font
they differ. `tests/conftest.py` also refuses to start without one (fc-list).
"""

from __future__ import annotations

import pytest

from tests.conftest import cjk_font_problem

DRAW = """(chars) => {
  const canvas = document.createElement('canvas');
  canvas.width = 64; canvas.height = 64;
  const ctx = canvas.getContext('2d');
  const out = [];
  for (const ch of chars) {
    ctx.clearRect(0, 0, 64, 64);
    ctx.fillStyle = '#000';
    ctx.font = '48px sans-serif';
    ctx.fillText(ch, 4, 52);
    const data = ctx.getImageData(0, 0, 64, 64).data;
    let ink = 0, sig = [];
    for (let i = 3; i < data.length; i += 4) {
      if (data[i] > 0) ink++;
      sig.push(data[i] > 127 ? 1 : 0);
    }
    out.push({ink, sig: sig.join('')});
  }
  return out;
}"""


def test_fontconfig_has_a_chinese_font() -> None:
    assert cjk_font_problem() is None, cjk_font_problem()


@pytest.mark.parametrize("viewport", ["desktop"], indirect=True)
def test_chromium_draws_distinct_glyphs_for_chinese(page) -> None:
    page.set_content('<html lang="zh-CN"><body></body></html>')
    # 民 政 简 报 are different characters; U+10FFFD and U+10FFFE have no glyph anywhere.
    drawn = page.evaluate(DRAW, ["民", "政", "简", "报", "\U0010fffd", "\U0010fffe"])
    han, (box1, box2) = drawn[:4], drawn[4:]
    assert box1["sig"] == box2["sig"], "the missing-glyph reference should be one box"
    for glyph in han:
        assert glyph["ink"] > 50, "a Chinese character drew (almost) nothing"
        assert glyph["sig"] != box1["sig"], "Chinese is drawn as the missing-glyph box (tofu)"
    assert len({g["sig"] for g in han}) == 4, "different characters drew the same glyph"
