"""Incremental Netlify deploys: the build plugin that keeps .careersite-cache/ and output/ in
Netlify's build cache, and careersite's side of it: a cache restored into a fresh clone (every file
with a new time and inode, as Netlify's copy leaves it) gives the cold build's output byte for byte,
rebuilding only what changed when it was made by the same careersite, Python and Pagefind, and
everything when not. The two deploys played end to end are test_two_netlify_deploys_... (marked
`package`, as slow as the package test: out of the fast suite)."""

from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
import sys
import time
import tomllib
from pathlib import Path

import pytest

from careersite import fingerprint
from careersite.cache import CACHE_DIR
from careersite.cli import main
from careersite.scaffold import STARTER
from careersite.search import pagefind_binary

from conftest import REPO, basic_fields, build_site, posting_text, tree, write_site

PLUGIN = Path("netlify") / "plugins" / "careersite-cache"
POSTINGS = 12


def _postings(edited: int | None = None) -> dict[str, str]:
    """POSTINGS postings; `edited`: the one whose body says something else."""
    return {
        f"role-{n}.md": posting_text(
            f"## About the role\n\nRole {n}{' (edited)' if n == edited else ''}: build things.\n",
            **basic_fields(title=f"Engineer {n}", id=f"ENG-{n}"))
        for n in range(POSTINGS)
    }


def _fresh_copy(source: Path, target: Path) -> None:
    """Copy a folder as a clone or Netlify's cache restore does: the bytes, with new times and inodes."""
    shutil.copytree(source, target, copy_function=shutil.copyfile)


def _save_cache(site: Path, saved: Path) -> None:
    """What the plugin's onPostBuild keeps: the cache folder and the publish folder."""
    saved.mkdir()
    for name in (CACHE_DIR, "output"):
        _fresh_copy(site / name, saved / name)


def _restore_cache(saved: Path, site: Path) -> None:
    for name in (CACHE_DIR, "output"):
        _fresh_copy(saved / name, site / name)


def _deploy_twice(tmp_path: Path, edited: int | None = 3, between=lambda saved: None, elsewhere: bool = False):
    """Deploy 1 builds a new site at `repo`, its cache is saved and the folder removed; deploy 2 is
    a fresh copy of the sources (one posting edited) at the same path (Netlify's /opt/build/repo)
    or `elsewhere`, with the saved cache restored. `between(saved)` changes the saved cache.
    Gives deploy 2's result and output, and a cold build's output of the same sources."""
    repo, saved, sources = tmp_path / "repo", tmp_path / "saved", tmp_path / "sources"
    build_site(write_site(repo, _postings()), jobs=1)
    _save_cache(repo, saved)
    shutil.rmtree(repo)
    between(saved)
    write_site(sources, _postings(edited))
    second = tmp_path / "elsewhere" if elsewhere else repo
    _fresh_copy(sources, second)
    _restore_cache(saved, second)
    result = build_site(second, jobs=1)
    cold = tmp_path / "cold"
    _fresh_copy(sources, cold)
    build_site(cold, cache=False, jobs=1)
    return result, tree(second / "output"), tree(cold / "output")


def test_restored_cache_rebuilds_only_the_edited_posting_and_matches_a_cold_build(tmp_path):
    result, restored, cold = _deploy_twice(tmp_path)
    assert restored == cold
    # the posting's page, the listings and feed that show it, the search index: not the 11 others
    assert 0 < result.changed < result.files / 4
    assert "jobs/role-4/index.html" in restored  # (a page the edit did not touch, still there)


def test_restored_cache_without_an_edit_rewrites_nothing(tmp_path):
    result, restored, cold = _deploy_twice(tmp_path, edited=None)
    assert restored == cold
    assert result.changed == 0 and not result.up_to_date  # times and inodes differ: checked, not trusted


def test_restored_output_file_with_other_bytes_of_the_same_size_is_made_again(tmp_path):
    def tamper(saved: Path) -> None:
        page = saved / "output" / "jobs" / "role-5" / "index.html"
        data = page.read_bytes()
        page.write_bytes(data.replace(b"Engineer 5", b"Engineer X", 1))
        assert len(page.read_bytes()) == len(data)

    result, restored, cold = _deploy_twice(tmp_path, between=tamper)
    assert restored == cold


