"""Write :func:`tests.factories.batch_text` texts into a store until killed (the crash test).

    python -m tests.crash_writer STORE_DIR COUNT GROUP

Writes the texts ``GROUP`` at a time with ``write_texts``, as the loader does (one transaction a
group), and prints ``committed I`` once the group ending with text I has returned, so the test
knows which texts must survive a SIGKILL and can kill the process in the middle of a later group.
"""

from __future__ import annotations

import sys

from graph.embedded import EmbeddedStore
from tests.factories import batch_text


def main(argv: list[str]) -> int:
    store_dir, count, group = argv[0], int(argv[1]), int(argv[2])
    with EmbeddedStore(store_dir) as store:
        for start in range(0, count, group):
            texts = [batch_text(i) for i in range(start, min(start + group, count))]
            store.write_texts(texts)
            print(f"committed {start + len(texts) - 1}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
