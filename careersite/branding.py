"""A site's branding as files the theme links to: its [theme] accent colours and font as a small
stylesheet of CSS custom properties (a file, so a strict Content-Security-Policy without inline styles
holds), with every colour adjusted to WCAG AA contrast in the light and the dark scheme; and the
default share image (Open Graph, Twitter) as a PNG."""

from __future__ import annotations

import re
import struct
from functools import lru_cache
from typing import TYPE_CHECKING

from .cache import BuildCache

from .fingerprint import digest
from .config import SiteConfig, ThemeOptions
from .render import Planned, as_is

if TYPE_CHECKING:
    from .share_card import CardStyle, Fonts

# The backgrounds of the default theme (themes/default/static/style.css) that accent text sits on:
# the page and the raised surfaces. Accent text must reach AA (4.5:1) on both, in each scheme.
LIGHT_BACKGROUNDS = ("#ffffff", "#f4f5f7")
DARK_BACKGROUNDS = ("#0f1218", "#181c24")
LIGHT_TEXT, DARK_TEXT = "#ffffff", "#0f1218"  # text on an accent-coloured button
TARGET = 4.6  # a little above 4.5, so rounding in a browser never drops below AA


def _rgb(colour: str) -> tuple[int, int, int]:
    value = colour.lstrip("#")
    if len(value) == 3:
        value = "".join(c * 2 for c in value)
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


def _hex(rgb: tuple[float, float, float]) -> str:
    return "#" + "".join(f"{max(0, min(255, round(c))):02x}" for c in rgb)


def luminance(colour: str) -> float:
    """WCAG 2 relative luminance."""
    def linear(c: int) -> float:
        s = c / 255
        return s / 12.92 if s <= 0.04045 else ((s + 0.055) / 1.055) ** 2.4
    r, g, b = (linear(c) for c in _rgb(colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    """WCAG 2 contrast ratio, 1 to 21."""
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def _mix(colour: str, toward: str, amount: float) -> str:
    a, b = _rgb(colour), _rgb(toward)
    return _hex(tuple(x + (y - x) * amount for x, y in zip(a, b)))


def readable_on(colour: str, backgrounds: tuple[str, ...], toward: str, target: float = TARGET) -> str:
    """`colour`, mixed toward black (light scheme) or white (dark scheme) just enough for text in it
    to reach AA contrast on every one of `backgrounds`."""
    colour = _hex(_rgb(colour))
    for step in range(0, 101):
        candidate = _mix(colour, toward, step / 100)
        if all(contrast(candidate, bg) >= target for bg in backgrounds):
            return candidate
    return toward


def text_on(colour: str) -> str:
    """White or near-black text on a button of `colour`, whichever contrasts more (always >= 4.5)."""
    return LIGHT_TEXT if contrast(LIGHT_TEXT, colour) >= contrast(DARK_TEXT, colour) else DARK_TEXT


def _scheme(accent: str, backgrounds: tuple[str, ...], toward: str) -> str:
    accent = _hex(_rgb(accent))
    link = readable_on(accent, backgrounds, toward)
    if contrast(text_on(accent), accent) < TARGET:  # a mid-tone: neither white nor black text reads on it
        accent = readable_on(accent, (LIGHT_TEXT,), "#000000")
    return f"--accent:{accent};--on-accent:{text_on(accent)};--link:{link};"


def theme_css(options: ThemeOptions) -> bytes:
    """The custom properties for [theme] accent, accent_dark and font; empty when none is set.
    --accent fills buttons (with --on-accent text on it), --link is the accent as readable text."""
    rules = []
    light = ""
    if options.accent:
        light += _scheme(options.accent, LIGHT_BACKGROUNDS, "#000000")
    if options.font:
        light += f"--font:{options.font};"
    if light:
        rules.append(f":root{{{light}}}")
    # without accent_dark, the accent lightened to a comfortable 6:1 on the dark backgrounds
    dark_source = options.accent_dark or (options.accent and readable_on(options.accent, DARK_BACKGROUNDS, "#ffffff", 6.0))
    if dark_source:
        rules.append(f"@media (prefers-color-scheme:dark){{:root{{{_scheme(dark_source, DARK_BACKGROUNDS, '#ffffff')}}}}}")
    return ("\n".join(rules) + "\n").encode("utf-8") if rules else b""


_SVG_ROOT = re.compile(rb"<svg\b[^>]*>", re.S)


def _svg_length(tag: bytes, name: bytes) -> float | None:
    match = re.search(rb"\s" + name + rb"\s*=\s*[\"']\s*([0-9.]+)\s*(?:px)?\s*[\"']", tag)
    return float(match.group(1)) if match else None


def image_size(data: bytes) -> tuple[int, int] | None:
    """(width, height) of a PNG, GIF or SVG (from width/height or viewBox), so the page reserves its
    space before it loads; None when it cannot be told."""
    if data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) >= 24:
        return struct.unpack(">II", data[16:24])
    if data[:6] in (b"GIF87a", b"GIF89a") and len(data) >= 10:
        return struct.unpack("<HH", data[6:10])
    match = _SVG_ROOT.search(data[:4096])
    if not match:
        return None
    tag = match.group(0)
    width, height = _svg_length(tag, b"width"), _svg_length(tag, b"height")
    if not (width and height):
        box = re.search(rb"viewBox\s*=\s*[\"']\s*[-0-9.]+[\s,]+[-0-9.]+[\s,]+([0-9.]+)[\s,]+([0-9.]+)", tag)
        if not box:
            return None
        width, height = float(box.group(1)), float(box.group(2))
    return (round(width), round(height)) if width >= 1 and height >= 1 else None


def fingerprinted(name: str, data: bytes) -> str:
    """assets/theme.3f2a9c1b0d.css, in the manner of the theme's own static assets."""
    stem, _, ext = name.rpartition(".")
    return f"assets/{stem}.{digest(data)[:10]}.{ext}"


@lru_cache(maxsize=8)
def share_image(title: str, company: str, host: str, accent: str, fonts: "Fonts" = ()) -> bytes:
    """The site's default Open Graph / Twitter card image: 1200x630 PNG with the site title and company
    on the accent colour (drawn as the postings' cards are, with the site's [theme] card_fonts: share_card.py)."""
    from .share_card import CardStyle, site_card

    return site_card(title, company, host, CardStyle(*card_colours(accent), fonts=fonts))


DEFAULT_ACCENT = "#4f46e5"  # the default theme's light-scheme accent (style.css)


def card_style(config: SiteConfig, logo: bytes | None) -> "CardStyle":
    """The postings' share cards' colours: the site's accent (or the theme's) with white or near-black
    text, whichever contrasts more (text_on: at least AA); the logo when it is a raster image; the
    site's fonts."""
    from .share_card import CardStyle

    return CardStyle(*card_colours(config.theme_options.accent or DEFAULT_ACCENT), logo, config.theme_options.card_fonts)


def card_colours(accent: str) -> tuple[str, str]:
    """(background, text colour) of a share card: the accent with white or near-black text, whichever
    contrasts more; a mid-tone on which neither reaches AA is darkened as the buttons are (_scheme)."""
    background = _hex(_rgb(accent))
    if contrast(text_on(background), background) < TARGET:
        background = readable_on(background, (LIGHT_TEXT,), "#000000")
    return background, text_on(background)


def favicon(company: str, accent: str) -> bytes:
    """A small SVG icon: the company's initial on the accent colour."""
    from html import escape

    accent = _hex(_rgb(accent))
    initial = escape(next((c for c in company if c.isalnum()), "·").upper())
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64">'
        f'<rect width="64" height="64" rx="14" fill="{accent}"/>'
        f'<text x="32" y="44" font-family="system-ui,sans-serif" font-size="36" font-weight="700" '
        f'text-anchor="middle" fill="{text_on(accent)}">{initial}</text></svg>\n'
    ).encode("utf-8")


