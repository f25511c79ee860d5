"""Share cards: the 1200x630 PNG a link preview (LinkedIn, Slack, X) shows for a page. The site's card
(branding.py) and each open posting's card (title, company and logo, place, salary) are drawn here.

Text is drawn with the font Pillow bundles (ImageFont.load_default), with its basic layout, so the
bytes are the same on every machine whatever fonts or libraries it has. That font covers ASCII
only: accented Latin letters are drawn without their accents (Zürich -> Zurich), and a line holding
any other character the font lacks (Chinese, Japanese, Korean, Hebrew, Arabic, Cyrillic, ...) is
left out rather than drawn as empty boxes; a title left out is replaced by "Open role" (the image's
alt text and the page keep the real one).

Speed: a card is two colours (the accent and the text colour on it) and two shades between them
(antialiasing, enough at these sizes), so it is drawn as one grey mask and written as a 2-bit palette
PNG: about 2 ms and 7 KB a card (a full-colour one: 20 ms, 20 KB). Words are drawn once per worker
and pasted. A raster logo keeps its own colours in the palette's other entries (an 8-bit PNG then)."""

from __future__ import annotations

import io
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PIL import Image, ImageDraw, ImageFont

    from .posting import Posting

CARD_SIZE = (1200, 630)
MARGIN = 80
SHADES = 4  # palette entries from the background to the text colour (16 look the same and take 50% longer)
TITLE_SIZES = (72, 60, 50)  # the largest at which the title fits in TITLE_LINES, else the last with an ellipsis
TITLE_LINES = 3
UNDRAWN_TITLE = "Open role"
LOGO_BOX = 104
ELLIPSIS = "\u2026"

# punctuation the bundled font lacks, as the nearest it has
_PUNCTUATION = str.maketrans({"\u2013": "-", "\u2014": "-", "\u2212": "-", "\u00a0": " ", "\u202f": " ",
                              "\u2009": " ", "\u201c": '"', "\u201d": '"', "\u2018": "'", "\u00b4": "'"})


@dataclass(frozen=True)
class CardText:
    """What a posting's card says, one line of text each ('' for none)."""

    title: str
    company: str
    place: str
    salary: str
    host: str


@dataclass(frozen=True)
class CardStyle:
    """How a site's cards look: background (the accent), text colour on it (AA, see branding.text_on),
    and the company logo's bytes when it is a raster image Pillow reads (else the company's initial)."""

    background: str
    ink: str
    logo: bytes | None = None


@lru_cache(maxsize=16)
def font(size: int) -> "ImageFont.FreeTypeFont":
    """Pillow's bundled font at `size`, laid out without Raqm: the same bytes with or without it."""
    from PIL import ImageFont

    return ImageFont.load_default(size).font_variant(layout_engine=ImageFont.Layout.BASIC)


@lru_cache(maxsize=4096)
def _has_glyph(char: str) -> bool:
    """The bundled font draws `char` as itself, not as its missing-glyph box (.notdef)."""
    if char == " ":
        return True
    if unicodedata.category(char)[0] in "CZ":  # controls, format characters, other spaces
        return False
    probe = font(40)

    def drawn(c: str) -> tuple:
        mask = probe.getmask(c)
        return mask.size, bytes(mask)

    return drawn(char) != drawn("\U0010fffd")  # a private-use character no font of ours has


def drawable(text: str) -> str | None:
    """`text` as the bundled font can draw it (punctuation simplified, accents dropped), or None
    when it holds a character the font lacks."""
    folded = unicodedata.normalize("NFKD", text.translate(_PUNCTUATION))
    folded = "".join(c for c in folded if not unicodedata.combining(c))
    folded = " ".join(folded.split())
    return folded if all(_has_glyph(c) for c in folded) else None


OVERHANG = 4  # pixels a glyph may reach past its advance: text is measured by advance (fast), this kept free


def text_width(text: str, face: "ImageFont.FreeTypeFont") -> int:
    """How far `text` drawn at x=0 may reach: its advance and room for the last glyph's overhang."""
    return int(_advance(text, face.size) + 0.999) + OVERHANG if text else 0


def _advance(text: str, size: int) -> float:
    """The advance of `text` as Canvas.text draws it: word by word (see _word), a space between."""
    words = text.split(" ")
    return sum(_word_advance(word, size) for word in words) + (len(words) - 1) * _word_advance(" ", size)


@lru_cache(maxsize=8192)
def _word_advance(word: str, size: int) -> float:
    return font(size).getlength(word)


@lru_cache(maxsize=8192)
def _word(word: str, size: int) -> tuple["Image.Image", int, int] | None:
    """A word drawn once (a grey mask) and where it sits from its baseline origin: postings' cards
    repeat the same words (Engineer, Remote, per year), and FreeType drawing them is most of a
    card's cost."""
    from PIL import Image, ImageDraw

    face = font(size)
    left, top, right, bottom = face.getbbox(word, anchor="ls")
    if right <= left or bottom <= top:
        return None
    image = Image.new("L", (right - left, bottom - top), 0)
    ImageDraw.Draw(image).text((-left, -top), word, font=face, fill=255, anchor="ls")
    return image, left, top


