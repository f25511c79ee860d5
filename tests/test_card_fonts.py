"""A site's own fonts for its share cards ([theme] card_fonts): Japanese, Cyrillic and Greek titles
drawn with them, what no font has still left out, the font's bytes in the cards' names and the
build's inputs, and a config naming a file that is no font. The fonts are made here with fontTools
(a box, a triangle or a bar per character): no font file is shipped or downloaded."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from fontTools.fontBuilder import FontBuilder
from fontTools.pens.ttGlyphPen import TTGlyphPen
from PIL import Image

from careersite.config import load_config
from careersite.fsclock import filesystem_now_ns
from careersite.problems import ContentError, Problems
from careersite.share_card import (CARD_SIZE, LOGO_BOX, MARGIN, UNDRAWN_TITLE, CardFont, CardStyle, CardText, _coverage,
                                   drawable, posting_card, read_card_font, site_card)

from conftest import CONFIG, basic_fields, build_site, posting_text, tree, write_site
from test_incremental import cold
from test_uptodate import age

OUTLINES = {
    "box": [(100, 0), (100, 700), (900, 700), (900, 0)],
    "triangle": [(100, 0), (500, 700), (900, 0)],
    "bar": [(100, 300), (100, 400), (900, 400), (900, 300)],
}
# 𠮷 (U+20BB7, in Japanese names) lies beyond the Basic Multilingual Plane: the font gets a format 12 cmap
GLYPHS = {"東": "box", "京": "triangle", "Ж": "bar", "Ω": "triangle", "\U00020bb7": "box"}


def make_font(glyphs: dict[str, str] = GLYPHS) -> bytes:
    """A real TrueType font with one simple outline per character (and .notdef, a box, as fonts have)."""
    def outline(kind: str):
        pen = TTGlyphPen(None)
        if kind:
            first, *rest = OUTLINES[kind]
            pen.moveTo(first)
            for point in rest:
                pen.lineTo(point)
            pen.closePath()
        return pen.glyph()

    names = {char: f"uni{ord(char):04X}" for char in glyphs}
    builder = FontBuilder(1000, isTTF=True)
    builder.setupGlyphOrder([".notdef", "space", *names.values()])
    builder.setupCharacterMap({32: "space", **{ord(char): name for char, name in names.items()}})
    builder.setupGlyf({".notdef": outline("box"), "space": outline(""), **{names[c]: outline(k) for c, k in glyphs.items()}})
    builder.setupHorizontalMetrics({name: (1000, 0) for name in [".notdef", "space", *names.values()]})
    builder.setupHorizontalHeader(ascent=880, descent=-120)
    builder.setupNameTable({"familyName": "Card Test", "styleName": "Regular"})
    builder.setupOS2(sTypoAscender=880, sTypoDescender=-120, usWinAscent=880, usWinDescent=120)
    builder.setupPost()
    out = io.BytesIO()
    builder.save(out)
    return out.getvalue()


def site_font(root: Path, glyphs: dict[str, str] = GLYPHS, name: str = "fonts/card.ttf") -> CardFont:
    (root / name).parent.mkdir(parents=True, exist_ok=True)
    (root / name).write_bytes(make_font(glyphs))
    font = read_card_font(root, name)
    assert isinstance(font, CardFont), font
    return font


def card(title: str, fonts: tuple[CardFont, ...] = (), place: str = "Berlin, Germany", company: str = "Test Co") -> Image.Image:
    data = posting_card(CardText(title, company, place, "", "jobs.test.example"), CardStyle("#4f46e5", "#ffffff", None, fonts))
    image = Image.open(io.BytesIO(data))
    image.load()
    return image


TITLE_AREA = (MARGIN, MARGIN + LOGO_BOX + 20, CARD_SIZE[0] - MARGIN, MARGIN + LOGO_BOX + 300)


def title_pixels(image: Image.Image) -> bytes:
    return image.crop(TITLE_AREA).tobytes()


# ---------------------------------------------------------------- what is drawn


@pytest.mark.parametrize("title, other", [("東京 東京", "京東 京東"), ("ЖЖЖ", "ΩΩΩ"), ("Ω Ж", "Ж Ω"), ("\U00020bb7東", "京\U00020bb7")])
def test_a_japanese_cyrillic_or_greek_title_is_drawn_with_the_sites_font(tmp_path, title, other):
    fonts = (site_font(tmp_path),)
    assert drawable(title) is None and drawable(title, fonts) == title
    drawn = card(title, fonts)
    assert title_pixels(drawn) != title_pixels(card(UNDRAWN_TITLE, fonts))
    assert title_pixels(drawn) != title_pixels(card(other, fonts))  # its own glyphs, in its order
    assert title_pixels(drawn) != title_pixels(Image.new("P", CARD_SIZE, 0))


def test_a_character_no_font_has_still_leaves_the_line_out(tmp_path):
    fonts = (site_font(tmp_path),)
    assert drawable("東京タワー", fonts) is None  # タ and ワ: in no font
    assert card("東京タワー", fonts).tobytes() == card(UNDRAWN_TITLE, fonts).tobytes()
    assert card("Data", fonts, place="Москва").tobytes() == card("Data", fonts, place="").tobytes()  # М, о, с, к, в, а: not in it
    assert card("Data", fonts, place="東京").tobytes() != card("Data", fonts, place="").tobytes()


def test_latin_the_sites_font_lacks_is_drawn_with_the_bundled_font_as_before(tmp_path):
    fonts = (site_font(tmp_path),)
    assert card("Data Engineer", fonts, place="Zürich").tobytes() == card("Data Engineer", place="Zurich").tobytes()
    assert drawable("Ω – Zürich", fonts) == "Ω - Zurich"


def test_the_first_font_with_the_glyph_draws_it(tmp_path):
    boxes = site_font(tmp_path, {"Ж": "box"}, "fonts/boxes.ttf")
    bars = site_font(tmp_path, {"Ж": "bar", "Ω": "bar"}, "fonts/bars.ttf")
    assert title_pixels(card("Ж", (boxes, bars))) == title_pixels(card("Ж", (boxes,)))
    assert title_pixels(card("Ж", (bars, boxes))) == title_pixels(card("Ж", (bars,)))
    assert title_pixels(card("Ж", (boxes, bars))) != title_pixels(card("Ж", (bars, boxes)))
    assert drawable("ЖΩ", (boxes,)) is None and drawable("ЖΩ", (boxes, bars)) == "ЖΩ"


def test_right_to_left_lines_are_left_out_even_with_a_font_that_has_them(tmp_path):
    fonts = (site_font(tmp_path, {"א": "box", "ב": "triangle", "ب": "box", "ت": "triangle"}),)
    for title in ("אב", "بت"):
        assert drawable(title, fonts) is None
        assert card(title, fonts).tobytes() == card(UNDRAWN_TITLE, fonts).tobytes()


def test_the_company_header_and_the_site_card_use_the_sites_font(tmp_path):
    fonts = (site_font(tmp_path),)
    style = CardStyle("#4f46e5", "#ffffff", None, fonts)
    assert card("Data", fonts, company="東京").tobytes() != card("Data", fonts, company="").tobytes()
    assert site_card("東京", "Test Co", "jobs.test.example", style) != site_card("", "Test Co", "jobs.test.example", style)


def test_same_input_gives_byte_identical_pngs_twice(tmp_path):
    site_font(tmp_path)
    script = ("import sys; from pathlib import Path; from careersite.share_card import *; "
              "font = read_card_font(Path(sys.argv[1]), 'fonts/card.ttf'); "
              "sys.stdout.buffer.write(posting_card(CardText('東京 Ж Ω Data', '東 Co', 'Ω', '', 'jobs.test.example'), "
              "CardStyle('#4f46e5', '#ffffff', None, (font,))))")
    runs = [subprocess.run([sys.executable, "-c", script, str(tmp_path)], capture_output=True, check=True).stdout for _ in range(2)]
    assert runs[0] == runs[1] and runs[0][:8] == b"\x89PNG\r\n\x1a\n"
    assert runs[0] != card(UNDRAWN_TITLE).tobytes()


def test_a_font_changed_during_the_build_stops_it(tmp_path):
    font = site_font(tmp_path, {"Ж": "box"}, "fonts/changing.ttf")
    (tmp_path / "fonts/changing.ttf").write_bytes(make_font({"Ж": "bar"}))
    with pytest.raises(ContentError, match="changed while the site was being built"):
        _coverage(font)


# ---------------------------------------------------------------- in the config and the build


FONT_CONFIG = CONFIG.replace("[company]", '[theme]\ncard_fonts = ["fonts/card.ttf"]\n[company]')
THEME_LINE = 5  # card_fonts = ... in FONT_CONFIG


def load(site: Path, config: str) -> tuple[object, list[str]]:
    (site / "careersite.toml").write_text(config, encoding="utf-8")
    problems = Problems()
    return load_config(site, problems), [str(p) for p in problems.items]


def test_the_config_reads_card_fonts_from_the_site_folder(tmp_path):
    expected = site_font(tmp_path)
    config, problems = load(tmp_path, FONT_CONFIG)
    assert problems == [] and config.theme_options.card_fonts == (expected,)
    assert expected.digest in repr(config)  # in every cache key the config is in


@pytest.mark.parametrize("written, content, said", [
    ("fonts/missing.ttf", None, "font file 'fonts/missing.ttf' not found; give the path of a .ttf or .otf file from the site folder"),
    ("fonts/notes.ttf", b"not a font at all", "font file 'fonts/notes.ttf': not a TrueType or OpenType font"),
    ("fonts/cut.ttf", b"\x00\x01\x00\x00\x00\x09", "font file 'fonts/cut.ttf': not a TrueType or OpenType font careersite can read"),
    ("fonts/all.ttc", b"ttcf\x00\x02\x00\x00", "font file 'fonts/all.ttc': a font collection (.ttc)"),
    ("fonts/web.woff2", b"wOF2\x00\x01\x00\x00", "font file 'fonts/web.woff2': a web font (WOFF)"),
    ("../outside.ttf", b"", "'../outside.ttf' is not inside the site folder"),
    ("fonts", None, "'fonts' is a folder; give the path of a .ttf or .otf file in it"),
])
def test_a_card_font_that_is_missing_or_no_font_is_an_error_at_its_line(tmp_path, written, content, said):
    site = tmp_path / "site"
    (site / "fonts").mkdir(parents=True)
    if content is not None:
        (site / written).parent.mkdir(parents=True, exist_ok=True)
        (site / written).write_bytes(content)
    config, problems = load(site, FONT_CONFIG.replace("fonts/card.ttf", written))
    assert config is None
    [problem] = problems
    assert problem.startswith(f"careersite.toml:{THEME_LINE}: theme.card_fonts: {said}")
    assert "give" in problem or "copy the font" in problem  # the fix


def test_every_bad_card_font_is_reported_at_once(tmp_path):
    site_font(tmp_path)
    config, problems = load(tmp_path, FONT_CONFIG.replace('["fonts/card.ttf"]', '["fonts/a.otf", "fonts/card.ttf", "fonts/b.otf", 3]'))
    assert config is None and len(problems) == 1 and "3 is not the path of a font file" in problems[0]
    config, problems = load(tmp_path, FONT_CONFIG.replace('["fonts/card.ttf"]', '["fonts/a.otf", "fonts/card.ttf", "fonts/b.otf"]'))
    assert config is None and ["fonts/a.otf" in problems[0], "fonts/b.otf" in problems[1]] == [True, True]
    config, problems = load(tmp_path, FONT_CONFIG.replace('["fonts/card.ttf"]', '"fonts/card.ttf"'))
    assert config is None and problems == [f"careersite.toml:{THEME_LINE}: theme.card_fonts: 'fonts/card.ttf' is not "
                                           'a list of font files such as ["fonts/NotoSansJP-Regular.otf"]']


def card_names(out: Path) -> list[str]:
    return sorted(p.relative_to(out).as_posix() for p in out.glob("jobs/*/share.*.png"))


def test_a_new_font_draws_new_cards_and_a_rebuild_equals_a_cold_build(tmp_path):
    site = write_site(tmp_path / "site", {"tokyo.md": posting_text(**basic_fields(title="東京 Ж Engineer"))},
                      config=FONT_CONFIG.replace("Test Careers", "東京 Careers"))
    site_font(site)
    age(site)  # so the up-to-date stamp is trusted: the font must be among what it checks
    build_site(site)
    out = site / "output"
    before, site_image = card_names(out), sorted(out.glob("assets/share.*.png"))
    with Image.open(out / before[0]) as drawn:
        assert drawn.tobytes() != card(UNDRAWN_TITLE).tobytes()

    site_font(site, {**GLYPHS, "東": "triangle"})  # the same name, other bytes
    moment = filesystem_now_ns(site) / 1e9 - 30
    os.utime(site / "fonts" / "card.ttf", (moment, moment))  # old enough to trust; nothing else touched
    result = build_site(site)
    assert not result.up_to_date
    assert card_names(out) != before and sorted(out.glob("assets/share.*.png")) != site_image
    assert tree(out) == cold(site, tmp_path)
