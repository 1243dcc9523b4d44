"""Shared by the Python scripts of bench/: where the repository is and which papi binary to run."""

import os

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def find_binary(explicit=None):
    """`explicit`, else target/release/papi, else target/debug/papi (CARGO_TARGET_DIR honoured).

    Raises LookupError with what to do when there is none."""
    if explicit:
        return explicit
    target = os.environ.get("CARGO_TARGET_DIR") or os.path.join(ROOT, "target")
    for profile in ("release", "debug"):
        path = os.path.join(target, profile, "papi")
        if os.access(path, os.X_OK):
            return path
    raise LookupError("no papi binary in %s/{release,debug}; run cargo build -p papi" % target)
