"""The rows that differ between two runs of eval/all_sets.sh, latency columns left out.

    python eval/compare_tables.py OLD_DIR NEW_DIR
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

ROW = re.compile(r"^(all|en|vi|vi-noaccent)\s")


def rows(path: Path) -> list[str]:
    """A table's language rows without p50 and p95 (the two columns before `unreach`)."""
    if not path.exists():
        return []
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if ROW.match(line):
            f = line.split()
            out.append(" ".join(f[:-3] + f[-1:]))
    return out


def main() -> int:
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    old, new = Path(sys.argv[1]), Path(sys.argv[2])
    for name in sorted({p.name for p in old.glob("*.txt")} | {p.name for p in new.glob("*.txt")}):
        a, b = rows(old / name), rows(new / name)
        if a != b:
            print("==", name.removesuffix(".txt"))
            for x, y in zip(a, b) if a and b else [("\n".join(a) or "(missing)", "\n".join(b) or "(missing)")]:
                if x != y:
                    print("  <", x)
                    print("  >", y)
    return 0


if __name__ == "__main__":
    sys.exit(main())