def test_cache_from_another_python_or_careersite_gives_a_cold_build(tmp_path, monkeypatch):
    """Deploy 1 ran under another Python (sys.version is in the code fingerprint, with careersite's
    code and every installed library's version): deploy 2 builds every file again."""
    fingerprint.code_fingerprint.cache_clear()
    with monkeypatch.context() as patch:
        patch.setattr(sys, "version", "3.12.1 (main) [another Python]")
        other = fingerprint.code_fingerprint()
        fingerprint.code_fingerprint.cache_clear()
        repo = write_site(tmp_path / "repo", _postings())
        build_site(repo, jobs=1)
        fingerprint.code_fingerprint.cache_clear()
    assert fingerprint.code_fingerprint() != other
    saved = tmp_path / "saved"
    _save_cache(repo, saved)
    shutil.rmtree(repo)
    write_site(tmp_path / "sources", _postings(3))
    _fresh_copy(tmp_path / "sources", repo)
    _restore_cache(saved, repo)
    result = build_site(repo, jobs=1)
    cold = tmp_path / "cold"
    _fresh_copy(tmp_path / "sources", cold)
    build_site(cold, cache=False, jobs=1)
    assert tree(repo / "output") == tree(cold / "output")
    assert result.changed == result.files  # nothing of the other Python's cache was used


def _fake_pagefind(path: Path, real: Path, extra: str) -> None:
    """A Pagefind 'version' that runs the real binary and, if `extra`, adds a file to the bundle."""
    path.parent.mkdir(parents=True, exist_ok=True)
    script = f'#!/bin/sh\n"{real}" "$@" || exit $?\n'
    if extra:
        script += f'while [ "$1" != "--output-path" ]; do shift; done\necho "{extra}" > "$2/made-by.txt"\n'
    path.write_text(script)
    path.chmod(path.stat().st_mode | stat.S_IXUSR)


def test_cache_made_with_another_pagefind_at_the_same_path_is_not_used(tmp_path, monkeypatch):
    """The search index's key holds the binary's path, not its version: a cache from a deploy whose
    Pagefind (same path, other binary) wrote other files must not stand in for this one's."""
    binary, real = tmp_path / "bin" / "pagefind", pagefind_binary()
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(binary))
    _fake_pagefind(binary, real, extra="pagefind of deploy 1")

    def upgrade(saved: Path) -> None:
        assert (saved / "output" / "pagefind" / "made-by.txt").is_file()
        _fake_pagefind(binary, real, extra="")

    result, restored, cold = _deploy_twice(tmp_path, edited=None, between=upgrade)  # same postings: same index key
    assert "pagefind/made-by.txt" not in restored
    assert restored == cold


def test_cache_restored_into_another_folder_is_correct_but_renders_every_page(tmp_path):
    """The cache knows an output folder by its absolute path (Netlify always builds in
    /opt/build/repo): elsewhere the parsed postings are reused, every page is made again."""
    result, restored, cold = _deploy_twice(tmp_path, edited=None, elsewhere=True)
    assert restored == cold
    assert result.changed == result.files


def test_code_fingerprint_is_made_of_the_codes_bytes_not_its_file_times(tmp_path):
    """Netlify's `pip install` writes careersite anew on every deploy: the same code with new file
    times must give the same fingerprint (or no restored cache is ever used), other code another."""
    def fingerprint_of(copy: Path) -> str:
        code = ("import sys; sys.path.insert(0, sys.argv[1]); from careersite import fingerprint; "
                "assert fingerprint.__file__.startswith(sys.argv[1]), fingerprint.__file__; "
                "print(fingerprint.code_fingerprint())")
        return subprocess.run([sys.executable, "-c", code, str(copy)], capture_output=True, text=True, check=True).stdout

    package = Path(fingerprint.__file__).parent
    ignore = shutil.ignore_patterns("__pycache__")
    first, second, edited = tmp_path / "first", tmp_path / "second", tmp_path / "edited"
    shutil.copytree(package, first / "careersite", ignore=ignore)
    time.sleep(0.01)
    shutil.copytree(package, second / "careersite", ignore=ignore, copy_function=shutil.copyfile)
    for path in (second / "careersite").rglob("*.py"):
        os.utime(path, ns=(1_000_000_000, 1_000_000_000))
    shutil.copytree(package, edited / "careersite", ignore=ignore)
    (edited / "careersite" / "plural.py").write_text((package / "plural.py").read_text() + "\n# edited\n")
    assert fingerprint_of(first) == fingerprint_of(second) != fingerprint_of(edited)


