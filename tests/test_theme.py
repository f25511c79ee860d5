"""The default theme without a browser: page weight, no inline code or styles (the CSP holds), only
same-origin assets, contrast of the palette and of any [theme] accent, the listing's filter data,
breadcrumbs, sharing metadata and branding files."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

import extruct
import pytest
from lxml import html as lxml_html

from careersite.branding import (DARK_BACKGROUNDS, LIGHT_BACKGROUNDS, contrast, favicon, image_size, theme_css)
from careersite.config import ThemeOptions
from careersite.jsonld import breadcrumb_list
from careersite.theme import BUILTIN_THEMES

from conftest import CONFIG, REPO, basic_fields, build_site, posting_text, write_site

BASE = "https://careers.acme.example"
BUDGET = 60 * 1024  # HTML + CSS + JS of a posting page, before compression
STYLE = BUILTIN_THEMES / "default" / "static" / "style.css"


def parse(page: Path):
    return lxml_html.fromstring(page.read_bytes())


def local_file(out: Path, url: str) -> Path:
    path = urlsplit(url).path
    assert path.startswith("/"), url
    return out / path.lstrip("/")


def weight(out: Path, page: Path) -> tuple[int, dict[str, int]]:
    """Bytes of a page and of every stylesheet and script it loads (Pagefind's lazy files excepted)."""
    doc = parse(page)
    parts = {page.relative_to(out).as_posix(): page.stat().st_size}
    for href in doc.xpath("//link[contains(concat(' ', @rel, ' '), ' stylesheet ')]/@href | //script/@src"):
        parts[href] = local_file(out, href).stat().st_size
    return sum(parts.values()), parts


def pages(out: Path) -> list[Path]:
    return sorted(out.rglob("*.html"))


# ---------------------------------------------------------------- weight, inline code, origins


def test_every_posting_page_weighs_under_60_kb_with_its_css_and_js(built_example):
    postings = sorted(built_example.glob("jobs/*/index.html"))
    assert postings
    for page in postings:
        total, parts = weight(built_example, page)
        assert total < BUDGET, f"{page}: {total} bytes: {parts}"
        assert any(p.endswith(".css") for p in parts)
    heaviest = max(weight(built_example, p)[0] for p in postings)
    listing = weight(built_example, built_example / "index.html")[0]
    assert listing < BUDGET
    print(f"heaviest posting page: {heaviest / 1024:.1f} KB; listing: {listing / 1024:.1f} KB")


def test_no_inline_styles_scripts_or_event_handlers(built_example):
    for page in pages(built_example):
        doc = parse(page)
        assert not doc.xpath("//style"), page
        assert not doc.xpath("//@style"), page
        handlers = [a for el in doc.iter() if isinstance(el.tag, str) for a in el.attrib if a.lower().startswith("on")]
        assert not handlers, (page, handlers)
        for script in doc.xpath("//script"):
            if script.get("src"):
                assert not (script.text or "").strip(), page
            else:
                assert script.get("type") == "application/ld+json", page
        assert not re.search(r"""(?:href|src)\s*=\s*["']\s*javascript:""", page.read_text(encoding="utf-8"), re.I), page


def test_every_page_loads_only_same_origin_assets(built_example):
    for page in pages(built_example):
        doc = parse(page)
        loaded = doc.xpath("//script/@src | //img/@src | //img/@srcset | //source/@srcset | //iframe/@src | "
                           "//video/@src | //audio/@src | //object/@data | //embed/@src")
        for link in doc.xpath("//link[@href]"):
            rels = set(link.get("rel", "").lower().split())
            if rels & {"stylesheet", "icon", "preload", "modulepreload", "prefetch", "manifest", "apple-touch-icon"}:
                loaded.append(link.get("href"))
        assert loaded, page
        for url in loaded:
            parts = urlsplit(url)
            assert not parts.scheme and not parts.netloc and url.startswith("/"), f"{page}: {url}"
            assert local_file(built_example, url).is_file(), f"{page}: {url}"


def test_css_and_js_are_fingerprinted_and_the_listing_script_deferred(built_example):
    doc = parse(built_example / "index.html")
    scripts = doc.xpath("//script[@src]")
    assert len(scripts) == 1
    assert re.fullmatch(r"/assets/listing\.[0-9a-f]{10}\.js", scripts[0].get("src"))
    assert scripts[0].get("defer") is not None and scripts[0].getparent().tag == "head"
    for href in doc.xpath("//link[@rel='stylesheet']/@href"):
        assert re.fullmatch(r"/assets/[a-z]+\.[0-9a-f]{10}\.css", href)
    # a posting page loads only its small deferred script, for its "Copy link" button (its share links work without)
    posting_scripts = parse(built_example / "jobs" / "senior-backend-engineer" / "index.html").xpath("//script[@src]")
    assert [s.get("defer") is not None for s in posting_scripts] == [True]
    assert re.fullmatch(r"/assets/share\.[0-9a-f]{10}\.js", posting_scripts[0].get("src"))
    assert (built_example / posting_scripts[0].get("src").lstrip("/")).stat().st_size < 2048
    css = (built_example / doc.xpath("//link[@rel='stylesheet']/@href")[0].lstrip("/")).read_text()
    assert "@font-face" not in css and "@import" not in css and "url(http" not in css


def test_no_web_fonts_and_images_have_their_size(built_example):
    for page in pages(built_example):
        for img in parse(page).xpath("//img"):
            assert img.get("width") and img.get("height"), page
            assert img.get("alt") is not None, page


# ---------------------------------------------------------------- listing


def test_listing_rows_carry_the_filter_data(built_example):
    doc = parse(built_example / "index.html")
    rows = doc.xpath("//li[@data-job]")
    assert len(rows) == len(list(built_example.glob("jobs/*/index.html")))
    options = {name: set(doc.xpath(f"//select[@name='{name}']/option/@value")) - {""}
               for name in ("department", "location", "workplace", "type")}
    assert all(options.values())
    for row in rows:
        assert row.get("data-department") in options["department"] | {""}
        assert set(row.get("data-locations").split()) <= options["location"]
        assert row.get("data-workplace") in options["workplace"]
        assert set(row.get("data-types").split()) <= options["type"]
    backend = next(r for r in rows if r.xpath(".//a/@href")[0] == "/jobs/senior-backend-engineer/")
    assert backend.get("data-department") == "engineering"
    assert backend.get("data-locations").split() == ["san-francisco-ca-us", "remote"]
    assert {"remote", "hybrid", "onsite"} == options["workplace"]
    # each filter control is labelled, and the department and location pages stay linked for no-JS
    for control in doc.xpath("//form[@data-filters]//select | //form[@data-filters]//input"):
        assert doc.xpath(f"//label[@for='{control.get('id')}']"), control.get("name")
    hrefs = set(doc.xpath("//a/@href"))
    assert {f"/departments/{d}/" for d in options["department"]} <= hrefs
    assert {f"/locations/{loc}/" for loc in options["location"]} <= hrefs
    noscript = doc.xpath("//noscript/link[@rel='stylesheet']/@href")
    assert len(noscript) == 1 and "filters" in local_file(built_example, noscript[0]).read_text()


def test_listing_without_open_roles_says_so(tmp_path):
    site = write_site(tmp_path, {"old.md": posting_text(**basic_fields(date_posted="2026-01-01", valid_through="2026-02-01"))})
    build_site(site)
    text = (site / "output" / "index.html").read_text()
    assert "No open roles right now" in text and "data-filters" not in text and "listing." not in text
    assert not (site / "output" / "pagefind").exists()


# ---------------------------------------------------------------- posting page


def test_posting_page_facts_breadcrumbs_and_sharing(built_example):
    page = built_example / "jobs" / "senior-backend-engineer" / "index.html"
    doc = parse(page)
    assert [h.text_content().strip() for h in doc.xpath("//h1")] == ["Senior Software Engineer, Backend"]
    facts = {dt.text_content().strip(): dd.text_content().strip() for dt, dd in
             zip(doc.xpath("//dl[@class='facts']//dt"), doc.xpath("//dl[@class='facts']//dd"))}
    assert facts["Salary"] == "$160,000 – $240,000 per year"
    assert facts["Department"] == "Engineering · Infrastructure"
    assert facts["Workplace"] == "Remote" and facts["Employment type"] == "Full-time"
    assert facts["Posted"] == "November 20, 2026" and facts["Apply by"] == "January 31, 2027"
    assert "San Francisco" in facts["Locations"] and "Remote (United States)" in facts["Locations"]
    apply = doc.xpath("//a[normalize-space()='Apply for this job']/@href")
    assert apply and set(apply) == {"https://acme.example/apply?job=ENG-1042"}
    assert doc.xpath("//p[@class='eeo']")
    assert doc.xpath("//h2[starts-with(normalize-space(), 'More roles in Engineering')]")
    crumbs = [a.text_content() for a in doc.xpath("//nav[@aria-label='Breadcrumb']//a")]
    assert crumbs == ["All jobs", "Engineering", "Senior Software Engineer, Backend"]

    items = extruct.extract(page.read_text(encoding="utf-8"), syntaxes=["json-ld"], uniform=False)["json-ld"]
    assert [i["@type"] for i in items] == ["JobPosting", "BreadcrumbList"]
    trail = items[1]["itemListElement"]
    assert [(i["position"], i["name"], i["item"]) for i in trail] == [
        (1, "All jobs", f"{BASE}/"), (2, "Engineering", f"{BASE}/departments/engineering/"),
        (3, "Senior Software Engineer, Backend", f"{BASE}/jobs/senior-backend-engineer/")]

    meta = {m.get("property") or m.get("name"): m.get("content") for m in doc.xpath("//meta")}
    assert meta["og:type"] == "article" and meta["og:url"] == f"{BASE}/jobs/senior-backend-engineer/"
    assert meta["twitter:card"] == "summary_large_image"
    # an open posting's own share card (tests/test_share_card.py)
    assert meta["og:image"] == meta["twitter:image"] and meta["og:image"].startswith(f"{BASE}/jobs/senior-backend-engineer/share.")
    image = local_file(built_example, meta["og:image"]).read_bytes()
    assert image_size(image) == (1200, 630) == (int(meta["og:image:width"]), int(meta["og:image:height"]))


def test_listing_pages_have_breadcrumbs_but_never_a_job_posting(built_example):
    for page in [*built_example.glob("departments/*/index.html"), *built_example.glob("locations/*/index.html")]:
        items = extruct.extract(page.read_text(encoding="utf-8"), syntaxes=["json-ld"], uniform=False)["json-ld"]
        assert [i["@type"] for i in items] == ["BreadcrumbList"], page
    items = extruct.extract((built_example / "index.html").read_text(encoding="utf-8"), syntaxes=["json-ld"], uniform=False)["json-ld"]
    assert not [i for i in items if i["@type"] == "JobPosting"]


def test_closed_posting_under_keep_says_so_and_points_to_open_roles(tmp_path):
    site = write_site(tmp_path, {"old.md": posting_text(**basic_fields(date_posted="2026-08-01", valid_through="2026-10-31")),
                                 "new.md": posting_text(**basic_fields(title="Analyst", id="ENG-2"))},
                      config=CONFIG + '[expired]\npolicy = "keep"\n')
    build_site(site)
    doc = parse(site / "output" / "jobs" / "old" / "index.html")
    notice = doc.xpath("//*[contains(@class, 'notice-closed')]")[0]
    assert "Applications for this role are closed" in notice.text_content()
    assert notice.xpath(".//a/@href") == ["/"]
    assert not doc.xpath("//a[normalize-space()='Apply for this job']")
    assert not doc.xpath("//script[@type='application/ld+json']")


def test_breadcrumb_list_json_ld():
    from careersite.config import Company, SiteConfig

    config = SiteConfig("T", "https://x.example", Company("X"))
    data = breadcrumb_list([("All jobs", "/"), ("Role", "/jobs/r/")], config)
    assert data["@type"] == "BreadcrumbList"
    assert data["itemListElement"][1] == {"@type": "ListItem", "position": 2, "name": "Role", "item": "https://x.example/jobs/r/"}


# ---------------------------------------------------------------- colours and branding


def custom_properties(css: str) -> dict[str, dict[str, str]]:
    """--name: value of the :root rules, for the light and the dark scheme."""
    light_part, _, dark_part = css.partition("@media (prefers-color-scheme: dark)")
    def props(text: str) -> dict[str, str]:
        block = re.search(r":root\s*\{(.*?)\}", text, re.S).group(1)
        return dict(re.findall(r"(--[\w-]+):\s*([^;]+);", block))
    return {"light": props(light_part), "dark": props(dark_part)}


def test_default_palette_meets_wcag_aa_in_both_schemes():
    palette = custom_properties(STYLE.read_text())
    for scheme, backgrounds in (("light", LIGHT_BACKGROUNDS), ("dark", DARK_BACKGROUNDS)):
        p = palette[scheme]
        assert (p["--bg"], p["--surface"]) == backgrounds, "branding.py's backgrounds must match style.css"
        for surface in ("--bg", "--surface", "--raised"):
            for text in ("--text", "--muted", "--link", "--salary"):
                assert contrast(p[text], p[surface]) >= 4.5, (scheme, text, surface)
            assert contrast(p["--control"], p[surface]) >= 3, (scheme, "--control", surface)
        assert contrast(p["--on-accent"], p["--accent"]) >= 4.5, scheme
        assert contrast(p["--notice-text"], p["--notice-bg"]) >= 4.5, scheme


@pytest.mark.parametrize("accent", ["#0a66c2", "#ffcc00", "#ffffff", "#000000", "#ff0000", "#00ff88", "#777777", "#1d4ed8", "#abc"])
def test_any_accent_is_adjusted_to_aa_contrast(accent):
    css = theme_css(ThemeOptions(accent=accent)).decode()
    light = dict(re.findall(r"(--[\w-]+):([^;]+);", css.split("@media")[0]))
    dark = dict(re.findall(r"(--[\w-]+):([^;]+);", css.split("@media")[1]))
    for props, backgrounds in ((light, LIGHT_BACKGROUNDS), (dark, DARK_BACKGROUNDS)):
        assert contrast(props["--on-accent"], props["--accent"]) >= 4.5
        for bg in backgrounds:
            assert contrast(props["--link"], bg) >= 4.5, (accent, props["--link"], bg)
    if accent != "#777777":  # a mid-tone fill is darkened for its text; other accents stay as given
        assert light["--accent"] == "#" + (accent[1:] if len(accent) == 7 else "".join(c * 2 for c in accent[1:]))


def test_theme_options_become_a_linked_stylesheet(tmp_path):
    config = CONFIG + '[theme]\nname = "default"\naccent = "#0a66c2"\naccent_dark = "#8ab4ff"\nfont = "Georgia, serif"\n'
    site = write_site(tmp_path, {"x.md": posting_text(**basic_fields())}, config=config)
    build_site(site)
    out = site / "output"
    for page in pages(out):
        hrefs = parse(page).xpath("//link[@rel='stylesheet'][not(ancestor::noscript)]/@href")
        assert len(hrefs) == 2 and re.fullmatch(r"/assets/theme\.[0-9a-f]{10}\.css", hrefs[1]), page
    css = local_file(out, hrefs[1]).read_text()
    assert "--accent:#0a66c2;" in css and "--font:Georgia, serif;" in css and "--accent:#8ab4ff;" in css
    assert "prefers-color-scheme:dark" in css
    # without [theme] settings there is no such file
    plain = write_site(tmp_path / "plain", {"x.md": posting_text(**basic_fields())})
    build_site(plain)
    assert len(parse(plain / "output" / "index.html").xpath("//link[@rel='stylesheet'][not(ancestor::noscript)]")) == 1
    assert theme_css(ThemeOptions()) == b""


def test_favicon_and_logo_size():
    icon = favicon("acme corp", "#0a66c2").decode()
    assert ">A</text>" in icon and 'fill="#0a66c2"' in icon
    assert image_size((REPO / "static" / "logo.svg").read_bytes()) == (160, 48)
    assert image_size(b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 16"></svg>') == (32, 16)
    assert image_size(b"not an image") is None


def test_header_logo_is_same_origin_with_its_size(built_example):
    img = parse(built_example / "index.html").xpath("//header//img")[0]
    assert img.get("src") == "/static/logo.svg"
    assert (img.get("width"), img.get("height")) == ("160", "48")


def test_site_can_override_a_template_and_keep_the_rest(tmp_path):
    site = write_site(tmp_path, {"x.md": posting_text(**basic_fields())})
    templates = site / "themes" / "default" / "templates"
    templates.mkdir(parents=True)
    (templates / "_macros.html").write_text(
        "{% macro job_list(postings, heading_level=3) %}<ol class='mine'>{% for p in postings %}"
        "<li data-job><a href='{{ p.url }}'>{{ p.title }}</a></li>{% endfor %}</ol>{% endmacro %}\n")
    build_site(site)
    text = (site / "output" / "index.html").read_text()
    assert "<ol class='mine'>" in text and "data-filters" in text
