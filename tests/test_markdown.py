"""markdown: Python-Markdown output, sanitised, with the job title as the page's only h1."""

from __future__ import annotations

from careersite.markdown import render_markdown
from careersite.text import excerpt, plain_text


def test_headings_shift_so_the_top_level_is_h2():
    html = render_markdown("# Overview\n\n## Details\n")
    assert '<h2 id="overview">Overview</h2>' in html and '<h3 id="details">Details</h3>' in html
    assert "<h2" in render_markdown("## Already h2\n") and "<h3" not in render_markdown("## Already h2\n")


def test_extensions_tables_fenced_code_smart_quotes():
    html = render_markdown('| a | b |\n|---|---|\n| 1 | 2 |\n\n```\ncode <x>\n```\n\n"quoted" it\'s\n')
    assert "<table>" in html and "<td>1</td>" in html
    assert "<pre><code>code &lt;x&gt;" in html
    assert "“quoted” it’s" in html


def test_dangerous_html_is_removed_but_content_stays():
    html = render_markdown('<script>alert(1)</script><style>p{}</style>\n\n<a href="javascript:x()" onclick="y()">l</a> '
                           '<img src="data:image/png;base64,AA" alt="i"> <form><input></form> <iframe src="https://e.example"></iframe>\n\n**bold** [ok](https://ok.example)\n')
    for bad in ("<script", "<style", "javascript:", "onclick", "data:", "<form", "<input", "<iframe"):
        assert bad not in html
    assert "<strong>bold</strong>" in html
    assert '<a href="https://ok.example" rel="noopener">ok</a>' in html


def test_excerpt_is_the_first_paragraph_cut_at_a_word():
    html = render_markdown("## H\n\n" + "word " * 60 + "\n\nsecond")
    text = excerpt(html, 50)
    assert len(text) <= 50 and text.endswith("…") and "second" not in text
    assert plain_text("<p>a &amp; <b>b</b></p>") == "a & b"
