"""Share cards: a posting's 1200x630 PNG (share_card.py), its og/twitter tags and the posting page's
share links, as built; read back with Pillow and lxml."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from lxml import html as lxml_html
from PIL import Image

from careersite import pages
from careersite.branding import DEFAULT_ACCENT, card_colours, contrast
from careersite.share_card import (CARD_SIZE, MARGIN, SHADES, TITLE_LINES, UNDRAWN_TITLE, CardStyle, CardText, drawable,
                                   fitted_lines, posting_card, site_card, TITLE_SIZES)

from conftest import CONFIG, basic_fields, build_site, posting_text, write_site

STYLE = CardStyle("#4f46e5", "#ffffff")
TITLE_120 = ("Senior Staff Software Engineer, Distributed Storage and Streaming Infrastructure "
             "for Payments and Risk (Remote EMEA), L7")
assert len(TITLE_120) == 120


def card(title: str = "Data Engineer", place: str = "Berlin, Germany", salary: str = "", company: str = "Test Co",
         style: CardStyle = STYLE) -> Image.Image:
    data = posting_card(CardText(title, company, place, salary, "jobs.test.example"), style)
    image = Image.open(io.BytesIO(data))
    image.load()
    return image


def drawn_box(image: Image.Image) -> tuple[int, int, int, int]:
    """Where anything is drawn: palette index 0 is the background (Image.getbbox of the indices)."""
    box = Image.frombytes("L", image.size, image.tobytes()).getbbox()
    assert box is not None
    return box


# ---------------------------------------------------------------- layout


def test_a_120_character_title_wraps_within_the_card_margins():
    image = card(TITLE_120, salary="EUR 90,000 - 120,000 per year")
    assert image.size == CARD_SIZE and image.format == "PNG"
    left, top, right, bottom = drawn_box(image)
    assert left >= MARGIN and top >= MARGIN
    assert right <= CARD_SIZE[0] - MARGIN
    assert bottom <= CARD_SIZE[1] - MARGIN // 2
    size, lines = fitted_lines(TITLE_120, TITLE_SIZES, CARD_SIZE[0] - 2 * MARGIN, TITLE_LINES)
    assert 1 < len(lines) <= TITLE_LINES
    assert " ".join(lines).replace("\u2026", "") in TITLE_120


def test_a_title_too_long_for_three_lines_ends_in_an_ellipsis_and_a_long_word_is_broken():
    title = "Engineer " + "Supercalifragilisticexpialidocious" * 6 + " " + TITLE_120 * 2
    _, lines = fitted_lines(title, TITLE_SIZES, CARD_SIZE[0] - 2 * MARGIN, TITLE_LINES)
    assert len(lines) == TITLE_LINES and lines[-1].endswith("\u2026")
    left, _, right, bottom = drawn_box(card(title))
    assert left >= MARGIN and right <= CARD_SIZE[0] - MARGIN and bottom <= CARD_SIZE[1] - MARGIN // 2


def test_a_short_title_is_drawn_large_on_one_line():
    size, lines = fitted_lines("Data Engineer", TITLE_SIZES, CARD_SIZE[0] - 2 * MARGIN, TITLE_LINES)
    assert lines == ["Data Engineer"] and size == TITLE_SIZES[0]


# ---------------------------------------------------------------- scripts the font lacks


@pytest.mark.parametrize("title", ["東京のソフトウェアエンジニア", "소프트웨어 엔지니어", "מהנדס תוכנה בכיר",
                                   "مهندس برمجيات أول", "Инженер-программист", "Backend Engineer (東京)"])
def test_a_title_the_font_cannot_draw_gives_the_fallback_not_missing_glyph_boxes(title):
    assert drawable(title) is None
    assert card(title).tobytes() == card(UNDRAWN_TITLE).tobytes()  # pixel for pixel the generic headline


def test_a_place_the_font_cannot_draw_is_left_out_and_the_rest_stays():
    assert card(place="東京, Japan").tobytes() == card(place="").tobytes()
    assert card(place="東京, Japan", salary="JPY 8,000,000 per year").tobytes() != card(place="").tobytes()


def test_accented_latin_is_drawn_without_its_accents_and_dashes_simplified():
    assert drawable("Zürich – São Paulo") == "Zurich - Sao Paulo"
    assert card(place="Zürich, Switzerland").tobytes() == card(place="Zurich, Switzerland").tobytes()
    assert drawable("Łódź") is None  # no decomposition to plain letters: left out, not guessed


# ---------------------------------------------------------------- bytes and colours


def test_a_card_has_identical_bytes_in_two_fresh_processes():
    script = ("import sys; from careersite.share_card import *; "
              "sys.stdout.buffer.write(posting_card(CardText(sys.argv[1], 'Test Co', 'Berlin, Germany', "
              "'EUR 1 per year', 'jobs.test.example'), CardStyle('#4f46e5', '#ffffff')))")
    runs = [subprocess.run([sys.executable, "-c", script, TITLE_120], capture_output=True, check=True).stdout for _ in range(2)]
    assert runs[0] == runs[1]
    assert runs[0] == posting_card(CardText(TITLE_120, "Test Co", "Berlin, Germany", "EUR 1 per year", "jobs.test.example"), STYLE)


@pytest.mark.parametrize("accent", [DEFAULT_ACCENT, "#f5b400", "#777777", "#22c55e", "#ffffff", "#000000"])
def test_card_text_reaches_aa_contrast_on_its_background(accent):
    image = card(style=CardStyle(*card_colours(accent)))
    palette = image.getpalette()
    background, ink = ("#%02x%02x%02x" % tuple(palette[3 * i:3 * i + 3]) for i in (0, SHADES - 1))  # first and last shade
    assert contrast(background, ink) >= 4.5
    assert image.getpixel((0, 0)) == 0


def test_the_site_card_is_drawn_with_the_same_code():
    image = Image.open(io.BytesIO(site_card("Acme Careers", "Acme Corp", "careers.acme.example", STYLE)))
    assert image.size == CARD_SIZE and image.mode == "P"
    left, _, right, _ = drawn_box(image)
    assert left >= MARGIN and right <= CARD_SIZE[0] - MARGIN


def test_a_raster_logo_keeps_its_colours_on_the_card():
    logo = io.BytesIO()
    Image.new("RGB", (300, 100), "#e11d48").save(logo, "PNG")
    image = card(style=CardStyle("#4f46e5", "#ffffff", logo.getvalue())).convert("RGB")
    assert image.getpixel((MARGIN + 52, MARGIN + 52)) == (0xe1, 0x1d, 0x48)


# ---------------------------------------------------------------- in the built site


def meta(page: Path) -> dict[str, str]:
    tree = lxml_html.fromstring(page.read_bytes())
    return {el.get("property") or el.get("name"): el.get("content") for el in tree.xpath("//meta[@property or @name]")}


def card_files(out: Path) -> dict[str, int]:
    return {p.relative_to(out).as_posix(): p.stat().st_mtime_ns for p in sorted(out.glob("jobs/*/share.*.png"))}


KEEP = CONFIG + '[expired]\npolicy = "keep"\n'


def test_each_open_posting_gets_its_card_and_closed_roles_and_drafts_the_site_card(tmp_path):
    site = write_site(tmp_path, {
        "open.md": posting_text(**basic_fields(salary="{min: 90000, max: 120000, currency: EUR, unit: year}")),
        "old.md": posting_text(**basic_fields(id="ENG-9", title="Old Role", date_posted="2026-08-01", valid_through="2026-10-31")),
        "wip.md": posting_text(**basic_fields(id="ENG-3", title="Draft Role", draft="true")),
    }, config=KEEP)
    build_site(site, drafts=True)
    out = site / "output"
    [card_path] = card_files(out)
    assert card_path.startswith("jobs/open/share.")
    tags = meta(out / "jobs" / "open" / "index.html")
    assert tags["og:image"] == tags["twitter:image"] == "https://jobs.test.example/" + card_path
    assert (tags["og:image:width"], tags["og:image:height"], tags["twitter:card"]) == ("1200", "630", "summary_large_image")
    assert tags["og:image:alt"] == tags["twitter:image:alt"]
    assert tags["og:image:alt"].startswith("Data Engineer at Test Co: Berlin")
    assert "90,000" in tags["og:image:alt"]
    with Image.open(out / card_path) as image:
        assert image.size == (1200, 630)
    site_card_url = meta(out / "index.html")["og:image"]
    for other in ("old", "wip"):
        assert meta(out / "jobs" / other / "index.html")["og:image"] == site_card_url


def test_an_edit_redraws_only_the_card_of_the_posting_whose_card_changed(tmp_path, monkeypatch):
    names = [f"role-{n}.md" for n in range(4)]
    site = write_site(tmp_path, {name: posting_text(**basic_fields(id=f"ENG-{n}", title=f"Role {n}")) for n, name in enumerate(names)})
    drawn: list[str] = []
    draw = pages.draw_posting_card
    monkeypatch.setattr(pages, "draw_posting_card", lambda posting, *args: drawn.append(posting.slug) or draw(posting, *args))
    build_site(site)
    before = card_files(site / "output")
    assert len(before) == 4 and sorted(drawn) == ["role-0", "role-1", "role-2", "role-3"]

    drawn.clear()
    (site / "content" / "jobs" / "role-1.md").write_text(posting_text(**basic_fields(id="ENG-1", title="Role 1, renamed")))
    (site / "content" / "jobs" / "role-2.md").write_text(posting_text("A new description only.\n", **basic_fields(id="ENG-2", title="Role 2")))
    build_site(site)
    after = card_files(site / "output")
    assert drawn == ["role-1"]  # role-2's body changed, not what its card shows
    assert {k: v for k, v in after.items() if k in before} == {k: v for k, v in before.items() if not k.startswith("jobs/role-1/")}
    [new] = set(after) - set(before)
    assert new.startswith("jobs/role-1/share.")
    assert meta(site / "output" / "jobs" / "role-1" / "index.html")["og:image"].endswith(new)


def test_share_links_work_without_javascript_and_without_inline_script_or_style(tmp_path):
    site = write_site(tmp_path, {"open.md": posting_text(**basic_fields())})
    build_site(site)
    page = site / "output" / "jobs" / "open" / "index.html"
    tree = lxml_html.fromstring(page.read_bytes())
    canonical = tree.xpath("//link[@rel='canonical']/@href")[0]
    [field] = tree.xpath("//input[@data-share-url]")
    assert field.get("value") == canonical and field.get("readonly") is not None
    assert tree.xpath(f"//label[@for='{field.get('id')}']")
    [button] = tree.xpath("//button[@data-copy-link]")
    assert button.get("hidden") is not None  # shown by the theme's script only where it can copy
    linkedin, mail = tree.xpath("//ul[@class='share-links']//a/@href")
    assert urlsplit(linkedin).netloc == "www.linkedin.com" and parse_qs(urlsplit(linkedin).query)["url"] == [canonical]
    assert urlsplit(mail).scheme == "mailto" and parse_qs(urlsplit(mail).query)["body"] == [canonical]
    assert all(s.get("src") or s.get("type") == "application/ld+json" for s in tree.xpath("//script"))
    assert not tree.xpath("//*[@style] | //style | //*[@onclick]")


def test_closed_roles_have_no_share_links(tmp_path):
    site = write_site(tmp_path, {"old.md": posting_text(**basic_fields(date_posted="2026-08-01", valid_through="2026-10-31"))}, config=KEEP)
    build_site(site)
    tree = lxml_html.fromstring((site / "output" / "jobs" / "old" / "index.html").read_bytes())
    assert not tree.xpath("//*[@data-share-url] | //*[contains(@class, 'share-links')]")
