"""Share cards: the 1200x630 PNG a link preview (LinkedIn, Slack, X) shows for a page. The site's card
(branding.py) and each open posting's card (title, company and logo, place, salary) are drawn here.

Text is drawn with basic layout (no Raqm), so the bytes are the same on every machine whatever
fonts or libraries it has. Each character is drawn with the first of the site's own fonts ([theme]
card_fonts, CardFont) that has a glyph for it, else with the font Pillow bundles
(ImageFont.load_default, ASCII only): there accented Latin letters are drawn without their accents
(Zürich -> Zurich). A line holding a character no font has is left out rather than drawn as empty
boxes; a title left out is replaced by "Open role" (the image's alt text and the page keep the real
one). So are lines in scripts basic layout cannot draw right, whatever the fonts: right-to-left
ones (Arabic, Hebrew) and those whose marks need shaping (Devanagari, Thai).

Speed: a card is two colours (the accent and the text colour on it) and two shades between them
(antialiasing, enough at these sizes), so it is drawn as one grey mask and written as a 2-bit palette
PNG: about 2 ms and 7 KB a card (a full-colour one: 20 ms, 20 KB). Words are drawn once per worker
and pasted; a site's font is read once per worker and opened once per size. A raster logo keeps
its own colours in the palette's other entries (an 8-bit PNG then)."""

from __future__ import annotations

import io
import struct
import sys
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from .fingerprint import digest

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
class CardFont:
    """A font file a site gives for its cards ([theme] card_fonts): its path as written (from the
    site folder) and its bytes' hash: all a card's key needs of it (they are in the config's repr),
    so a new font draws new cards under new names. `file`: where it is on this machine."""

    path: str
    digest: str
    file: str = field(default="", compare=False, repr=False)


Fonts = tuple[CardFont, ...]
BUNDLED = CardFont("", "")  # stands for Pillow's bundled font in a run of text


@dataclass(frozen=True)
class CardStyle:
    """How a site's cards look: background (the accent), text colour on it (AA, see branding.text_on),
    the company logo's bytes when it is a raster image Pillow reads (else the company's initial),
    and the site's fonts, tried before the bundled one."""

    background: str
    ink: str
    logo: bytes | None = None
    fonts: Fonts = ()


def read_card_font(site: Path, path: str) -> CardFont | str:
    """The font at `path` (from the site folder) as a CardFont, or what is wrong with it: it must be
    in the site (a build depends on nothing outside it) and be one TrueType or OpenType font with a
    Unicode character map, which FreeType opens."""
    example = "e.g. \"fonts/NotoSansJP-Regular.otf\""
    root = site.resolve()
    file = (site / path).resolve()
    if Path(path).is_absolute() or root not in file.parents:
        return f"{path!r} is not inside the site folder; copy the font into it and give its path from there, {example}"
    try:
        data = file.read_bytes()
    except FileNotFoundError:
        return f"font file {path!r} not found; give the path of a .ttf or .otf file from the site folder, {example}"
    except IsADirectoryError:
        return f"{path!r} is a folder; give the path of a .ttf or .otf file in it, {example}"
    except OSError as err:
        return f"font file {path!r} cannot be read ({err.strerror}); check its permissions"
    problem = _font_problem(data)
    if problem is None:
        from PIL import ImageFont

        try:
            ImageFont.truetype(io.BytesIO(data), 20, layout_engine=ImageFont.Layout.BASIC)
        except OSError as err:
            problem = f"FreeType cannot open it ({err})"
    if problem is not None:
        return f"font file {path!r}: {problem}; give a .ttf or .otf file, {example}"
    return CardFont(path, digest(data), str(file))


