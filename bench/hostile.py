#!/usr/bin/env python3
"""Hostile files against the running server and the CLI: nothing may stop either.

Creates a demo database, starts `papi serve` on a free loopback port, signs in as the office
(`vanphong`) and sends the files a probe of the landed server used to stop it:

  * an 8 KB XLSX with one cell at A1 and one at XFD1048576 (a sheet "spanning" 17 billion
    cells), to the task table, survey answers and population imports;
  * a DOCX whose document.xml unpacks to 300 MB of spaces (a zip bomb), to the plan preview;
  * an XLSX whose sheet unpacks to 300 MB;
  * a task table whose shared-string index points past the table (which made the spreadsheet
    library panic);

and checks each is answered 422 with a Vietnamese message while the server stays up. Then two
23 MB Markdown plans are previewed at once while /healthz is polled every 50 ms; the script
prints the health check's latencies during the imports (p50, p99, max). Finally the CLI gets the
same files and must exit non-zero with a message (not a panic's 101).

Timings are printed, not judged: the checks that fail the script are crashes, 5xx, dropped
connections, wrong statuses and CLI panics. Python 3 standard library only.

    python3 bench/hostile.py [--bin PATH] [--markdown-mb 23]
"""

import argparse
import atexit
import http.client
import io
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import zipfile

from papibench import ROOT, find_binary

CSRF_RE = re.compile(r'name="csrf" value="([^"]+)"')
CHILDREN = []


def log(msg):
    print(msg, flush=True)


@atexit.register
def kill_children():
    for p in CHILDREN:
        if p.poll() is None:
            p.kill()
            p.wait(timeout=10)


# ---------------------------------------------------------------------------------------------
# The hostile files

CT = ('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
      '<Default Extension="xml" ContentType="application/xml"/>'
      '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
      '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
      '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
      '</Types>')
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
RELS = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="%s/officeDocument" Target="xl/workbook.xml"/></Relationships>' % REL)
WORKBOOK = ('<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
            'xmlns:r="%s"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>' % REL)
WB_RELS = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
           '<Relationship Id="rId1" Type="%s/worksheet" Target="worksheets/sheet1.xml"/>'
           '<Relationship Id="rId2" Type="%s/sharedStrings" Target="sharedStrings.xml"/></Relationships>' % (REL, REL))
SHARED = ('<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="2" uniqueCount="2">'
          '<si><t>STT</t></si><si><t>Nhiệm vụ</t></si></sst>')
SHEET_HEAD = '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'


