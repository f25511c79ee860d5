"""The package as PyPI and Netlify would see it. SLOW (about a minute: it builds the sdist and wheel
and installs them into a fresh virtualenv), marked `package`; deselect with -m "not package".

Nothing here reaches the internet: careersite's wheel comes from this checkout, and the wheels of its
dependencies are made from the copies installed in the environment running the tests (same
versions, same platform), offered to pip with --no-index --find-links as a package index would."""

from __future__ import annotations

import base64
import hashlib
import importlib.util
import os
import shutil
import subprocess
import sys
import tarfile
import tomllib
import venv
import zipfile
from importlib import metadata
from pathlib import Path

import pytest

from careersite import __version__
from careersite.cli import main

from conftest import REPO

pytestmark = pytest.mark.package

_NOT_SOURCE = shutil.ignore_patterns(".git", ".venv", "venv", "output", ".output.*", ".careersite-cache", "node_modules",
                                     "test-artifacts", "build", "dist", "*.egg-info", "__pycache__", ".pytest_cache")


def _wheel_tools_missing() -> str | None:
    """Why a wheel cannot be built in this environment, or None."""
    for module in ("build", "twine", "setuptools", "packaging"):
        if importlib.util.find_spec(module) is None:
            return f"{module} is not installed (pip install '.[test]')"
    from packaging.version import Version
    if Version(metadata.version("setuptools")) < Version("77"):
        return f"setuptools {metadata.version('setuptools')} is older than the 77 that pyproject.toml requires (pip install '.[test]')"
    return None


def _dependency_closure(requirements: list[str]) -> list[metadata.Distribution]:
    """The installed distributions these requirements need, extras and markers followed."""
    from packaging.requirements import Requirement
    from packaging.utils import canonicalize_name

    found: dict[str, tuple[metadata.Distribution, frozenset[str]]] = {}
    todo = [Requirement(line) for line in requirements]
    while todo:
        requirement = todo.pop()
        key = canonicalize_name(requirement.name)
        extras = frozenset(requirement.extras) | (found[key][1] if key in found else frozenset())
        if key in found and extras == found[key][1]:
            continue
        dist = metadata.distribution(requirement.name)
        found[key] = (dist, extras)
        for line in dist.requires or []:
            needed = Requirement(line)
            if needed.marker is None or any(needed.marker.evaluate({"extra": extra}) for extra in extras | {""}):
                todo.append(needed)
    return [dist for dist, _ in found.values()]


def _wheel_from_installed(dist: metadata.Distribution, folder: Path) -> Path:
    """Pack an installed distribution back into a wheel: its files as RECORD lists them, less what
    pip makes at install time (scripts from entry points, bytecode, INSTALLER, RECORD itself)."""
    from packaging.tags import sys_tags

    info = next(Path(str(f)).parts[0] for f in dist.files if str(f).endswith(".dist-info/METADATA"))
    tags = [line.split(":", 1)[1].strip() for line in (dist.read_text("WHEEL") or "").splitlines() if line.startswith("Tag:")]
    supported = {str(tag) for tag in sys_tags()}
    tag = next((t for t in tags if t in supported), None)
    assert tag, f"{dist.metadata['Name']} was not installed from a wheel for this machine: {tags}"
    path = folder / f"{info.removesuffix('.dist-info')}-{tag}.whl"
    skip = {f"{info}/{name}" for name in ("RECORD", "INSTALLER", "REQUESTED", "direct_url.json")}
    record = []
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as wheel:
        for file in sorted(dist.files, key=str):
            name = str(file).replace(os.sep, "/")
            if name.startswith("..") or "__pycache__" in name or name.endswith(".pyc") or name in skip:
                continue
            source = Path(dist.locate_file(file))
            data = source.read_bytes()
            entry = zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0))
            entry.external_attr = (source.stat().st_mode & 0xFFFF) << 16  # keeps pagefind's binary executable
            entry.compress_type = zipfile.ZIP_DEFLATED
            wheel.writestr(entry, data)
            digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
            record.append(f"{name},sha256={digest},{len(data)}")
        record.append(f"{info}/RECORD,,")
        wheel.writestr(f"{info}/RECORD", "\n".join(record) + "\n")
    return path


def _run(command: list[str] | str, **kwargs) -> subprocess.CompletedProcess:
    done = subprocess.run(command, capture_output=True, text=True, timeout=600, **kwargs)
    assert done.returncode == 0, f"{command} failed ({done.returncode}):\n{done.stdout}\n{done.stderr}"
    return done


