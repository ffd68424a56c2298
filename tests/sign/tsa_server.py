#!/usr/bin/env python3
"""A loopback RFC 3161 timestamp authority for trame signer's tests.

Usage: tsa_server.py DIR PORTFILE — listens on 127.0.0.1 (a free port, written to
PORTFILE), answers each POST with `openssl ts -reply` using DIR/tsa.cnf, and exits after
120 seconds or 20 requests, whichever comes first.
"""
import http.server
import os
import subprocess
import sys
import tempfile
import threading

DIR, PORTFILE = sys.argv[1], sys.argv[2]
served = 0


class Handler(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        global served
        served += 1
        length = min(int(self.headers.get("Content-Length", "0")), 65536)
        query = self.rfile.read(length)
        with tempfile.TemporaryDirectory() as tmp:
            q, r = os.path.join(tmp, "q.tsq"), os.path.join(tmp, "r.tsr")
            with open(q, "wb") as f:
                f.write(query)
            ok = subprocess.run(["openssl", "ts", "-reply", "-config", os.path.join(DIR, "tsa.cnf"),
                                 "-queryfile", q, "-out", r], cwd=DIR, capture_output=True, timeout=30).returncode == 0
            body = open(r, "rb").read() if ok and os.path.exists(r) else b""
        self.send_response(200 if body else 500)
        self.send_header("Content-Type", "application/timestamp-reply")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
        if served >= 20:
            threading.Thread(target=self.server.shutdown).start()

    def log_message(self, *args):
        pass


server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
with open(PORTFILE, "w") as f:
    f.write(str(server.server_address[1]))
threading.Timer(120, server.shutdown).start()
server.serve_forever()
