"""Small measuring helpers: percentiles, peak memory, machine load."""
from __future__ import annotations

import math
import os
import resource
from collections.abc import Sequence


def percentile(values: Sequence[float], q: float) -> float:
    """Linear interpolation between closest ranks (numpy's default); NaN for no values."""
    if not values:
        return math.nan
    xs = sorted(values)
    pos = (len(xs) - 1) * q / 100.0
    lo, hi = math.floor(pos), math.ceil(pos)
    return xs[lo] + (xs[hi] - xs[lo]) * (pos - lo)


def _status_mb(field: str) -> float | None:
    """A memory line of /proc/self/status (e.g. VmHWM), in MiB; None where there is no /proc."""
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith(f"{field}:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return None


def peak_rss_mb() -> float:
    """This process's peak resident set size so far (VmHWM), in MiB."""
    peak = _status_mb("VmHWM")
    return peak if peak is not None else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def rss_mb() -> float:
    """This process's current resident set size (VmRSS), in MiB."""
    rss = _status_mb("VmRSS")
    return rss if rss is not None else math.nan


def load_average() -> float:
    """1-minute load average: other work on a shared 2-core machine shows up here, so it is recorded."""
    try:
        return os.getloadavg()[0]
    except OSError:
        return math.nan