def wrap(text: str, face: "ImageFont.FreeTypeFont", width: int, max_lines: int) -> tuple[list[str], bool]:
    """`text` in lines no wider than `width` (measured with `face`), broken between words, inside a
    word too long for a line; at most `max_lines`, the last ending in an ellipsis when text was cut.
    Also whether it all fit."""
    lines: list[str] = []
    line = ""
    for word in text.split():
        candidate = f"{line} {word}" if line else word
        if text_width(candidate, face) <= width:
            line = candidate
            continue
        if line:
            lines.append(line)
        while text_width(word, face) > width:  # a word wider than a line: break it where it must
            cut = max(1, max(i for i in range(1, len(word) + 1) if text_width(word[:i], face) <= width or i == 1))
            lines.append(word[:cut])
            word = word[cut:]
        line = word
    if line:
        lines.append(line)
    if len(lines) <= max_lines:
        return lines, True
    last = lines[max_lines - 1]
    while last and text_width(last.rstrip() + ELLIPSIS, face) > width:
        last = last[:-1]
    return lines[:max_lines - 1] + [last.rstrip() + ELLIPSIS], False


def fitted_lines(text: str, sizes: tuple[int, ...], width: int, max_lines: int) -> tuple["ImageFont.FreeTypeFont", list[str]]:
    """The largest of `sizes` at which `text` fits in `max_lines`, else the smallest, cut."""
    for size in sizes:
        lines, whole = wrap(text, font(size), width, max_lines)
        if whole:
            return font(size), lines
    return font(sizes[-1]), lines


