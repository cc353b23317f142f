"""Serve the reputation tests' zones until Ctrl-C, to try the commands by hand:

    .venv/bin/python -m tests.reputation.serve [PORT]      # default: a free port
    serving the test zones on 127.0.0.1:40123
    .venv/bin/bounceback dnsbl --resolver 127.0.0.1:40123 192.0.2.10
"""

from __future__ import annotations

import signal
import sys

from ..dnsserver import NsdServer
from .zones import ZONES


def main() -> None:
    server = NsdServer(ZONES, port=int(sys.argv[1]) if len(sys.argv) > 1 else 0).start()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    print(f"serving the test zones on {server.address}", flush=True)
    try:
        signal.pause()
    except (KeyboardInterrupt, SystemExit):
        pass
    finally:
        server.close()


if __name__ == "__main__":
    main()