# --- the build plugin and the recipe that names it


def test_netlify_toml_runs_careersites_cache_plugin_which_init_writes(tmp_path, capsys):
    site = tmp_path / "careers"
    assert main(["init", str(site)]) == 0
    capsys.readouterr()
    config = tomllib.loads((site / "netlify.toml").read_text(encoding="utf-8"))
    assert config["plugins"] == [{"package": "./netlify/plugins/careersite-cache"}]
    for name in ("index.js", "manifest.yml"):
        assert (site / PLUGIN / name).read_bytes() == (REPO / PLUGIN / name).read_bytes() == (STARTER / PLUGIN / name).read_bytes()
    assert "name: careersite-cache" in (site / PLUGIN / "manifest.yml").read_text().splitlines()
    assert not (site / "package.json").exists()  # nothing for Netlify to install from npm
    assert ".careersite-cache/" in (site / ".gitignore").read_text().splitlines()


_PLUGIN_DRIVER = r"""
// Runs the plugin's two events as Netlify would, with a fake utils.cache that records its calls
// and answers as Netlify's does (restore: whether anything was restored).
const plugin = require(process.argv[2]);
const cached = process.argv[3] === "cached";
const calls = [];
const logged = [];
console.log = (line) => logged.push(line);
const utils = { cache: {
  restore: async (paths) => { calls.push(["restore", paths]); return cached; },
  save: async (paths) => { calls.push(["save", paths]); return true; },
} };
const constants = { PUBLISH_DIR: "output" };
(async () => {
  await plugin.onPreBuild({ constants, utils });
  calls.push(["build command"]);
  await plugin.onPostBuild({ constants, utils });
  process.stdout.write(JSON.stringify({ calls, logged }));
})();
"""


@pytest.mark.parametrize("cached", [True, False])
def test_plugin_restores_the_cache_and_output_before_the_build_and_saves_them_after(tmp_path, cached):
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed")
    driver = tmp_path / "driver.js"
    driver.write_text(_PLUGIN_DRIVER)
    done = subprocess.run([node, str(driver), str(REPO / PLUGIN / "index.js"), "cached" if cached else "empty"],
                          capture_output=True, text=True, check=True, timeout=60)
    ran = json.loads(done.stdout)
    paths = [CACHE_DIR, "output"]
    assert ran["calls"] == [["restore", paths], ["build command"], ["save", paths]]
    assert ("restored" in ran["logged"][0]) == cached and ("cold" in ran["logged"][0]) != cached


# --- two deploys as Netlify runs them (slow: marked `package`)

DEPLOY_POSTINGS = int(os.environ.get("CAREERSITE_DEPLOY_POSTINGS", "200"))  # 1000 for the target's size


def _git(*args: str, cwd: Path) -> str:
    identity = ["-c", "user.name=careersite test", "-c", "user.email=test@example.invalid", "-c", "init.defaultBranch=main"]
    return subprocess.run(["git", *identity, *args], cwd=cwd, capture_output=True, text=True, check=True).stdout


