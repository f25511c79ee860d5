"""`careersite serve` taking application forms as Netlify Forms would, so an author can try one: the
form is read from the built page (as Netlify detects it at deploy time), fields it does not declare
are dropped, and a submission is stored under the cache folder, fields as JSON and files as bytes.

It is a preview, and its guards are a server's: only requests from this machine (address and Host),
a body of at most Netlify's 8 MB, files within the form's own limit and types, required answers
present, and nothing a client sends used as a path (a file is stored under its field's name)."""

from __future__ import annotations

import datetime as dt
import hashlib
import html
import ipaddress
import json
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath
from typing import Callable
from urllib.parse import parse_qsl, urlsplit

from .apply_form import CV_EXTENSIONS, HONEYPOT, MB, thanks_page
from .slugs import slugify

MAX_BODY = 8 * MB  # Netlify Forms' limit for one submission
SUBMISSIONS = "submissions"  # under the cache folder
_FORM_NAME = re.compile(r"apply-([a-z0-9][a-z0-9-]*)")
_LANGUAGE = re.compile(r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*")  # a language tag, as a folder of the site
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
LOOPBACK_NAMES = ("localhost", "127.0.0.1", "::1")


@dataclass
class Control:
    """A named control of the built form: its kind (text, email, url, tel, textarea, select, radio,
    checkbox, file, hidden), whether it is required, the values a choice allows, a file's limit."""

    kind: str
    required: bool = False
    values: list[str] = field(default_factory=list)
    max_bytes: int = 0
    label: str = ""


@dataclass
class BuiltForm:
    name: str
    action: str
    controls: dict[str, Control]


class _FormReader(HTMLParser):
    """The form named `name` in a built page, with its controls and their labels."""

    def __init__(self, name: str):
        super().__init__()
        self.name, self.form, self.inside = name, None, False
        self.label_for: dict[str, str] = {}
        self.ids: dict[str, str] = {}  # control id -> name
        self._label: list[str] | None = None
        self._label_target = ""
        self._legend: list[str] | None = None
        self._group_label = ""
        self._option: list[str] | None = None
        self._select = ""
        self._marks = 0  # inside the "(required)" mark, in the page's language: not part of a label

    def handle_starttag(self, tag, attrs):
        a = {k: v or "" for k, v in attrs}
        if tag == "form" and a.get("name") == self.name and "data-netlify" in a:
            self.form, self.inside = BuiltForm(self.name, a.get("action", "/"), {}), True
            return
        if not self.inside:
            return
        if tag == "span" and "field-required" in a.get("class", "").split():
            self._marks += 1
        elif tag == "legend":
            self._legend = []
        elif tag == "label":
            self._label, self._label_target = [], a.get("for", "")
        elif tag in ("input", "textarea", "select") and a.get("name"):
            name = a["name"]
            kind = a.get("type", "text") if tag == "input" else tag
            control = self.form.controls.setdefault(name, Control(kind))
            control.required = control.required or "required" in a
            if kind in ("radio", "checkbox") and a.get("value"):
                control.values.append(a["value"])
                control.label = control.label or self._group_label
            if kind == "file":
                control.max_bytes = int(a.get("data-max-bytes") or MAX_BODY)
            if a.get("id"):
                self.ids[a["id"]] = name
            if self._label is not None and not self._label_target:
                self._label_target = name
            if tag == "select":
                self._select = name
        elif tag == "option" and self._select:
            self._option = []
            self._option_value = a.get("value")

    def handle_data(self, data):
        if self._marks:
            return
        for text in (self._label, self._legend, self._option):
            if text is not None:
                text.append(data)

    def handle_endtag(self, tag):
        if not self.inside:
            return
        if tag == "form":
            self.inside = False
        elif tag == "span" and self._marks:
            self._marks -= 1
        elif tag == "legend" and self._legend is not None:
            self._group_label, self._legend = _words(self._legend), None
        elif tag == "label" and self._label is not None:
            self.label_for[self._label_target] = _words(self._label)
            self._label = None
        elif tag == "option" and self._option is not None:
            value = self._option_value if self._option_value is not None else _words(self._option)
            if value:
                self.form.controls[self._select].values.append(value)
            self._option = None
        elif tag == "select":
            self._select = ""
        elif tag == "fieldset":
            self._group_label = ""

    def built(self) -> BuiltForm | None:
        if self.form is not None:
            for target, label in self.label_for.items():
                name = self.ids.get(target, target)
                if name in self.form.controls and not self.form.controls[name].label:
                    self.form.controls[name].label = label
        return self.form


def _words(parts: list[str]) -> str:
    return " ".join("".join(parts).split())


def built_form(folder: Path, name: str, language: str = "") -> BuiltForm | None:
    """The form `name` as the built site declares it: apply-<slug> is on jobs/<slug>/, or in
    `language`'s folder (de/jobs/<slug>/; a translation's file designer.de.md, slug designer-de,
    has its page at de/jobs/designer/), else on the default language's page."""
    found = _FORM_NAME.fullmatch(name)
    if not found:
        return None
    slug, suffix = found.group(1), f"-{slugify(language)}"
    pages = [folder / language / "jobs" / s for s in dict.fromkeys((slug, slug.removesuffix(suffix)))] if language else []
    for page in [*pages, folder / "jobs" / slug]:
        page = page / "index.html"
        if page.is_file():
            reader = _FormReader(name)
            reader.feed(page.read_text(encoding="utf-8"))
            if form := reader.built():
                return form
    return None


def posted_language(folder: Path, path: str) -> str:
    """The language whose thank-you page a form was posted to (its action): 'de' for /de/applied/
    when the built site has that page, '' for the default language's /applied/ (or any other path:
    Netlify takes a form's POST wherever it is sent)."""
    first = path.strip("/").split("/")[0]
    return first if _LANGUAGE.fullmatch(first) and (folder / thanks_page(f"/{first}")).is_file() else ""


@dataclass
class Answer:
    """What serve answers a POST: an HTTP status line, headers and a body."""

    status: str
    headers: list[tuple[str, str]]
    body: bytes


def _page(status: str, title: str, lines: list[str], back: str = "") -> Answer:
    items = "".join(f"<li>{html.escape(line)}</li>" for line in lines)
    link = f'<p><a href="{html.escape(back)}">Back to the form</a></p>' if back else ""
    body = (f'<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>{html.escape(title)}</title>\n</head>\n'
            f"<body>\n<main>\n<h1>{html.escape(title)}</h1>\n<ul>{items}</ul>\n{link}\n</main>\n</body>\n</html>\n").encode("utf-8")
    return Answer(status, [("Content-Type", "text/html; charset=utf-8"), ("Cache-Control", "no-store")], body)


def _is_loopback(environ: dict) -> bool:
    try:
        address = ipaddress.ip_address(environ.get("REMOTE_ADDR", ""))
    except ValueError:
        return False
    host = environ.get("HTTP_HOST", "")
    hostname = urlsplit(f"//{host}").hostname or ""
    return address.is_loopback and hostname in LOOPBACK_NAMES


@dataclass
class Received:
    fields: dict[str, list[str]] = field(default_factory=dict)
    files: dict[str, tuple[str, bytes]] = field(default_factory=dict)  # field -> (the client's file name, bytes)


def _read_body(environ: dict, length: int) -> Received | str:
    """The submission's fields and files, or why the body cannot be read."""
    kind = environ.get("CONTENT_TYPE", "")
    body = environ["wsgi.input"].read(length)
    received = Received()
    if kind.startswith("application/x-www-form-urlencoded"):
        for key, value in parse_qsl(body.decode("utf-8", "replace"), keep_blank_values=True):
            received.fields.setdefault(key, []).append(value)
        return received
    if not kind.startswith("multipart/form-data"):
        return f"a form is sent as multipart/form-data, not {kind or 'an unnamed type'}"
    from python_multipart import create_form_parser
    from python_multipart.exceptions import FormParserError

    def on_field(f) -> None:
        received.fields.setdefault(f.field_name.decode("utf-8", "replace"), []).append((f.value or b"").decode("utf-8", "replace"))

    def on_file(f) -> None:
        f.file_object.seek(0)
        data = f.file_object.read()
        if f.file_name or data:
            received.files[f.field_name.decode("utf-8", "replace")] = ((f.file_name or b"").decode("utf-8", "replace"), data)

    headers = {"Content-Type": kind.encode("latin-1"), "Content-Length": str(length).encode()}
    try:
        parser = create_form_parser(headers, on_field, on_file, config={"MAX_MEMORY_FILE_SIZE": MAX_BODY + 1})
        parser.write(body)
        parser.finalize()
    except (FormParserError, ValueError) as error:
        return f"the form's body could not be read ({error})"
    return received


def _problems(form: BuiltForm, received: Received) -> list[str]:
    """What Netlify and the form's own rules refuse: a required answer missing, an answer a choice
    does not allow, a file too large or of another kind, an e-mail address that is not one."""
    problems = []
    for name, control in form.controls.items():
        label = control.label or name
        values = [v for v in received.fields.get(name, []) if v.strip()]
        if control.kind == "file":
            sent = received.files.get(name)
            if sent is None or not sent[1]:
                if control.required:
                    problems.append(f"{label}: choose a file to upload")
                continue
            if len(sent[1]) > control.max_bytes:
                problems.append(f"{label}: the file is {len(sent[1]) / MB:.1f} MB; the limit is {control.max_bytes / MB:.0f} MB")
            if PurePosixPath(sent[0].lower()).suffix not in CV_EXTENSIONS:
                problems.append(f"{label}: send a PDF, DOC or DOCX file")
        elif control.required and not values:
            problems.append(f"{label}: an answer is required")
        elif control.values and any(v not in control.values for v in values):
            problems.append(f"{label}: choose one of the answers given")
        elif control.kind == "email" and values and not _EMAIL.fullmatch(values[0].strip()):
            problems.append(f"{label}: {values[0]!r} is not an e-mail address")
    return problems


def take_submission(environ: dict, folder: Path, store: Path, now: Callable[[], dt.datetime],
                    say: Callable[[str], None]) -> Answer:
    """A POST to the preview: an application stored and the thank-you page, or a refusal."""
    if not _is_loopback(environ):
        return _page("403 Forbidden", "Not accepted", ["The preview takes forms from this machine only."])
    try:
        length = int(environ.get("CONTENT_LENGTH") or "")
    except ValueError:
        return _page("411 Length Required", "Not accepted", ["A form's size must be given (Content-Length)."])
    if length > MAX_BODY:
        return _page("413 Content Too Large", "Application too large",
                     [f"A submission may be at most {MAX_BODY // MB} MB (Netlify Forms' limit); this one is {length / MB:.0f} MB."])
    received = _read_body(environ, max(length, 0))
    if isinstance(received, str):
        return _page("400 Bad Request", "Not accepted", [received])
    name = (received.fields.get("form-name") or [""])[0]
    form = built_form(folder, name, posted_language(folder, environ.get("PATH_INFO", "/")))
    if form is None:
        return _page("404 Not Found", "No such form", [f"This site has no application form named {name!r}."])
    if any(v.strip() for v in received.fields.get(HONEYPOT, [])):
        say(f"Form {name}: a submission with the honeypot field filled in was taken for spam and not stored")
        return Answer("303 See Other", [("Location", form.action)], b"")
    problems = _problems(form, received)
    if problems:
        back = urlsplit((received.fields.get("job-url") or [""])[0]).path or "/"
        return _page("400 Bad Request", "Your application was not sent", problems, back=back)
    place = _store(form, received, store, now())
    title = (received.fields.get("job-title") or [name])[0]
    say(f"Application for {title} stored in {place}")
    return Answer("303 See Other", [("Location", form.action)], b"")


def _store(form: BuiltForm, received: Received, store: Path, when: dt.datetime) -> Path:
    """submissions/<form>/<time>-<hash>/: submission.json (the form's fields only, the files' names
    and sizes) and files/<field><ext>, the bytes as sent. Names come from the built form, never
    from the client."""
    fields = {name: received.fields[name][0] if len(received.fields[name]) == 1 else received.fields[name]
              for name, control in form.controls.items() if control.kind != "file" and name in received.fields and name != HONEYPOT}
    files = {}
    for name, control in form.controls.items():
        if control.kind == "file" and name in received.files and received.files[name][1]:
            sent_name, data = received.files[name]
            safe = re.sub(r"[^a-z0-9-]", "-", name.lower())[:60] or "file"  # a theme may name fields as it likes
            files[name] = (f"{safe}{PurePosixPath(sent_name.lower()).suffix}", sent_name, data)
    record = json.dumps({"form": form.name, "received": when.isoformat(timespec="seconds"), "fields": fields,
                         "files": {n: {"stored_as": f"files/{s}", "name": o, "bytes": len(d)} for n, (s, o, d) in files.items()}},
                        ensure_ascii=False, indent=2, sort_keys=True).encode("utf-8")
    stamp = hashlib.sha256(record + b"".join(d for _, _, d in files.values())).hexdigest()[:8]
    place = store / SUBMISSIONS / form.name / f"{when.strftime('%Y%m%dT%H%M%SZ')}-{stamp}"
    (place / "files").mkdir(parents=True, exist_ok=True)
    for stored, _, data in files.values():
        (place / "files" / stored).write_bytes(data)
    (place / "submission.json").write_bytes(record)
    return place
