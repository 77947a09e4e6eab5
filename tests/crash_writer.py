"""Write :func:`tests.factories.batch_text` texts into a store until killed (the crash test).

    python -m tests.crash_writer STORE_DIR COUNT

Prints ``committed I`` after text I's transaction returns, so the test knows which texts must
survive a SIGKILL and can kill the process in the middle of a later one.
"""

from __future__ import annotations

import sys

from graph.embedded import EmbeddedStore
from tests.factories import batch_text


def main(argv: list[str]) -> int:
    store_dir, count = argv[0], int(argv[1])
    with EmbeddedStore(store_dir) as store:
        for i in range(count):
            store.write_text(batch_text(i))
            print(f"committed {i}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