class Canvas:
    """A card being drawn: a grey mask (0 the background, 255 the text colour) and, where a logo
    sits, palette entries of its own; written as a palette PNG."""

    def __init__(self, style: CardStyle) -> None:
        from PIL import Image, ImageDraw

        self.style = style
        self.mask = Image.new("L", CARD_SIZE, 0)
        self.draw: ImageDraw.ImageDraw = ImageDraw.Draw(self.mask)
        self.logo: tuple[tuple[int, int], "Image.Image", bytes] | None = None
        self.width = CARD_SIZE[0] - 2 * MARGIN

    def copy(self) -> "Canvas":
        """Another canvas holding what this one has drawn."""
        from PIL import ImageDraw

        other = Canvas.__new__(Canvas)
        other.style, other.logo, other.width = self.style, self.logo, self.width
        other.mask = self.mask.copy()
        other.draw = ImageDraw.Draw(other.mask)
        return other

    def text(self, xy: tuple[int, int], text: str, size: int, anchor: str = "ls") -> None:
        if anchor != "ls":
            self.draw.text(xy, text, font=font(size), fill=255, anchor=anchor)
            return
        x, y = xy
        space = _word_advance(" ", size)
        pen = float(x)
        for word in text.split(" "):  # from the words drawn before (see _word)
            drawn = _word(word, size) if word else None
            if drawn is not None:
                image, left, top = drawn
                self.mask.paste(255, (round(pen) + left, y + top), image)
            pen += _word_advance(word, size) + space

    def bar(self, xy: tuple[int, int], width: int, height: int) -> None:
        x, y = xy
        self.draw.rounded_rectangle((x, y, x + width, y + height), radius=height // 2, fill=255)

    def mark(self, xy: tuple[int, int], initial: str | None) -> None:
        """The logo at `xy` (LOGO_BOX square), or the company's initial in a rounded square."""
        tile = _logo_tile(self.style.logo, self.style.background) if self.style.logo else None
        if tile is not None:
            self.logo = (xy, *tile)
            return
        x, y = xy
        self.draw.rounded_rectangle((x, y, x + LOGO_BOX, y + LOGO_BOX), radius=22, fill=255)
        if initial:
            self.draw.text((x + LOGO_BOX // 2, y + LOGO_BOX // 2), initial, font=font(60), fill=0, anchor="mm")

    def png(self) -> bytes:
        ramp = _ramp(self.style.background, self.style.ink)
        indices = self.mask.point(_SHADE_OF)
        palette = ramp
        if self.logo is not None:
            xy, tile, tile_palette = self.logo
            indices.paste(tile, xy)
            palette = ramp + tile_palette
        indices.putpalette(palette)  # the mask's values become palette indices: a "P" image
        out = io.BytesIO()
        # Z_RLE: the runs of flat background compress as well as with the default strategy, twice as fast
        indices.save(out, format="PNG", compress_type=3, **({"bits": 2} if self.logo is None else {}))
        return out.getvalue()


_SHADE_OF = [round(v * (SHADES - 1) / 255) for v in range(256)]  # a mask's grey -> its palette shade


def _rgb(colour: str) -> tuple[int, int, int]:
    value = colour.lstrip("#")
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


@lru_cache(maxsize=8)
def _ramp(background: str, ink: str) -> bytes:
    (r0, g0, b0), (r1, g1, b1) = _rgb(background), _rgb(ink)
    return bytes(round(a + (b - a) * i / (SHADES - 1))
                 for i in range(SHADES) for a, b in ((r0, r1), (g0, g1), (b0, b1)))


@lru_cache(maxsize=4)
def _logo_tile(data: bytes, background: str) -> tuple["Image.Image", bytes] | None:
    """The logo fitted in LOGO_BOX on a white tile, as palette indices after the SHADES of the
    ramp (an "L" image) and those palette entries; None when Pillow cannot read it (an SVG)."""
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(io.BytesIO(data)) as opened:
            logo = opened.convert("RGBA")
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError):
        return None
    logo.thumbnail((LOGO_BOX - 16, LOGO_BOX - 16), Image.Resampling.LANCZOS)
    tile = Image.new("RGBA", (LOGO_BOX, LOGO_BOX), "#ffffff")
    tile.alpha_composite(logo, ((LOGO_BOX - logo.width) // 2, (LOGO_BOX - logo.height) // 2))
    quantized = tile.convert("RGB").quantize(256 - SHADES, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    used = len(quantized.getcolors(256) or ())
    palette = bytes(quantized.getpalette()[: 3 * max(used, 1)])
    shifted = bytes(min(255, i + SHADES) for i in range(256))  # its colours after the ramp's
    indices = Image.frombytes("L", tile.size, quantized.tobytes().translate(shifted))
    return indices, palette


def posting_card(text: CardText, style: CardStyle) -> bytes:
    """A posting's card: the logo and company at the top, the host on the right; the title (wrapped,
    at most three lines), then the place and the salary, each left out when it cannot be drawn."""
    canvas = _site_part(text.company, text.host, style).copy()
    title = drawable(text.title) or UNDRAWN_TITLE
    face, lines = fitted_lines(title, TITLE_SIZES, canvas.width, TITLE_LINES)
    step = round(face.size * 1.16)
    y = MARGIN + LOGO_BOX + 40 + face.size - step
    for line in lines:
        y += step
        canvas.text((MARGIN, y), line, face.size)
    y += 24  # below the title's descenders
    for detail in (text.place, text.salary):
        line = drawable(detail) if detail else None
        if line:
            detail_face, detail_lines = fitted_lines(line, (36, 30), canvas.width, 1)
            y += detail_face.size + 16
            canvas.text((MARGIN, y), detail_lines[0], detail_face.size)
    return canvas.png()


@lru_cache(maxsize=4)
def _site_part(company_name: str, host_name: str, style: CardStyle) -> Canvas:
    """What every posting card of a site shows (logo, company, host), drawn once per worker."""
    canvas = Canvas(style)
    company = drawable(company_name)
    canvas.mark((MARGIN, MARGIN), company[0].upper() if company and company[0].isalnum() else None)
    header_x = MARGIN + LOGO_BOX + 28
    host_width = 0
    if host_name and (host := drawable(host_name)):
        canvas.text((CARD_SIZE[0] - MARGIN, MARGIN + LOGO_BOX // 2), host, 28, anchor="rm")
        host_width = text_width(host, font(28)) + 32
    if company:
        face, lines = fitted_lines(company, (44, 36, 30), CARD_SIZE[0] - MARGIN - header_x - host_width, 1)
        canvas.text((header_x, MARGIN + LOGO_BOX // 2), lines[0], face.size, anchor="lm")
    return canvas


def site_card(title: str, company: str, host: str, style: CardStyle) -> bytes:
    """The site's own card (pages other than an open posting's): its title, the company, the host,
    each at the largest size that fits on one line; a line the font cannot draw is left out."""
    canvas = Canvas(style)
    canvas.bar((MARGIN, MARGIN), 96, 12)
    for text, sizes, y in ((title, (96, 80, 64, 48, 36), CARD_SIZE[1] // 2 - 40),
                           (company, (48, 40, 32), CARD_SIZE[1] // 2 + 50), (host, (36, 28), CARD_SIZE[1] - MARGIN)):
        line = drawable(text)
        if line:
            face, lines = fitted_lines(line, sizes, canvas.width, 1)
            canvas.text((MARGIN, y), lines[0], face.size)
    return canvas.png()


def card_text(posting: "Posting", company: str, host: str, language: str) -> CardText:
    """What a posting's card says, as a candidate reads it on the page (runs on a worker: Babel)."""
    from .formatting import locations_text, salary_text

    salary = ""
    if posting.salary is not None:
        salary = salary_text(posting.salary, language)
        if drawable(salary) is None:  # a currency sign the font lacks: the code instead
            salary = salary_text(posting.salary, "en").replace("\u00a0", " ")
            salary = _with_currency_code(salary, posting.salary.currency)
    return CardText(posting.title, company, locations_text(posting), salary, host)


def _with_currency_code(text: str, currency: str) -> str:
    """'€60,000 – €75,000 per year' -> 'EUR 60,000 – 75,000 per year'."""
    from babel.numbers import get_currency_symbol

    symbol = get_currency_symbol(currency, "en")
    return f"{currency} " + text.replace(symbol, "") if symbol != currency else text


def draw_posting_card(posting: "Posting", company: str, host: str, language: str, style: CardStyle) -> bytes:
    """A posting's card from the posting itself (on a worker; see render.ImageJob)."""
    return posting_card(card_text(posting, company, host, language), style)
