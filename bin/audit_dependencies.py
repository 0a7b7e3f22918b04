"""pip-audit of the installed dependencies, where a vulnerability database can be reached.

pip-audit asks PyPI's JSON API (or OSV) which installed versions have known vulnerabilities. A
machine that reaches packages only through a mirror cannot ask either, and pip-audit would then
report "no known vulnerabilities" for packages it could not look up at all: so this checks first,
and says plainly that the audit was skipped. Exit status: pip-audit's, or 0 when skipped.
"""
from __future__ import annotations

import json
import subprocess
import sys
import urllib.request
from importlib.metadata import version

TIMEOUT = 8


def _pypi_answers() -> bool:
    # The very question pip-audit asks, about one package we install: a mirror may answer others.
    url = f"https://pypi.org/pypi/flask/{version('flask')}/json"
    try:
        with urllib.request.urlopen(url, timeout=TIMEOUT) as response:  # nosec B310: a fixed https URL
            return response.status == 200 and "vulnerabilities" in json.load(response)
    except Exception:  # nosec B110: any failure means the database is out of reach
        return False


def _osv_answers() -> bool:
    query = json.dumps({"package": {"name": "flask", "ecosystem": "PyPI"}, "version": version("flask")}).encode()
    request = urllib.request.Request("https://api.osv.dev/v1/query", data=query, headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT) as response:  # nosec B310: a fixed https URL
            return response.status == 200
    except Exception:  # nosec B110: any failure means the database is out of reach
        return False


def main() -> int:
    service = "pypi" if _pypi_answers() else "osv" if _osv_answers() else None
    if service is None:
        print("pip-audit skipped: neither PyPI's JSON API nor OSV can be reached from here, so there is no "
              "vulnerability database to check against. Run `make audit` where one can be reached.")
        return 0
    command = [sys.executable, "-m", "pip_audit", "--skip-editable", "--progress-spinner", "off", "--vulnerability-service", service]
    print("pip-audit:", " ".join(command[1:]), flush=True)
    return subprocess.call(command)  # nosec B603: our own interpreter and fixed arguments


if __name__ == "__main__":
    sys.exit(main())
