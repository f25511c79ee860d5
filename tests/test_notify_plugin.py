"""The careersite-cache Netlify plugin's part in notify: after a production deploy is live
(onSuccess) it runs `careersite notify` on the publish folder and saves .careersite-cache/ (where
notify keeps what it told) to the build cache again; deploy previews tell no one; a notify that
fails is logged and never throws (the deploy is live already)."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest

from careersite.cache import CACHE_DIR

from conftest import REPO

PLUGIN = REPO / "netlify" / "plugins" / "careersite-cache" / "index.js"

_DRIVER = r"""
const plugin = require(process.argv[2]);
const fails = process.argv[3] === "fails";
const calls = [];
const logged = [];
console.log = (line) => logged.push(line);
const utils = {
  cache: { save: async (paths) => { calls.push(["save", paths]); return true; } },
  run: async (file, args) => {
    calls.push(["run", file, args]);
    if (fails) { const error = new Error("Command failed"); error.shortMessage = "Command failed with exit code 127"; throw error; }
  },
};
(async () => {
  await plugin.onSuccess({ constants: { PUBLISH_DIR: "output" }, utils });
  process.stdout.write(JSON.stringify({ calls, logged }));
})();
"""


def _on_success(tmp_path, context: str, fails: bool = False) -> dict:
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed")
    driver = tmp_path / "driver.js"
    driver.write_text(_DRIVER)
    done = subprocess.run([node, str(driver), str(PLUGIN), "fails" if fails else "works"], capture_output=True, text=True,
                          check=True, timeout=60, env={"PATH": "/usr/bin:/bin", "CONTEXT": context})
    return json.loads(done.stdout)


def test_production_deploy_runs_notify_then_saves_the_cache_folder(tmp_path):
    ran = _on_success(tmp_path, "production")
    assert ran["calls"] == [["run", "careersite", ["notify", "--output", "output"]], ["save", [CACHE_DIR]]]


def test_deploy_preview_tells_no_search_engine(tmp_path):
    ran = _on_success(tmp_path, "deploy-preview")
    assert ran["calls"] == [] and "no search engine is told" in ran["logged"][0]


def test_notify_that_fails_is_logged_and_the_state_is_still_saved(tmp_path):
    ran = _on_success(tmp_path, "production", fails=True)
    assert ran["calls"][-1] == ["save", [CACHE_DIR]]
    assert "exit code 127" in ran["logged"][0] and "live all the same" in ran["logged"][0]
