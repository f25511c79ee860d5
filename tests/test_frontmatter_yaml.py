"""Unit tests for careersite.frontmatter_yaml.split_document."""

from __future__ import annotations

import pytest

from careersite.frontmatter_yaml import FrontMatterError, split_document


def doc(*front_matter_lines: str, body: str = "Body text.\n") -> str:
    """A document: '---', the given lines, '---', then the body."""
    return "---\n" + "".join(line + "\n" for line in front_matter_lines) + "---\n" + body


def alias_bomb(levels: int, aliases_per_level: int = 10) -> str:
    """A YAML 'billion laughs': each level is a list of aliases to the level before it."""
    names = [f"l{i}" for i in range(levels + 1)]
    lines = [f"{names[0]}: &{names[0]} [" + ", ".join(["lol"] * aliases_per_level) + "]"]
    for prev, name in zip(names, names[1:]):
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{prev}"] * aliases_per_level) + "]")
    return doc(*lines)


# --- line numbers -----------------------------------------------------------------------------


def test_top_level_keys_get_their_file_line_numbers():
    text = doc(
        "title: Data Engineer",  # line 2
        "id: ENG-1",  # line 3
        "# a comment line",  # line 4
        "",  # line 5
        "department: Engineering",  # line 6
    )
    split = split_document(text)
    assert split.lines == {"title": 2, "id": 3, "department": 6}
    assert split.data == {"title": "Data Engineer", "id": "ENG-1", "department": "Engineering"}


def test_block_list_items_get_their_own_line_numbers():
    text = doc(
        "title: x",  # 2
        "locations:",  # 3
        "  - city: Berlin",  # 4
        "    country: DE",  # 5
        "  - {city: Paris, country: FR}",  # 6
        "  - city: Leeds",  # 7
        "    country: GB",  # 8
        "keywords: [a, b, c]",  # 9
    )
    split = split_document(text)
    assert split.lines["locations"] == 3
    assert split.item_lines["locations"] == [4, 6, 7]
    assert split.lines["keywords"] == 9
    # a flow list keeps every item on the key's line
    assert split.item_lines["keywords"] == [9, 9, 9]
    assert split.data["locations"] == [
        {"city": "Berlin", "country": "DE"},
        {"city": "Paris", "country": "FR"},
        {"city": "Leeds", "country": "GB"},
    ]


def test_only_lists_have_item_lines():
    split = split_document(doc("title: x", "salary: {min: 1, max: 2}", "keywords: [a]"))
    assert set(split.item_lines) == {"keywords"}


def test_blank_line_after_opening_delimiter_keeps_line_numbers_right():
    text = "---\n\ntitle: x\nid: ENG-1\n---\nBody\n"
    split = split_document(text)
    assert split.lines == {"title": 3, "id": 4}


def test_blank_line_after_opening_delimiter_keeps_error_line_right():
    text = "---\n\ntitle: x\n  bad: y\n---\nBody\n"
    with pytest.raises(FrontMatterError) as info:
        split_document(text)
    assert info.value.line == 4


# --- body --------------------------------------------------------------------------------------


def test_body_and_body_line():
    text = doc("title: x", "id: 1", body="## About\n\nWe build things.\n")
    split = split_document(text)
    assert split.body == "## About\n\nWe build things.\n"
    assert split.body_line == 5  # '---' on 1, fields on 2-3, '---' on 4


def test_body_line_skips_blank_lines_after_closing_delimiter():
    text = doc("title: x", body="\n\n## About\nText\n")
    split = split_document(text)
    assert split.body.lstrip("\n") == "## About\nText\n"
    lines = text.split("\n")
    assert lines[split.body_line - 1] == "## About"


def test_body_may_contain_a_markdown_rule():
    split = split_document(doc("title: x", body="Intro\n\n---\n\nMore\n"))
    assert split.data == {"title": "x"}
    assert split.body == "Intro\n\n---\n\nMore\n"


def test_empty_body():
    text = "---\ntitle: x\n---\n"
    split = split_document(text)
    assert split.body == ""
    assert split.body_line == 4  # the line after the closing "---", where the body belongs


# --- errors ------------------------------------------------------------------------------------


def test_no_front_matter():
    with pytest.raises(FrontMatterError) as info:
        split_document("# Data Engineer\n\nA job.\n")
    assert info.value.line == 1
    assert "no front matter" in str(info.value)


def test_front_matter_must_start_on_the_first_line():
    with pytest.raises(FrontMatterError) as info:
        split_document("\n---\ntitle: x\n---\nBody\n")
    assert info.value.line == 1
    assert "no front matter" in str(info.value)


def test_unclosed_front_matter():
    with pytest.raises(FrontMatterError) as info:
        split_document("---\ntitle: x\nid: 3\n\nBody without a closing line\n")
    assert info.value.line == 1
    assert "not closed" in str(info.value)


@pytest.mark.parametrize("quote", ['"', "'"])
def test_unclosed_quote_points_at_the_line_where_the_quote_opened(quote):
    text = doc(
        "title: x",  # 2
        "id: ENG-1",  # 3
        f"summary: {quote}We build things",  # 4: the quote opens here
        "department: Engineering",  # 5
        "team: Infra",  # 6
    )
    with pytest.raises(FrontMatterError) as info:
        split_document(text)
    assert info.value.line == 4
    assert "YAML syntax error" in str(info.value)
    assert "quoted scalar" in str(info.value)


