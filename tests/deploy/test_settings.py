"""One place for settings: every environment variable Heard reads is in README's configuration
table and in the production environment template, so a council's IT team misses none."""
from __future__ import annotations

import re
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
READS = re.compile(r"""(?:environ\.get|environ\[|getenv|_bool|_int)\(\s*["']([A-Z][A-Z0-9_]+)["']""")
# Set by the tools that run Heard, not by whoever deploys it.
NOT_SETTINGS = {"FLASK_RUN_FROM_CLI", "SERVER_SOFTWARE", "PYTEST_XDIST_WORKER"}


def settings_read() -> set[str]:
    files = [ROOT / "config.py", ROOT / "deploy" / "gunicorn.conf.py", *(ROOT / "app").rglob("*.py")]
    names = set()
    for path in files:
        names |= set(READS.findall(path.read_text(encoding="utf-8")))
    return names - NOT_SETTINGS


def readme_settings() -> set[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## Configuration", 1)[1].split("\n## ", 1)[0]
    return set(re.findall(r"`([A-Z][A-Z0-9_]+)`", section))


def template_settings() -> set[str]:
    text = (ROOT / "deploy" / "heard.env.example").read_text(encoding="utf-8")
    return set(re.findall(r"^#?\s*([A-Z][A-Z0-9_]+)=", text, flags=re.M))


def test_heard_reads_settings_from_the_environment():
    assert {"SECRET_KEY", "DATABASE_URL", "HEARD_CONFIG", "RATELIMIT_STORAGE_URI"} <= settings_read()


def test_every_setting_is_in_the_readme_configuration_table():
    assert sorted(settings_read() - readme_settings()) == []


def test_every_setting_is_in_the_production_environment_template():
    assert sorted(settings_read() - template_settings()) == []


def test_the_environment_template_reads_the_same_in_systemd_and_in_a_shell():
    """deploy/README.md runs flask with `set -a; . /etc/heard/heard.env`, systemd reads the same file
    as an EnvironmentFile: a value a shell would take as a redirection breaks the first."""
    template = ROOT / "deploy" / "heard.env.example"
    shell = subprocess.run(
        ["sh", "-c", 'set -a; . "$1"; env', "sh", str(template)], capture_output=True, text=True, env={"PATH": "/usr/bin:/bin"}
    )
    assert shell.returncode == 0, shell.stderr
    sourced = dict(line.split("=", 1) for line in shell.stdout.splitlines() if "=" in line)
    for line in template.read_text(encoding="utf-8").splitlines():
        if re.match(r"^[A-Z][A-Z0-9_]+=", line):
            name, value = line.split("=", 1)
            # systemd.exec(5): one pair of surrounding double quotes is removed.
            expected = value[1:-1] if len(value) >= 2 and value[0] == value[-1] == '"' else value
            assert sourced.get(name) == expected, name
