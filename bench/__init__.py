"""Heard's benchmarks (`make bench`; see bench/README.md)."""
from __future__ import annotations

import os
import socket

_given: set[int] = set()  # handed out already: not listening yet, but taken


def free_port() -> int:
    """A port on 127.0.0.1 nobody is listening on: from BENCH_PORTS ("8300-8399") when set, so
    benchmarks on a shared machine keep to the ports they were given; else any the system picks."""
    wanted = os.environ.get("BENCH_PORTS", "")
    candidates = [0]
    if wanted:
        low, _, high = wanted.partition("-")
        candidates = list(range(int(low), int(high or low) + 1))
    for port in candidates:
        if port in _given:
            continue
        with socket.socket() as sock:
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue
            _given.add(sock.getsockname()[1])
            return sock.getsockname()[1]
    raise RuntimeError(f"no free port in BENCH_PORTS={wanted}")