def test_bad_indentation_of_a_key():
    text = doc("title: x", "id: ENG-1", "  department: Engineering")  # line 4
    with pytest.raises(FrontMatterError) as info:
        split_document(text)
    assert info.value.line == 4
    assert "YAML syntax error" in str(info.value)
    assert "mapping values are not allowed" in str(info.value)


def test_bad_indentation_of_a_list_item():
    text = doc("title: x", "locations:", "  - a", " - b")  # the stray item is on line 5
    with pytest.raises(FrontMatterError) as info:
        split_document(text)
    assert info.value.line == 5
    assert "YAML syntax error" in str(info.value)


def test_tab_used_for_indentation():
    text = doc("title: x", "locations:", "\t- {city: Berlin, country: DE}")  # tab on line 4
    with pytest.raises(FrontMatterError) as info:
        split_document(text)
    assert info.value.line == 4
    assert "'\\t'" in str(info.value)


@pytest.mark.parametrize(
    "lines, kind",
    [
        (["- title: x", "- id: 3"], "a list"),
        (["just some text"], "a str"),
        (["42"], "a int"),
        ([], "empty"),
        (["# only a comment"], "empty"),
    ],
)
def test_front_matter_that_is_not_a_mapping(lines, kind):
    with pytest.raises(FrontMatterError) as info:
        split_document(doc(*lines))
    assert info.value.line == 2
    assert f"front matter is {kind};" in str(info.value)
    assert "mapping" in str(info.value)


def test_unhashable_key_is_a_yaml_error():
    with pytest.raises(FrontMatterError) as info:
        split_document(doc("title: x", "? [a, b]", ": c"))
    assert info.value.line == 3
    assert "unhashable key" in str(info.value)


# --- value types -------------------------------------------------------------------------------


def test_dates_and_datetimes_stay_strings():
    split = split_document(
        doc("date_posted: 2026-11-20", "valid_through: 2027-01-31T17:00:00Z", "updated: 2026-11-22 10:00:00")
    )
    assert split.data == {
        "date_posted": "2026-11-20",
        "valid_through": "2027-01-31T17:00:00Z",
        "updated": "2026-11-22 10:00:00",
    }
    assert all(type(v) is str for v in split.data.values())


@pytest.mark.parametrize("word", ["ON", "NO", "no", "yes", "Yes", "off", "On", "y", "n"])
def test_yaml_1_1_booleans_stay_strings(word):
    split = split_document(doc(f"region: {word}"))
    assert split.data["region"] == word
    assert type(split.data["region"]) is str


@pytest.mark.parametrize(
    "word, value",
    [("true", True), ("True", True), ("TRUE", True), ("false", False), ("False", False), ("FALSE", False)],
)
def test_true_and_false_are_booleans(word, value):
    split = split_document(doc(f"draft: {word}"))
    assert split.data["draft"] is value


def test_other_scalars():
    split = split_document(doc("experience_months: 36", "amount: 1.5", "nothing:", "tilde: ~", "quoted: 'true'"))
    assert split.data == {"experience_months": 36, "amount": 1.5, "nothing": None, "tilde": None, "quoted": "true"}
    assert type(split.data["experience_months"]) is int


def test_loader_does_not_change_pyyaml_safe_loader():
    import yaml

    # the custom resolvers must not leak into the library's SafeLoader
    assert yaml.safe_load("a: ON\nb: 2026-11-20") == {"a": True, "b": __import__("datetime").date(2026, 11, 20)}


# --- alias bombs -------------------------------------------------------------------------------


def test_aliases_are_refused_at_the_line_that_uses_them():
    with pytest.raises(FrontMatterError) as info:
        split_document(doc("base: &b {city: Berlin, country: DE}", "locations: [*b, *b]"))
    assert info.value.line == 3
    assert "aliases" in str(info.value) and str(info.value).startswith("locations:")


def test_billion_laughs_is_refused():
    # No timing assert: if the bomb were expanded, this test would hang instead of passing.
    with pytest.raises(FrontMatterError) as info:
        split_document(alias_bomb(9))
    assert "alias" in str(info.value)
    assert info.value.line == 3  # l1, the first level that refers back


def test_a_colon_inside_a_value_says_to_quote_it():
    with pytest.raises(FrontMatterError) as caught:
        split_document(doc("id: ENG-1", "title: Engineer: Backend"))
    assert caught.value.line == 3
    assert str(caught.value) == ("YAML syntax error: mapping values are not allowed in this context "
                                 "(a value holding ': ' must be quoted: title: \"Engineer: Backend\")")
    with pytest.raises(FrontMatterError) as caught:
        split_document(doc('summary: Build it: fast and "well"'))
    assert str(caught.value).endswith("""must be quoted: summary: 'Build it: fast and "well"')""")


def test_a_mis_indented_field_still_says_to_check_the_indentation():
    with pytest.raises(FrontMatterError) as caught:
        split_document(doc("title: Engineer", "  id: 2"))
    assert "check the indentation" in str(caught.value) and "quoted" not in str(caught.value)