def branding_files(config: SiteConfig) -> tuple[dict[str, bytes], dict[str, str]]:
    """(files to publish, site paths of the generated stylesheet ('' without [theme] settings), the
    share image and the icon)."""
    from urllib.parse import urlsplit

    accent = config.theme_options.accent or DEFAULT_ACCENT
    files: dict[str, bytes] = {}
    css = theme_css(config.theme_options)
    css_path = ""
    if css:
        css_path = fingerprinted("theme.css", css)
        files[css_path] = css
    png = share_image(config.title, config.company.name, urlsplit(config.base_url).netloc, accent, config.theme_options.card_fonts)
    png_path = fingerprinted("share.png", png)
    files[png_path] = png
    icon = favicon(config.company.name, accent)
    icon_path = fingerprinted("icon.svg", icon)
    files[icon_path] = icon
    return files, {"theme_css": "/" + css_path if css_path else "", "share_image": "/" + png_path, "icon": "/" + icon_path}


def plan_branding(config: SiteConfig, cache: BuildCache, code: str) -> tuple[list[Planned], dict[str, str]]:
    """The branding files (made again only when the config or careersite changed: the share image
    takes a while), and their site paths for the pages to link to (see branding_files)."""
    files, paths = cache.derive(digest("branding", code, repr(config)), lambda: branding_files(config))
    return [as_is(path, data) for path, data in files.items()], paths


def logo(config: SiteConfig, static_files: dict[str, bytes]) -> dict | None:
    """The company logo as the header shows it: a same-origin src, and its size when it can be read."""
    logo = config.company.logo
    if not logo:
        return None
    if "://" in logo:
        return {"src": logo, "width": None, "height": None}
    path = logo.lstrip("/")
    data = static_files.get(path)
    size = image_size(data) if data is not None else None
    # the share cards draw a PNG, GIF or JPEG logo (Pillow reads them; an SVG gives the company's initial)
    raster = data is not None and (data[:8] == b"\x89PNG\r\n\x1a\n" or data[:6] in (b"GIF87a", b"GIF89a") or data[:3] == b"\xff\xd8\xff")
    return {"src": "/" + path, "width": size[0] if size else None, "height": size[1] if size else None,
            "card_image": data if raster else None}