def _site_repository(tmp_path: Path, capsys) -> Path:
    """A site made by `careersite init` with DEPLOY_POSTINGS more postings (the benchmark's corpus), committed."""
    sys.path.insert(0, str(REPO / "bench"))
    try:
        from corpus_postings import generate_posting
        from site_files import careersite_document
    finally:
        sys.path.remove(str(REPO / "bench"))
    origin = tmp_path / "origin"
    assert main(["init", str(origin)]) == 0
    capsys.readouterr()
    for index in range(DEPLOY_POSTINGS):
        posting = generate_posting(index, 2026)
        (origin / "content" / "jobs" / f"{posting.slug}.md").write_text(careersite_document(posting), encoding="utf-8")
    _git("init", "-q", cwd=origin)
    _git("add", "-A", cwd=origin)
    _git("commit", "-q", "-m", "the site", cwd=origin)
    return origin


def _build_command(site: Path) -> str:
    """netlify.toml's build command without its `pip install` (careersite is installed here already,
    and nothing may reach PyPI): what runs after it, as Netlify's shell runs it."""
    command = tomllib.loads((site / "netlify.toml").read_text(encoding="utf-8"))["build"]["command"]
    install, _, rest = command.partition(" && ")
    assert install == "pip install -r requirements.txt", command
    return rest


def _netlify_deploy(origin: Path, repo: Path, saved: Path | None) -> tuple[str, float]:
    """One deploy: a fresh clone at `repo` (Netlify's /opt/build/repo), the plugin's onPreBuild
    (restore from `saved`, if given and not empty), the build command, the plugin's onPostBuild
    (save into `saved`). Gives the build's output and the seconds it took."""
    shutil.rmtree(repo, ignore_errors=True)
    started = time.perf_counter()
    _git("clone", "-q", str(origin), str(repo), cwd=origin.parent)
    if saved is not None and saved.is_dir():
        _restore_cache(saved, repo)
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    done = subprocess.run(_build_command(repo), shell=True, cwd=repo, env=env, capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stdout + done.stderr
    if saved is not None:
        shutil.rmtree(saved, ignore_errors=True)
        _save_cache(repo, saved)
    return done.stdout, time.perf_counter() - started


@pytest.mark.package  # slow: with the package test, out of the fast suite
def test_two_netlify_deploys_the_second_rebuilds_only_the_edited_posting(tmp_path, capsys):
    origin = _site_repository(tmp_path, capsys)
    repo, saved = tmp_path / "opt" / "build" / "repo", tmp_path / "netlify-cache"
    first, first_seconds = _netlify_deploy(origin, repo, saved)
    assert "0 changed" not in first

    edited = sorted((origin / "content" / "jobs").glob("*.md"))[DEPLOY_POSTINGS // 2]
    edited.write_text(edited.read_text(encoding="utf-8").replace("\n## ", "\nOne sentence more.\n\n## ", 1), encoding="utf-8")
    _git("commit", "-q", "-am", f"edit {edited.name}", cwd=origin)
    deployed = tree(saved / "output")
    second, second_seconds = _netlify_deploy(origin, repo, saved)
    cold, cold_seconds = _netlify_deploy(origin, tmp_path / "cold" / "repo", None)

    output = tree(repo / "output")
    assert output == tree(tmp_path / "cold" / "repo" / "output")
    differ = {name for name in output if deployed.get(name) != output[name]}
    search = {name for name in differ if name.startswith("pagefind/")}
    assert differ - search == {f"jobs/{edited.stem}/index.html"}
    # the build's own count of files written: the edited posting's page and the new search index
    changed = int(second.rsplit(" changed", 1)[0].rsplit(" ", 1)[1])
    assert changed == 1 + len(search), second
    files = len(output) - 1  # the marker file is not counted
    with capsys.disabled():
        print(f"\n{DEPLOY_POSTINGS} postings + the starter's; the deploy (git clone, cache copied, sync, build) "
              f"and in brackets the build as it reports itself: deploy 1 (cold) {first_seconds:.2f}s ({_build_seconds(first)}), "
              f"deploy 2 (one posting edited, cache restored) {second_seconds:.2f}s ({_build_seconds(second)}; "
              f"{changed} of {files} files written), the same commit cold {cold_seconds:.2f}s ({_build_seconds(cold)})")


def _build_seconds(said: str) -> str:
    """The seconds in the build summary ('... in output in 1.80s')."""
    return said.split("Published", 1)[1].split("\n", 1)[0].rsplit(" in ", 1)[1]