def xlsx(sheet_xml_chunks):
    """An XLSX package whose sheet1.xml is the concatenation of `sheet_xml_chunks`."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", CT)
        z.writestr("_rels/.rels", RELS)
        z.writestr("xl/workbook.xml", WORKBOOK)
        z.writestr("xl/_rels/workbook.xml.rels", WB_RELS)
        z.writestr("xl/sharedStrings.xml", SHARED)
        with z.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as f:
            for chunk in sheet_xml_chunks:
                f.write(chunk.encode())
    return buf.getvalue()


def sparse_xlsx():
    return xlsx([SHEET_HEAD, '<dimension ref="A1:XFD1048576"/><sheetData>'
                 '<row r="1"><c r="A1" t="s"><v>0</v></c></row>'
                 '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row></sheetData></worksheet>'])


def spaces(mb):
    block = " " * (1 << 20)
    for _ in range(mb):
        yield block


def xlsx_bomb(mb=300):
    return xlsx([SHEET_HEAD, '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>'] + list(spaces(mb))
                + ['</t></is></c></row></sheetData></worksheet>'])


def panicking_xlsx():
    return xlsx([SHEET_HEAD, '<sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>4000000000</v></c></row>'
                 '<row r="2"><c r="A2" t="s"><v>987654321</v></c></row></sheetData></worksheet>'])


def docx_bomb(mb=300):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>')
        with z.open("word/document.xml", "w", force_zip64=True) as f:
            f.write(b'<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>')
            for block in spaces(mb):
                f.write(block.encode())
            f.write(b"</w:t></w:r></w:p></w:body></w:document>")
    return buf.getvalue()


def big_markdown(mb):
    with open(os.path.join(ROOT, "crates", "papi-cli", "demo", "plan.md"), encoding="utf-8") as f:
        plan = f.read()
    filler = "\n".join("- Nội dung bổ sung số %d: tuyên truyền, niêm yết công khai tại nhà văn hóa thôn." % i
                       for i in range(200_000))
    text = plan
    while len(text.encode()) < mb * (1 << 20):
        text += "\n\n" + filler
    return text.encode()[: mb * (1 << 20)].decode("utf-8", "ignore").encode()


# ---------------------------------------------------------------------------------------------
# HTTP


class Client:
    def __init__(self, host, port, timeout=120):
        self.host, self.port, self.timeout = host, port, timeout
        self.cookies = {}

    def request(self, method, path, body=None, headers=None):
        conn = http.client.HTTPConnection(self.host, self.port, timeout=self.timeout)
        h = dict(headers or {})
        if self.cookies:
            h["Cookie"] = "; ".join("%s=%s" % kv for kv in self.cookies.items())
        conn.request(method, path, body=body, headers=h)
        r = conn.getresponse()
        data = r.read()
        for k, v in r.getheaders():
            if k.lower() == "set-cookie":
                name, _, rest = v.partition("=")
                self.cookies[name.strip()] = rest.split(";", 1)[0]
        conn.close()
        return r.status, data.decode("utf-8", "replace")

    def login(self, user, password):
        _, page = self.request("GET", "/login")
        token = CSRF_RE.search(page).group(1)
        form = urllib.parse.urlencode({"username": user, "password": password, "csrf": token})
        status, _ = self.request("POST", "/login", form.encode(), {"Content-Type": "application/x-www-form-urlencoded"})
        assert status == 303, "login: %d" % status
        _, page = self.request("GET", "/staff/import")
        self.csrf = CSRF_RE.search(page).group(1)

    def upload(self, path, file_name, content, fields=()):
        boundary = "papi-hostile-boundary-7f3a"
        parts = []
        for name, value in [("csrf", self.csrf)] + list(fields):
            parts.append(("--%s\r\nContent-Disposition: form-data; name=\"%s\"\r\n\r\n%s\r\n" % (boundary, name, value)).encode())
        parts.append(("--%s\r\nContent-Disposition: form-data; name=\"file\"; filename=\"%s\"\r\n"
                      "Content-Type: application/octet-stream\r\n\r\n" % (boundary, file_name)).encode())
        parts.append(content)
        parts.append(("\r\n--%s--\r\n" % boundary).encode())
        return self.request("POST", path, b"".join(parts), {"Content-Type": "multipart/form-data; boundary=" + boundary})


def error_text(page):
    m = re.search(r'class="error"[^>]*>(.*?)</(?:p|div|ul)>', page, re.S)
    return re.sub(r"<[^>]+>", " ", m.group(1)).split() if m else []


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--bin")
    ap.add_argument("--markdown-mb", type=int, default=23)
    args = ap.parse_args()
    try:
        binary = find_binary(args.bin)
    except LookupError as e:
        sys.exit(str(e))
    work = tempfile.mkdtemp(prefix="papi-hostile-")
    atexit.register(shutil.rmtree, work, True)
    db = os.path.join(work, "demo.db")
    r = subprocess.run([binary, "demo", "--file", db, "--no-serve", "--provincial", os.path.join(ROOT, "..", "shared", "data", "papi-provincial")],
                       capture_output=True, text=True, timeout=300)
    if r.returncode != 0:
        sys.exit("demo failed: " + r.stderr[-2000:])
    out = open(os.path.join(work, "serve.out"), "w")
    server = subprocess.Popen([binary, "serve", "--database-url", "sqlite://" + db, "--bind", "127.0.0.1:0", "--today", "2025-10-15"],
                              stdout=out, stderr=subprocess.STDOUT)
    CHILDREN.append(server)
    deadline = time.monotonic() + 30
    port = None
    while time.monotonic() < deadline and port is None:
        m = re.search(r"http://127\.0\.0\.1:(\d+)", open(out.name).read())
        port = m and int(m.group(1))
        time.sleep(0.1)
    if not port:
        sys.exit("server did not start")
    c = Client("127.0.0.1", port)
    c.login("vanphong", "demo-papi-2025")
    files = {
        "sparse.xlsx": sparse_xlsx(),
        "bomb.xlsx": xlsx_bomb(),
        "panic.xlsx": panicking_xlsx(),
        "bomb.docx": docx_bomb(),
    }
    for name, content in files.items():
        log("%-12s %8.1f KB" % (name, len(content) / 1024))
    failures = []
    cases = [
        ("/staff/import/tasks", "sparse.xlsx"), ("/staff/import/tasks", "bomb.xlsx"),
        ("/staff/import/tasks", "panic.xlsx"), ("/staff/import/plan", "bomb.docx"),
        ("/staff/survey/1/responses", "sparse.xlsx"), ("/staff/survey/1/population", "sparse.xlsx"),
        ("/staff/survey/1/responses", "bomb.xlsx"),
    ]
    for path, name in cases:
        t0 = time.monotonic()
        try:
            status, page = c.upload(path, name, files[name], [("op", "preview")] if path.endswith("plan") else [])
        except Exception as e:  # a dropped connection is a failure, not a crash of the script
            status, page = 0, str(e)
        took = time.monotonic() - t0
        msg = " ".join(error_text(page))[:160]
        log("%-30s %-12s HTTP %3d in %5.2f s: %s" % (path, name, status, took, msg))
        if status != 422 or not msg:
            failures.append("%s %s: HTTP %d" % (path, name, status))
        if server.poll() is not None:
            failures.append("server died after %s %s" % (path, name))
            break

    # Two large previews at once while the health check is polled.
    md = big_markdown(args.markdown_mb)
    latencies, results, stop = [], [], threading.Event()

    def preview():
        try:
            results.append(c.upload("/staff/import/plan", "ke-hoach.md", md, [("op", "preview")])[0])
        except Exception as e:
            results.append(str(e))

    workers = [threading.Thread(target=preview) for _ in range(2)]
    t0 = time.monotonic()
    for w in workers:
        w.start()
    while any(w.is_alive() for w in workers):
        s = time.monotonic()
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            conn.request("GET", "/healthz")
            ok = conn.getresponse().status == 200
            conn.close()
        except Exception:
            ok = False
        latencies.append((time.monotonic() - s) * 1000)
        if not ok:
            failures.append("/healthz failed during the imports")
            break
        time.sleep(0.05)
    for w in workers:
        w.join()
    took = time.monotonic() - t0
    lat = sorted(latencies) or [0]
    pick = lambda q: lat[min(len(lat) - 1, int(q * len(lat)))]
    log("two %d MB Markdown previews: %s in %.1f s; /healthz during them: n=%d p50 %.1f ms, p99 %.1f ms, max %.1f ms"
        % (args.markdown_mb, results, took, len(lat), pick(0.5), pick(0.99), lat[-1]))
    if results != [200, 200]:
        failures.append("markdown previews answered %s" % results)

    # The CLI: a message and a non-zero exit, never a panic (101).
    server.terminate()
    server.wait(timeout=15)
    for name in ("sparse.xlsx", "bomb.xlsx", "panic.xlsx"):
        path = os.path.join(work, name)
        with open(path, "wb") as f:
            f.write(files[name])
        r = subprocess.run([binary, "--database-url", "sqlite://" + db, "import", "tasks", path], capture_output=True, text=True, timeout=120)
        last = (r.stderr.strip().splitlines() or [""])[-1]
        log("papi import tasks %-11s exit %d: %s" % (name, r.returncode, last[:160]))
        if r.returncode in (0, 101) or not last.startswith("Lỗi"):
            failures.append("CLI %s: exit %d" % (name, r.returncode))
    path = os.path.join(work, "bomb.docx")
    with open(path, "wb") as f:
        f.write(files["bomb.docx"])
    r = subprocess.run([binary, "--database-url", "sqlite://" + db, "import", "plan", path, "--dry-run"], capture_output=True, text=True, timeout=120)
    last = (r.stderr.strip().splitlines() or [""])[-1]
    log("papi import plan bomb.docx    exit %d: %s" % (r.returncode, last[:160]))
    if r.returncode in (0, 101):
        failures.append("CLI bomb.docx: exit %d" % r.returncode)

    if failures:
        log("FAILED: " + "; ".join(failures))
        return 1
    log("ok: every hostile file refused with a message, the server stayed up")
    return 0


if __name__ == "__main__":
    sys.exit(main())