def _font_problem(data: bytes) -> str | None:
    """What keeps `data` from being a font the cards can use (see _character_map), or None."""
    if data[:4] == b"ttcf":
        return "a font collection (.ttc) holds several fonts and careersite would have to guess which: give one of them"
    if data[:4] in (b"wOFF", b"wOF2"):
        return "a web font (WOFF) is compressed: give the font it was made from"
    if data[:4] not in _SFNT_VERSIONS:
        return "not a TrueType or OpenType font"
    try:
        covered = _character_map(data)
    except (struct.error, ValueError):
        return "not a TrueType or OpenType font careersite can read (its tables are cut short)"
    return None if covered else "it has no Unicode character map (format 4 or 12) careersite reads"


_SFNT_VERSIONS = (b"\x00\x01\x00\x00", b"OTTO", b"true")


def _character_map(data: bytes) -> frozenset[int]:
    """The characters a font has a glyph for, from its cmap table: the Unicode subtable FreeType
    picks (full repertoire, format 12, before the Basic Multilingual Plane's, format 4). Read here
    rather than by asking FreeType glyph by glyph, which Pillow cannot: exact, and once per font."""
    tables = {data[12 + 16 * i: 16 + 16 * i]: struct.unpack_from(">I", data, 20 + 16 * i)[0]
              for i in range(struct.unpack_from(">H", data, 4)[0])}
    if b"cmap" not in tables:
        return frozenset()
    cmap = tables[b"cmap"]
    subtables = {}
    for i in range(struct.unpack_from(">H", data, cmap + 2)[0]):
        platform, encoding, offset = struct.unpack_from(">HHI", data, cmap + 4 + 8 * i)
        if platform == 0 or (platform == 3 and encoding in (1, 10)):
            subtables.setdefault(struct.unpack_from(">H", data, cmap + offset)[0], cmap + offset)
    if 12 in subtables:
        at = subtables[12]
        groups = struct.unpack_from(">I", data, at + 12)[0]
        covered = set()
        for start, end, glyph in struct.iter_unpack(">III", data[at + 16: at + 16 + 12 * groups]):
            covered.update(range(start + (glyph == 0), min(end, sys.maxunicode) + 1))  # glyph 0 is .notdef: missing
        return frozenset(covered)
    if 4 in subtables:
        return frozenset(_format4(data, subtables[4]))
    return frozenset()


def _format4(data: bytes, at: int) -> set[int]:
    """The characters of a format 4 cmap subtable (segments of the BMP) mapped to a glyph other than 0."""
    count = struct.unpack_from(">H", data, at + 6)[0] // 2
    ends = struct.unpack_from(f">{count}H", data, at + 14)
    starts = struct.unpack_from(f">{count}H", data, at + 16 + 2 * count)
    deltas = struct.unpack_from(f">{count}h", data, at + 16 + 4 * count)
    offsets_at = at + 16 + 6 * count
    offsets = struct.unpack_from(f">{count}H", data, offsets_at)
    covered = set()
    for i, (start, end, delta, offset) in enumerate(zip(starts, ends, deltas, offsets)):
        for char in range(start, min(end, 0xFFFE) + 1):
            if offset == 0:
                glyph = (char + delta) & 0xFFFF
            else:
                glyph = struct.unpack_from(">H", data, offsets_at + 2 * i + offset + 2 * (char - start))[0]
                glyph = (glyph + delta) & 0xFFFF if glyph else 0
            if glyph:
                covered.add(char)
    return covered


@lru_cache(maxsize=8)
def _coverage(card_font: CardFont) -> frozenset[int]:
    """The characters a site's font has, read once per process; the file must still be what the
    config read (its hash is in the cards' keys), else the build stops rather than draw cards
    that do not match their names."""
    from .problems import ContentError, Problem

    data = Path(card_font.file).read_bytes()
    if digest(data) != card_font.digest:
        raise ContentError([Problem(card_font.path, 0, "", "the font file changed while the site was being built; build again")])
    return _character_map(data)


@lru_cache(maxsize=64)
def _site_face(card_font: CardFont, size: int) -> "ImageFont.FreeTypeFont":
    """A site's font at `size`, opened from its file (FreeType reads what it needs: a CJK font's
    megabytes are not copied once per size), checked first by _coverage."""
    from PIL import ImageFont

    _coverage(card_font)
    return ImageFont.truetype(card_font.file, size, layout_engine=ImageFont.Layout.BASIC)