def test_built_package_passes_twine_and_the_init_recipe_deploys_from_a_clean_virtualenv(tmp_path, capsys):
    """python -m build -> sdist and wheel (the wheel built from the sdist, so the sdist is complete)
    -> twine check -> `careersite init` -> exactly the build command of its netlify.toml, in a new
    virtualenv whose pip sees only a local folder of wheels, as it would see PyPI."""
    missing = _wheel_tools_missing()
    if missing:
        pytest.skip(f"cannot build careersite's wheel: {missing}")

    source = tmp_path / "src"
    shutil.copytree(REPO, source, ignore=_NOT_SOURCE, symlinks=True)
    wheels = tmp_path / "wheels"
    _run([sys.executable, "-m", "build", "--no-isolation", "--outdir", str(wheels), str(source)])
    sdist, wheel = wheels / f"careersite-{__version__}.tar.gz", wheels / f"careersite-{__version__}-py3-none-any.whl"
    assert sorted(wheels.iterdir()) == [wheel, sdist]
    _run([sys.executable, "-m", "twine", "check", "--strict", str(sdist), str(wheel)])

    # every starter and theme file ships in both, the dot-less names included
    shipped = {f"careersite/starter/{p.relative_to(REPO / 'careersite/starter').as_posix()}" for p in (REPO / "careersite/starter").rglob("*") if p.is_file()}
    shipped |= {f"careersite/themes/{p.relative_to(REPO / 'themes').as_posix()}" for p in (REPO / "themes").rglob("*")
                if p.is_file() and "__pycache__" not in p.parts}
    assert {"careersite/starter/gitignore", "careersite/starter/github/workflows/scheduled-rebuild.yml",
            "careersite/starter/requirements.txt", "careersite/themes/default/templates/base.html"} <= shipped
    in_wheel = set(zipfile.ZipFile(wheel).namelist())
    assert shipped | {"careersite/pay_transparency.toml", f"careersite-{__version__}.dist-info/licenses/LICENSE"} <= in_wheel
    with tarfile.open(sdist) as tar:
        in_sdist = {name.split("/", 1)[1] for name in tar.getnames() if "/" in name}
    sdist_paths = {name.replace("careersite/themes/", "themes/", 1) for name in shipped}
    assert sdist_paths | {"LICENSE", "README.md", "pyproject.toml", "careersite/pay_transparency.toml"} <= in_sdist
    info = zipfile.ZipFile(wheel).read(f"careersite-{__version__}.dist-info/METADATA").decode()
    assert "License-Expression: MIT" in info and "Requires-Python: >=3.11" in info and "Classifier: " in info
    assert "Description-Content-Type: text/markdown" in info

    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    for dist in _dependency_closure(project["dependencies"]):
        _wheel_from_installed(dist, wheels)

    site = tmp_path / "careers"
    assert main(["init", str(site)]) == 0
    capsys.readouterr()
    command = tomllib.loads((site / "netlify.toml").read_text(encoding="utf-8"))["build"]["command"]

    env_dir = tmp_path / "netlify-python"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    env = {
        "PATH": f"{env_dir / 'bin'}{os.pathsep}{os.environ['PATH']}",
        "HOME": str(tmp_path / "home"),
        "VIRTUAL_ENV": str(env_dir),
        "SOURCE_DATE_EPOCH": os.environ["SOURCE_DATE_EPOCH"],  # the frozen build date of conftest
        "PIP_CONFIG_FILE": os.devnull,  # none of this machine's pip settings: a clean machine
        "PIP_NO_INDEX": "1",  # PyPI stands in as this folder
        "PIP_FIND_LINKS": str(wheels),
        "PIP_DISABLE_PIP_VERSION_CHECK": "1",
        "PIP_NO_CACHE_DIR": "1",
    }
    done = _run(command, shell=True, cwd=site, env=env)
    assert "Successfully installed" in done.stdout and f"careersite-{__version__}" in done.stdout
    assert "Published 2 postings" in done.stdout
    installed = list((env_dir / "lib").glob("python3*/site-packages/careersite/starter/netlify.toml"))
    assert installed, "careersite was not installed into the new virtualenv"
    output = site / "output"
    assert (output / "index.html").is_file() and len(list(output.glob("jobs/*/index.html"))) == 2
    assert (output / "pagefind" / "pagefind.js").is_file()  # the search binary came with the wheels
