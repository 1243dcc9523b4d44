#!/usr/bin/env python3
"""Sign-in timing: a wrong password for a real account and any password for an unknown name must
take the same time, so usernames cannot be probed by timing.

Starts `papi serve` on a demo database behind a pretend proxy (`--trusted-proxy 127.0.0.1`, a
new X-Forwarded-For address per attempt, so the per-address count never blocks), then makes 32
attempts with wrong passwords on the demo's 8 accounts (4 each, under the per-account
threshold) interleaved with 32 attempts on unknown names, and prints the median and spread of
each and their ratio. Figures only; nothing is judged. Python 3 standard library only.

    python3 bench/login_timing.py [--bin PATH]
"""

import argparse
import atexit
import http.client
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse

from papibench import find_binary

USERS = ["chutich", "vanphong", "truongban", "congchuc", "mattran", "truongthon", "tinh", "quantri"]


def attempt(port, user, n):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    conn.request("GET", "/login")
    r = conn.getresponse()
    page = r.read().decode()
    cookie = r.getheader("set-cookie").split(";")[0]
    token = re.search(r'name="csrf" value="([^"]+)"', page).group(1)
    body = urllib.parse.urlencode({"csrf": token, "username": user, "password": "sai-mat-khau-%d" % n})
    t0 = time.perf_counter()
    conn.request("POST", "/login", body, {"Content-Type": "application/x-www-form-urlencoded", "Cookie": cookie,
                                          "X-Forwarded-For": "198.51.100.%d" % (n % 250 + 1)})
    r = conn.getresponse()
    r.read()
    took = (time.perf_counter() - t0) * 1000
    conn.close()
    return r.status, took


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin")
    args = ap.parse_args()
    try:
        binary = find_binary(args.bin)
    except LookupError as e:
        sys.exit(str(e))
    work = tempfile.mkdtemp(prefix="papi-login-")
    atexit.register(shutil.rmtree, work, True)
    db = os.path.join(work, "demo.db")
    subprocess.run([binary, "demo", "--file", db, "--no-serve"], check=True, capture_output=True, timeout=300)
    out = open(os.path.join(work, "out"), "w")
    server = subprocess.Popen([binary, "serve", "--database-url", "sqlite://" + db, "--bind", "127.0.0.1:0",
                               "--trusted-proxy", "127.0.0.1"], stdout=out, stderr=subprocess.DEVNULL)
    atexit.register(server.kill)
    port = None
    for _ in range(300):
        m = re.search(r"http://127\.0\.0\.1:(\d+)", open(out.name).read())
        if m:
            port = int(m.group(1))
            break
        time.sleep(0.1)
    known, unknown = [], []
    for n in range(32):
        s, t = attempt(port, USERS[n % 8], n)
        assert s == 401, "known %s: %d" % (USERS[n % 8], s)
        known.append(t)
        s, t = attempt(port, "khong-co-%d" % n, 100 + n)
        assert s == 401, "unknown: %d" % s
        unknown.append(t)
    k, u = statistics.median(known), statistics.median(unknown)
    print("wrong password, real account: median %.1f ms (min %.1f, max %.1f)" % (k, min(known), max(known)))
    print("unknown username:            median %.1f ms (min %.1f, max %.1f)" % (u, min(unknown), max(unknown)))
    print("ratio unknown/known: %.2f" % (u / k))
    return 0


if __name__ == "__main__":
    sys.exit(main())