@lru_cache(maxsize=16)
def font(size: int) -> "ImageFont.FreeTypeFont":
    """Pillow's bundled font at `size`, laid out without Raqm: the same bytes with or without it."""
    from PIL import ImageFont

    return ImageFont.load_default(size).font_variant(layout_engine=ImageFont.Layout.BASIC)


def face(card_font: CardFont, size: int) -> "ImageFont.FreeTypeFont":
    return font(size) if card_font == BUNDLED else _site_face(card_font, size)


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


_NEEDS_SHAPING = ("R", "AL")  # right-to-left (Hebrew; Arabic, which also joins): basic layout draws them wrong


@lru_cache(maxsize=8192)
def _site_font_of(char: str, fonts: Fonts) -> CardFont | None:
    """The first of the site's fonts with a glyph for `char`; None when none has it or when basic
    layout cannot place it (right to left, or a mark that shaping would position on its letter)."""
    if not fonts or char == " " or unicodedata.bidirectional(char) in _NEEDS_SHAPING or unicodedata.category(char)[0] in "MCZ":
        return None
    return next((f for f in fonts if ord(char) in _coverage(f)), None)


def font_of(char: str, fonts: Fonts) -> CardFont:
    """The font a drawable character (see drawable) is drawn with."""
    return _site_font_of(char, fonts) or BUNDLED


@lru_cache(maxsize=8192)
def _drawn_as(char: str, fonts: Fonts) -> str | None:
    """What the card draws for `char`: itself when a site font has it, else as the bundled font can
    (punctuation simplified, accents dropped, checked piece by piece against the site's fonts too);
    None when some piece has no glyph in any font."""
    if char.isspace():
        return " "
    if _site_font_of(char, fonts):
        return char
    folded = unicodedata.normalize("NFKD", char.translate(_PUNCTUATION))
    folded = "".join(c for c in folded if not unicodedata.combining(c))
    return folded if all(_has_glyph(c) or _site_font_of(c, fonts) for c in folded) else None


def drawable(text: str, fonts: Fonts = ()) -> str | None:
    """`text` as the card can draw it with the site's `fonts` and the bundled font (see _drawn_as),
    or None when it holds a character none of them draws."""
    pieces = []
    for char in unicodedata.normalize("NFC", text):  # composed: a site's font may have "ü", not "u" and "¨"
        drawn = _drawn_as(char, fonts)
        if drawn is None:
            return None
        pieces.append(drawn)
    return " ".join("".join(pieces).split())


OVERHANG = 4  # pixels a glyph may reach past its advance: text is measured by advance (fast), this kept free


def text_width(text: str, size: int, fonts: Fonts = ()) -> int:
    """How far `text` drawn at x=0 may reach: its advance and room for the last glyph's overhang."""
    return int(_advance(text, size, fonts) + 0.999) + OVERHANG if text else 0


def _advance(text: str, size: int, fonts: Fonts = ()) -> float:
    """The advance of `text` as Canvas.text draws it: word by word (see _word), a space between."""
    words = text.split(" ")
    return sum(_word_advance(word, size, fonts) for word in words) + (len(words) - 1) * _word_advance(" ", size, fonts)


def _runs(word: str, fonts: Fonts) -> list[tuple[CardFont, str]]:
    """`word` cut where its font changes: (font, characters) in order."""
    runs: list[tuple[CardFont, str]] = []
    for char in word:
        which = font_of(char, fonts)
        if runs and runs[-1][0] == which:
            runs[-1] = (which, runs[-1][1] + char)
        else:
            runs.append((which, char))
    return runs


@lru_cache(maxsize=8192)
def _word_advance(word: str, size: int, fonts: Fonts = ()) -> float:
    if not fonts:
        return font(size).getlength(word)
    return sum(face(which, size).getlength(run) for which, run in _runs(word, fonts))


