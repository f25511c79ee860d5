"""What a built output folder publishes for search engines to be told of: each open posting's URL
with a fingerprint of its JobPosting, and the URLs answered 410 Gone.

Read from the output folder, not the sources: `careersite notify` tells of the site as it was
deployed (its base URL, its build date), which the sources alone do not say."""

from __future__ import annotations

import hashlib
import json
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from .feeds import SITEMAP_NS

# the theme's JSON-LD blocks (base.html); jsonld.py writes them script-safe, so no "</script>" inside
_JSON_LD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.DOTALL)


class OutputUnreadable(Exception):
    """The output folder is not a built site: the message names what is missing and the fix."""


@dataclass(frozen=True)
class Published:
    postings: dict[str, str]  # absolute URL of each open posting -> its JobPosting's fingerprint
    gone: frozenset[str]  # site paths answered 410 Gone (expired postings under [expired] policy = "gone")


def read_published(output: Path) -> Published:
    """The open postings of `output`: the sitemap's URLs whose page holds a JobPosting."""
    sitemap = output / "sitemap.xml"
    try:
        root = ET.fromstring(sitemap.read_bytes())
    except (OSError, ET.ParseError) as err:
        raise OutputUnreadable(f"{sitemap} cannot be read ({err}); run careersite build before careersite notify") from None
    postings = {}
    for loc in root.iter(f"{{{SITEMAP_NS}}}loc"):
        url = (loc.text or "").strip()
        # the URL is percent-encoded (slugs.url_path), its folder named in letters: /jobs/%E5%96%B6%E6%A5%AD/ is jobs/営業/
        fingerprint = job_posting_fingerprint(output / unquote(urlsplit(url).path).strip("/") / "index.html")
        if fingerprint:
            postings[url] = fingerprint
    return Published(postings, frozenset(gone_paths(output)))


def job_posting_fingerprint(page: Path) -> str:
    """A hash of the page's JobPosting (its JSON, keys sorted): what Google's job search reads, so a
    new theme or a reworded footer is no change to tell of, while a new salary or closing date is.
    '' for a page without one (a listing, a free page) or no page."""
    try:
        text = page.read_text(encoding="utf-8")
    except OSError:
        return ""
    for block in _JSON_LD.findall(text):
        try:
            data = json.loads(block)
        except ValueError:
            continue
        if isinstance(data, dict) and data.get("@type") == "JobPosting":
            canonical = json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
            return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:32]
    return ""


def gone_paths(output: Path) -> set[str]:
    """The paths `_redirects` answers with 410 (feeds.netlify_redirects), each with its slash."""
    try:
        lines = (output / "_redirects").read_text(encoding="utf-8").splitlines()
    except OSError:
        return set()
    return {parts[0] for parts in (line.split() for line in lines)
            if len(parts) == 3 and parts[2] == "410" and parts[0].endswith("/")}
