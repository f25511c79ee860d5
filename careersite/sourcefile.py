"""Reading a source file as text: size limit, binary files, encodings, line endings, with precise problems."""

from __future__ import annotations

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
