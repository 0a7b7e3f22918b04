"""Run every benchmark: `make bench` (or `.venv/bin/python -m bench`).

    .venv/bin/python -m bench             # every benchmark, sized to take a few minutes
    .venv/bin/python -m bench --quick     # smaller and shorter: checks they all still run
    .venv/bin/python -m bench --full      # the sizes the figures in bench/README.md were taken at
    .venv/bin/python -m bench throughput  # only the benchmarks named

Each benchmark runs in its own process on a fresh database (SQLite unless DATABASE_URL is set;
the throughput benchmark runs on SQLite and PostgreSQL). Exits non-zero if any benchmark failed.
BENCH_PORTS=8300-8399 keeps the servers they start to those ports; BENCH_PG_URL names the
PostgreSQL database the throughput and live-poll benchmarks drop and rebuild.
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable

# name -> (command, extra environment) for each mode
BENCHMARKS = {
    "reviews": {"quick": (["bench/reviews_bench.py"], {}), "default": (["bench/reviews_bench.py"], {})},
    "moderation": {"quick": (["bench/moderation_bench.py"], {}), "default": (["bench/moderation_bench.py"], {})},
    "pledges": {
        "quick": (["bench/pledges_bench.py"], {"BENCH_PEOPLE": "200"}),
        "default": (["bench/pledges_bench.py"], {"BENCH_PEOPLE": "600"}),
        "full": (["bench/pledges_bench.py"], {}),
    },
    "surveys": {
        "quick": (["bench/surveys_bench.py"], {"BENCH_RESPONSES": "3000"}),
        "default": (["bench/surveys_bench.py"], {"BENCH_RESPONSES": "20000"}),
        "full": (["bench/surveys_bench.py"], {}),
    },
    "live-poll": {
        "quick": (["bench/council_live_poll.py", "--members", "60", "--arrive", "6", "--linger", "4"], {}),
        "default": (["bench/council_live_poll.py", "--members", "150", "--arrive", "12", "--linger", "6"], {}),
        "full": (["bench/council_live_poll.py"], {}),
    },
    "safeguarding": {"default": (["bench/safeguarding_eval.py"], {})},
    "throughput": {
        "quick": (["bench/throughput.py", "--quick"], {}),
        "default": (["bench/throughput.py", "--rounds", "3", "--seconds", "5"], {}),
        "full": (["bench/throughput.py", "--write-readme"], {}),
    },
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Run Heard's benchmarks.")
    size = parser.add_mutually_exclusive_group()
    size.add_argument("--quick", action="store_true")
    size.add_argument("--full", action="store_true")
    parser.add_argument("names", nargs="*", choices=[[], *BENCHMARKS], metavar="name", help=", ".join(BENCHMARKS))
    args = parser.parse_args(argv)
    mode = "quick" if args.quick else "full" if args.full else "default"
    failed = []
    started = time.monotonic()
    for name in args.names or BENCHMARKS:
        modes = BENCHMARKS[name]
        command, env = modes.get(mode, modes["default"])
        print(f"\n##### {name} ({mode})", flush=True)
        began = time.monotonic()
        code = subprocess.call([PYTHON, *command], cwd=ROOT, env={**os.environ, **env})
        print(f"##### {name}: {'ok' if code == 0 else f'FAILED (exit {code})'} in {time.monotonic() - began:.0f} s", flush=True)
        if code:
            failed.append(name)
    print(f"\n{len(args.names or BENCHMARKS) - len(failed)} benchmarks ran, {len(failed)} failed"
          f"{' (' + ', '.join(failed) + ')' if failed else ''}, in {time.monotonic() - started:.0f} s")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
