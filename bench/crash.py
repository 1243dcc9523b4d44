#!/usr/bin/env python3
"""Crash test: no acknowledged progress update may be lost when the server is killed.

Creates a fresh demo SQLite database, starts `papi serve` on a free loopback port, signs in as
the office user `vanphong` in 8 client threads (one session each) and posts 1,000 progress
updates with distinct texts ("crash-test 0007") through the JSON API to random tasks. Every
update answered 201 is recorded with its id. After a seeded random number of successes
(200..800) the server gets SIGKILL; it is then restarted on the same file and the script checks
that

  * every acknowledged update is there, with its id and text (through the API, and in the file),
  * no update that was never sent is there,
  * `PRAGMA integrity_check` answers ok (Python's sqlite3 module),
  * `papi audit verify` passes.

Prints the counts (acked, found, lost) and exits 1 on any loss or failed check, 2 when the test
itself could not run. Python 3 standard library only; loopback only; child processes are
killed on exit.

    python3 bench/crash.py [--seed N] [--total 1000] [--threads 8] [--bin PATH] [--keep]
"""

import argparse
import atexit
import http.client
import json
import os
import random
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse

from papibench import ROOT, find_binary

TODAY = "2025-10-15"
USER = "vanphong"
PASSWORD = "demo-papi-2025"
HTTP_TIMEOUT = 15.0  # seconds per request
START_TIMEOUT = 30.0  # seconds for the server to listen
RUN_DEADLINE = 300.0  # seconds for the whole posting phase

CHILDREN = []  # Popen objects to kill on exit


class Skip(Exception):
    """The test could not run (setup failure), as opposed to a failed check."""


def log(msg):
    print(msg, flush=True)


def kill_children():
    for p in CHILDREN:
        if p.poll() is None:
            try:
                p.kill()
                p.wait(timeout=10)
            except Exception:
                pass


def run(cmd, timeout=300):
    r = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, timeout=timeout)
    return r.returncode, r.stdout, r.stderr


# ---------------------------------------------------------------------------------------------
# Server


class Server:
    def __init__(self, binary, db, workdir, name):
        self.out = os.path.join(workdir, name + ".out")
        self.err = os.path.join(workdir, name + ".err")
        with open(self.out, "w") as out, open(self.err, "w") as err:
            self.proc = subprocess.Popen(
                [binary, "serve", "--database-url", "sqlite://" + db,
                 "--bind", "127.0.0.1:0", "--today", TODAY],
                stdout=out, stderr=err, stdin=subprocess.DEVNULL,
            )
        CHILDREN.append(self.proc)
        self.host, self.port = self._wait_listening()

    def _wait_listening(self):
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            with open(self.out) as f:
                m = re.search(r"http://(127\.0\.0\.1):(\d+)", f.read())
            if m:
                return m.group(1), int(m.group(2))
            if self.proc.poll() is not None:
                break
            time.sleep(0.05)
        self.proc.kill()
        with open(self.err) as f:
            raise Skip("server did not start: " + f.read()[-2000:])

    def sigkill(self):
        os.kill(self.proc.pid, signal.SIGKILL)
        self.proc.wait(timeout=10)

    def stop(self):
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGINT)
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=10)


# ---------------------------------------------------------------------------------------------
# HTTP client: one keep-alive connection and one session per client.

CSRF_RE = re.compile(r'name="csrf" value="([^"]+)"')


class Client:
    def __init__(self, host, port):
        self.host, self.port = host, port
        self.conn = http.client.HTTPConnection(host, port, timeout=HTTP_TIMEOUT)
        self.cookies = {}
        self.csrf = None

    def request(self, method, path, body=None, headers=None):
        h = dict(headers or {})
        if self.cookies:
            h["Cookie"] = "; ".join("%s=%s" % kv for kv in self.cookies.items())
        self.conn.request(method, path, body=body, headers=h)
        r = self.conn.getresponse()
        data = r.read()
        for k, v in r.getheaders():
            if k.lower() == "set-cookie":
                name, _, rest = v.partition("=")
                self.cookies[name.strip()] = rest.split(";", 1)[0]
        return r.status, data

    def login(self, username, password):
        status, page = self.request("GET", "/login")
        m = CSRF_RE.search(page.decode("utf-8", "replace"))
        if status != 200 or not m:
            raise Skip("GET /login: HTTP %d, csrf field %s" % (status, "found" if m else "missing"))
        form = urllib.parse.urlencode({"username": username, "password": password, "csrf": m.group(1)})
        status, _ = self.request("POST", "/login", form.encode(),
                                 {"Content-Type": "application/x-www-form-urlencoded"})
        if status != 303 or not self.cookies.get("papi_session"):
            raise Skip("POST /login as %s: HTTP %d" % (username, status))
        status, page = self.request("GET", "/staff")
        m = CSRF_RE.search(page.decode("utf-8", "replace"))
        if status != 200 or not m:
            raise Skip("GET /staff after login: HTTP %d" % status)
        self.csrf = m.group(1)

    def post_update(self, task_id, text, progress):
        body = json.dumps({"text": text, "progress": progress}).encode()
        status, data = self.request("POST", "/api/tasks/%d/updates" % task_id, body,
                                    {"Content-Type": "application/json", "X-CSRF-Token": self.csrf})
        return status, data

    def updates(self, task_id):
        status, data = self.request("GET", "/api/tasks/%d/updates" % task_id)
        if status != 200:
            raise RuntimeError("GET /api/tasks/%d/updates: HTTP %d" % (task_id, status))
        return json.loads(data)

    def close(self):
        self.conn.close()


