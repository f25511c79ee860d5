"""Reading a source file as text: size limit, binary files, encodings, line endings, with precise problems."""

from __future__ import annotations

import re

import codecs
from pathlib import Path

from .problems import Problems

MAX_FILE_BYTES = 1_000_000

# files editors and file managers leave beside the author's own: emacs and gedit backups (name~),
# emacs autosaves (#name#), vim's write probe (4913) and swap files, macOS and Windows folder data
_LEFTOVER_NAMES = {"4913", ".DS_Store", "Thumbs.db", "desktop.ini"}
_LEFTOVER_ENDINGS = ("~", ".swp", ".swo", ".swx")


def is_editor_leftover(name: str) -> bool:
    """A file the author did not write: never read as content, never published from static/."""
    return (name in _LEFTOVER_NAMES or name.endswith(_LEFTOVER_ENDINGS)
            or (len(name) > 1 and name.startswith("#") and name.endswith("#")))


def read_bytes(path: Path, shown: str, problems: Problems) -> bytes | None:
    """A content file's bytes, or None with a problem when it is too large or unreadable."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            problems.add(shown, 0, "", f"is {size:,} bytes; content files are limited to {MAX_FILE_BYTES:,} bytes")
            return None
        return path.read_bytes()
    except OSError as err:
        problems.add(shown, 0, "", f"cannot be read: {err.strerror}")
        return None


def decode_text(raw: bytes, shown: str, problems: Problems) -> str | None:
    """Bytes as text with LF line endings (a BOM and CRLF are fine), or None with a problem."""
    if raw.startswith(codecs.BOM_UTF8):
        raw = raw[len(codecs.BOM_UTF8) :]  # stripped by hand so error offsets count from the file start
        offset = len(codecs.BOM_UTF8)
    else:
        offset = 0
    nul = raw.find(b"\0")
    if nul >= 0:
        problems.add(shown, 0, "", f"is a binary file (NUL byte at offset {nul + offset}), not Markdown text")
        return None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        problems.add(shown, line, "", f"is not UTF-8 text: byte 0x{raw[err.start]:02x} at offset {err.start + offset}; save the file as UTF-8")
        return None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def read_text(path: Path, shown: str, problems: Problems) -> str | None:
    raw = read_bytes(path, shown, problems)
    return None if raw is None else decode_text(raw, shown, problems)


# Characters no page or feed may carry: C0 controls but tab, newline and carriage return (XML 1.0
# forbids them: one makes feed.xml unreadable to every reader), DEL and the C1 controls (HTML's
# parse errors; usually Windows-1252 punctuation read as Latin-1), and the two non-characters.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")


def control_character(text: str) -> tuple[int, str] | None:
    """(offset, a description such as 'U+0001') of the first control character in `text`, or None."""
    found = _CONTROL.search(text)
    return None if found is None else (found.start(), f"U+{ord(found.group()):04X}")


def control_line(text: str, what: str) -> tuple[int, str] | None:
    """(line in `text`, the problem and its fix, naming the text `what`) for a text holding a
    control character, or None."""
    found = control_character(text)
    if found is None:
        return None
    return text.count("\n", 0, found[0]) + 1, f"{what} holds the control character {found[1]}, which no page or feed can carry; remove it"


def control_problem(value: object) -> str | None:
    """What is wrong with a front matter value (text, or lists and mappings of it) holding a control
    character (written as a YAML escape such as "\\x01": the YAML reader refuses them written as
    they are), with the fix; None when it holds none."""
    if isinstance(value, str):
        found = control_character(value)
        return None if found is None else (
            f"holds the control character {found[1]}, which no page or feed can carry; remove it")
    items = value.values() if isinstance(value, dict) else value if isinstance(value, list) else ()
    return next((problem for problem in map(control_problem, items) if problem), None)
