"""deploy/README.md and deploy/ agree: every timer is switched on by the guide and runs a command
Heard has, and every file the guide copies exists. (deploy/tryout/fresh-debian.sh runs the guide
itself on a fresh Debian.)"""
from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"
GUIDE = (DEPLOY / "README.md").read_text(encoding="utf-8")


def _commands() -> str:
    """The guide's shell commands, continuation lines joined."""
    blocks = re.findall(r"```sh\n(.*?)```", GUIDE, flags=re.S)
    return "\n".join(blocks).replace("\\\n", " ")


def test_the_guide_switches_on_every_timer():
    timers = sorted(p.name for p in (DEPLOY / "systemd").glob("*.timer"))
    enabled = set(re.findall(r"heard-[\w-]+\.timer", " ".join(line for line in _commands().splitlines() if "enable" in line)))
    assert [t for t in timers if t not in enabled] == []


def test_every_timer_runs_a_command_heard_has(app):
    commands = set(app.cli.commands["heard"].commands)
    for timer in (DEPLOY / "systemd").glob("heard-*.timer"):
        unit = re.search(r"^Unit=(.+)$", timer.read_text(encoding="utf-8"), flags=re.M)
        name = unit.group(1) if unit else timer.name.replace(".timer", ".service")
        job = re.fullmatch(r"heard-job@(.+)\.service", name)
        if job:
            assert job.group(1) in commands, f"{timer.name} runs `flask heard {job.group(1)}`, which does not exist"
        else:
            assert (DEPLOY / "systemd" / name).exists(), f"{timer.name} starts {name}, which is not in deploy/systemd"


def test_every_file_the_guide_copies_exists():
    copied = re.findall(r"/srv/heard/(deploy/[\w./*@-]+)", _commands())
    # the guide installs the app server, the timers and both nginx sites from deploy/
    assert {"deploy/systemd/heard*.service", "deploy/nginx/heard.conf", "deploy/nginx/heard-https.conf"} <= set(copied), copied
    for path in copied:
        assert list(ROOT.glob(path)), f"the guide copies {path}, which is not in the repository"