def id_and_text(item):
    """(id, text) of one update as the API lists it, whether flat or nested."""
    if isinstance(item, dict):
        if "id" in item and "text" in item:
            return item["id"], item["text"]
        for v in item.values():
            found = id_and_text(v)
            if found:
                return found
    return None


# ---------------------------------------------------------------------------------------------
# The test


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--seed", type=int, default=20251015)
    ap.add_argument("--total", type=int, default=1000, help="updates to post (default 1000)")
    ap.add_argument("--threads", type=int, default=8, help="client threads (default 8)")
    ap.add_argument("--kill-min", type=int, default=200)
    ap.add_argument("--kill-max", type=int, default=800)
    ap.add_argument("--bin", help="papi binary (default: target/release/papi, else target/debug/papi)")
    ap.add_argument("--keep", action="store_true", help="keep the work directory")
    args = ap.parse_args()
    if not (0 < args.kill_min <= args.kill_max < args.total):
        raise Skip("need 0 < --kill-min <= --kill-max < --total")

    rng = random.Random(args.seed)
    try:
        binary = find_binary(args.bin)
    except LookupError as e:
        raise Skip(str(e))
    workdir = tempfile.mkdtemp(prefix="papi-crash.")
    db = os.path.join(workdir, "crash.db")
    log("papi crash test: seed %d, %d updates, %d threads, binary %s"
        % (args.seed, args.total, args.threads, os.path.relpath(binary, ROOT)))
    try:
        return test(args, rng, binary, workdir, db)
    finally:
        kill_children()
        if args.keep:
            log("work directory kept: %s" % workdir)
        else:
            shutil.rmtree(workdir, ignore_errors=True)