@lru_cache(maxsize=8192)
def _word(word: str, size: int, fonts: Fonts = ()) -> tuple["Image.Image", int, int] | None:
    """A word drawn once (a grey mask) and where it sits from its baseline origin: postings' cards
    repeat the same words (Engineer, Remote, per year), and FreeType drawing them is most of a
    card's cost. Each run of it in its own font (see _runs), on one baseline."""
    from PIL import Image, ImageDraw

    placed, pen = [], 0.0
    for which, run in (_runs(word, fonts) if fonts else [(BUNDLED, word)]):
        run_face = face(which, size)
        left, top, right, bottom = run_face.getbbox(run, anchor="ls")
        placed.append((run_face, run, pen, (left + pen, top, right + pen, bottom)))
        pen += run_face.getlength(run)
    left, top = int(min(box[0] for *_, box in placed) // 1), min(box[1] for *_, box in placed)
    right, bottom = int(-(-max(box[2] for *_, box in placed) // 1)), max(box[3] for *_, box in placed)
    if right <= left or bottom <= top:
        return None
    image = Image.new("L", (right - left, bottom - top), 0)
    draw = ImageDraw.Draw(image)
    for run_face, run, x, _ in placed:
        draw.text((x - left, -top), run, font=run_face, fill=255, anchor="ls")
    return image, left, top


def wrap(text: str, size: int, width: int, max_lines: int, fonts: Fonts = ()) -> tuple[list[str], bool]:
    """`text` in lines no wider than `width` (measured at `size` with the site's `fonts`), broken
    between words, inside a word too long for a line (Japanese and Chinese titles have no spaces);
    at most `max_lines`, the last ending in an ellipsis when text was cut. Also whether it all fit."""
    lines: list[str] = []
    line = ""
    for word in text.split():
        candidate = f"{line} {word}" if line else word
        if text_width(candidate, size, fonts) <= width:
            line = candidate
            continue
        if line:
            lines.append(line)
        while text_width(word, size, fonts) > width:  # a word wider than a line: break it where it must
            cut = max(1, max(i for i in range(1, len(word) + 1) if text_width(word[:i], size, fonts) <= width or i == 1))
            lines.append(word[:cut])
            word = word[cut:]
        line = word
    if line:
        lines.append(line)
    if len(lines) <= max_lines:
        return lines, True
    last = lines[max_lines - 1]
    while last and text_width(last.rstrip() + ELLIPSIS, size, fonts) > width:
        last = last[:-1]
    return lines[:max_lines - 1] + [last.rstrip() + ELLIPSIS], False


def fitted_lines(text: str, sizes: tuple[int, ...], width: int, max_lines: int, fonts: Fonts = ()) -> tuple[int, list[str]]:
    """The largest of `sizes` at which `text` fits in `max_lines`, else the smallest, cut; and its lines."""
    for size in sizes:
        lines, whole = wrap(text, size, width, max_lines, fonts)
        if whole:
            return size, lines
    return sizes[-1], lines


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

    def text(self, xy: tuple[int, int], text: str, size: int, anchor: str = "ls", fill: int = 255) -> None:
        """`text` placed at `xy` as Pillow's `anchor` says (ls: from the left, on the baseline; lm, mm,
        rm: on the middle of the bundled font's line), each character in its font (font_of)."""
        fonts = self.style.fonts
        if anchor != "ls":
            if all(font_of(c, fonts) == BUNDLED for c in text):
                self.draw.text(xy, text, font=font(size), fill=fill, anchor=anchor)
                return
            xy = _baseline_origin(xy, text, size, anchor, fonts)
        x, y = xy
        space = _word_advance(" ", size, fonts)
        pen = float(x)
        for word in text.split(" "):  # from the words drawn before (see _word)
            drawn = _word(word, size, fonts) if word else None
            if drawn is not None:
                image, left, top = drawn
                self.mask.paste(fill, (round(pen) + left, y + top), image)
            pen += _word_advance(word, size, fonts) + space

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
            self.text((x + LOGO_BOX // 2, y + LOGO_BOX // 2), initial, 60, anchor="mm", fill=0)

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


def _baseline_origin(xy: tuple[int, int], text: str, size: int, anchor: str, fonts: Fonts) -> tuple[int, int]:
    """Where `text` placed at `xy` by `anchor` (lm, mm, rm) starts on its baseline: the middle is
    the bundled font's, so a line reads at the same height whichever fonts draw it."""
    x, y = xy
    bundled = font(size)
    if anchor[1] == "m":
        y += bundled.getbbox("x", anchor="lm")[1] - bundled.getbbox("x", anchor="ls")[1]
    advance = _advance(text, size, fonts)
    return round(x - {"l": 0.0, "m": advance / 2, "r": advance}[anchor[0]]), y


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
    fonts = style.fonts
    canvas = _site_part(text.company, text.host, style).copy()
    title = drawable(text.title, fonts) or UNDRAWN_TITLE
    size, lines = fitted_lines(title, TITLE_SIZES, canvas.width, TITLE_LINES, fonts)
    step = round(size * 1.16)
    y = MARGIN + LOGO_BOX + 40 + size - step
    for line in lines:
        y += step
        canvas.text((MARGIN, y), line, size)
    y += 24  # below the title's descenders
    for detail in (text.place, text.salary):
        line = drawable(detail, fonts) if detail else None
        if line:
            detail_size, detail_lines = fitted_lines(line, (36, 30), canvas.width, 1, fonts)
            y += detail_size + 16
            canvas.text((MARGIN, y), detail_lines[0], detail_size)
    return canvas.png()


@lru_cache(maxsize=4)
def _site_part(company_name: str, host_name: str, style: CardStyle) -> Canvas:
    """What every posting card of a site shows (logo, company, host), drawn once per worker."""
    fonts = style.fonts
    canvas = Canvas(style)
    company = drawable(company_name, fonts)
    canvas.mark((MARGIN, MARGIN), company[0].upper() if company and company[0].isalnum() else None)
    header_x = MARGIN + LOGO_BOX + 28
    host_width = 0
    if host_name and (host := drawable(host_name, fonts)):
        canvas.text((CARD_SIZE[0] - MARGIN, MARGIN + LOGO_BOX // 2), host, 28, anchor="rm")
        host_width = text_width(host, 28, fonts) + 32
    if company:
        size, lines = fitted_lines(company, (44, 36, 30), CARD_SIZE[0] - MARGIN - header_x - host_width, 1, fonts)
        canvas.text((header_x, MARGIN + LOGO_BOX // 2), lines[0], size, anchor="lm")
    return canvas


def site_card(title: str, company: str, host: str, style: CardStyle) -> bytes:
    """The site's own card (pages other than an open posting's): its title, the company, the host,
    each at the largest size that fits on one line; a line no font can draw is left out."""
    canvas = Canvas(style)
    canvas.bar((MARGIN, MARGIN), 96, 12)
    for text, sizes, y in ((title, (96, 80, 64, 48, 36), CARD_SIZE[1] // 2 - 40),
                           (company, (48, 40, 32), CARD_SIZE[1] // 2 + 50), (host, (36, 28), CARD_SIZE[1] - MARGIN)):
        line = drawable(text, style.fonts)
        if line:
            size, lines = fitted_lines(line, sizes, canvas.width, 1, style.fonts)
            canvas.text((MARGIN, y), lines[0], size)
    return canvas.png()


def card_text(posting: "Posting", company: str, host: str, language: str, fonts: Fonts = ()) -> CardText:
    """What a posting's card says, as a candidate reads it on the page (runs on a worker: Babel);
    a salary the fonts cannot draw in `language` is given in English with the currency's code."""
    from .formatting import locations_text, salary_text

    salary = ""
    if posting.salary is not None:
        salary = salary_text(posting.salary, language)
        if drawable(salary, fonts) is None:  # a currency sign the fonts lack: the code instead
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
    return posting_card(card_text(posting, company, host, language, style.fonts), style)