def test(args, rng, binary, workdir, db):
    code, _, err = run([binary, "demo", "--file", db, "--no-serve", "--today", TODAY])
    if code != 0:
        raise Skip("papi demo failed: " + err[-2000:])
    with sqlite3.connect(db) as c:
        tasks = [r[0] for r in c.execute("SELECT id FROM tasks WHERE status <> 'cancelled' ORDER BY id")]
        before = c.execute("SELECT count(*) FROM task_updates").fetchone()[0]
    if not tasks:
        raise Skip("demo database has no open tasks")

    kill_after = rng.randint(args.kill_min, args.kill_max)
    jobs = [(n, rng.choice(tasks), "crash-test %04d" % n, rng.randint(0, 99)) for n in range(args.total)]
    log("demo database: %d open tasks, %d updates; SIGKILL after %d acknowledged posts"
        % (len(tasks), before, kill_after))

    server = Server(binary, db, workdir, "server1")
    clients = []
    for _ in range(args.threads):
        cl = Client(server.host, server.port)
        cl.login(USER, PASSWORD)
        clients.append(cl)
    if len({cl.cookies["papi_session"] for cl in clients}) != args.threads:
        raise Skip("clients did not get distinct sessions")

    lock = threading.Lock()
    next_job = [0]
    acked = {}  # n -> (task_id, text, update id)
    in_flight = set()  # n sent with no answer when the server died
    refused = {}  # HTTP status -> count (4xx/5xx: not acknowledged)
    errors = []
    kill_now = threading.Event()
    stop = threading.Event()
    deadline = time.monotonic() + RUN_DEADLINE

    def worker(cl):
        while not stop.is_set() and time.monotonic() < deadline:
            with lock:
                if next_job[0] >= len(jobs):
                    return
                n, task_id, text, progress = jobs[next_job[0]]
                next_job[0] += 1
                in_flight.add(n)
            try:
                status, data = cl.post_update(task_id, text, progress)
            except (OSError, http.client.HTTPException):
                return  # the server is gone; n stays in flight (unknown outcome)
            with lock:
                in_flight.discard(n)
                if status == 201:
                    try:
                        uid = json.loads(data)["id"]
                    except (ValueError, KeyError, TypeError):
                        errors.append("201 without id for %s: %r" % (text, data[:200]))
                        continue
                    acked[n] = (task_id, text, uid)
                    if len(acked) == kill_after:
                        kill_now.set()
                else:
                    refused[status] = refused.get(status, 0) + 1
                    if status not in (422,) and len(errors) < 10:
                        errors.append("HTTP %d for %s: %r" % (status, text, data[:200]))

    threads = [threading.Thread(target=worker, args=(cl,), daemon=True) for cl in clients]
    t0 = time.monotonic()
    for t in threads:
        t.start()
    # Kill when the chosen number of posts has been acknowledged (or when all were sent).
    while not kill_now.wait(0.05):
        if not any(t.is_alive() for t in threads) or time.monotonic() > deadline:
            break
    killed_with_threads_running = any(t.is_alive() for t in threads)
    server.sigkill()
    elapsed = time.monotonic() - t0
    stop.set()
    for t in threads:
        t.join(HTTP_TIMEOUT + 5)
    for cl in clients:
        cl.close()
    with lock:
        n_acked, n_in_flight = len(acked), len(in_flight)
        sent = next_job[0]
    log("posted %d, acknowledged %d (%.0f/s), in flight at the kill %d, refused %s; SIGKILL %s"
        % (sent, n_acked, n_acked / max(elapsed, 1e-9), n_in_flight,
           dict(sorted(refused.items())) or "none",
           "while clients were posting" if killed_with_threads_running else "after all posts"))

    # Restart on the same file and look for every acknowledged update through the API.
    server = Server(binary, db, workdir, "server2")
    cl = Client(server.host, server.port)
    cl.login(USER, PASSWORD)
    by_task = {}
    for task_id, text, uid in acked.values():
        by_task.setdefault(task_id, []).append((uid, text))
    found_api, lost = 0, []
    for task_id, want in sorted(by_task.items()):
        have = dict(filter(None, (id_and_text(u) for u in cl.updates(task_id))))
        for uid, text in want:
            if have.get(uid) == text:
                found_api += 1
            else:
                lost.append((task_id, uid, text, have.get(uid)))
    cl.close()
    server.stop()

    # The file itself, with the server stopped.
    problems = []
    with sqlite3.connect(db) as c:
        integrity = [r[0] for r in c.execute("PRAGMA integrity_check")]
        rows = c.execute("SELECT id, task_id, text FROM task_updates WHERE text LIKE 'crash-test %'").fetchall()
    in_file = {text: (uid, task_id) for uid, task_id, text in rows}
    found_file = sum(1 for task_id, text, uid in acked.values() if in_file.get(text) == (uid, task_id))
    if len(rows) != len(in_file):
        problems.append("duplicate crash-test texts in the file: %d rows, %d distinct" % (len(rows), len(in_file)))
    acked_texts = {text for _, text, _ in acked.values()}
    maybe = {jobs[n][2] for n in in_flight}
    phantom = sorted(set(in_file) - acked_texts - maybe)
    survived_in_flight = len(set(in_file) & maybe)
    if phantom:
        problems.append("updates never acknowledged nor in flight are stored: %s" % phantom[:5])
    if integrity != ["ok"]:
        problems.append("PRAGMA integrity_check: %s" % integrity[:5])
    code, out, err = run([binary, "audit", "verify", "--json", "--database-url", "sqlite://" + db])
    try:
        audit = json.loads(out)
    except ValueError:
        audit = {"ok": False, "output": (out + err)[-500:]}
    if code != 0 or not audit.get("ok"):
        problems.append("papi audit verify: exit %d, %s" % (code, audit))
    problems += errors

    lost_n = n_acked - min(found_api, found_file)
    log("")
    log("acked %d  found %d (API %d, file %d)  lost %d" % (n_acked, min(found_api, found_file),
                                                          found_api, found_file, lost_n))
    log("in flight at the kill: %d, of which stored: %d" % (n_in_flight, survived_in_flight))
    log("PRAGMA integrity_check: %s" % ", ".join(integrity[:3]))
    log("papi audit verify: %s (%s entries checked)" % ("ok" if audit.get("ok") else "FAILED", audit.get("checked")))
    for task_id, uid, text, got in lost[:10]:
        log("LOST: task %d update %d %r (API has %r)" % (task_id, uid, text, got))
    for p in problems:
        log("PROBLEM: " + p)
    if n_acked < args.kill_min:
        problems.append("only %d acknowledged before the kill" % n_acked)
        log("PROBLEM: only %d posts were acknowledged" % n_acked)
    ok = lost_n == 0 and not lost and not problems
    log("RESULT: %s" % ("PASS" if ok else "FAIL"))
    return 0 if ok else 1


if __name__ == "__main__":
    atexit.register(kill_children)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    try:
        sys.exit(main())
    except Skip as e:
        log("crash test could not run: %s" % e)
        sys.exit(2)
    except KeyboardInterrupt:
        sys.exit(130)
