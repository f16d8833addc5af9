#!/usr/bin/env python3
"""server.py - a local HTTPS (and plain HTTP) server for the feed tests.

    python3 tests/fetch/server.py --dir DIR [--lifetime SECONDS]

Makes a self-signed certificate for 127.0.0.1 in DIR (cert.pem, with `openssl req`),
binds 127.0.0.1 on two free ports (HTTPS, then plain HTTP), writes "HTTPS_PORT HTTP_PORT"
to DIR/ports, and serves until killed (or until --lifetime runs out, so a crashed test
never leaves it behind).  Every request is logged to DIR/requests.log as one line, when
its answer starts (a stalled one as status "-"):
    PORT GET /f/feed.json STATUS inm=<If-None-Match> ims=<If-Modified-Since> ae=<Accept-Encoding>
        ua=<User-Agent>

/f/NAME serves DIR/www/NAME (any query string is ignored).  DIR/www/NAME.mode, when
present, says how, so a test can change a feed's behaviour between runs:
    ok             the file, with ETag and Last-Modified; 304 on a matching If-None-Match;
                   gzip when the client accepts it (the default)
    status:N       HTTP status N with an HTML error page
    stall          accept the request, then send nothing
    truncate       Content-Length of the whole file, then half of it, then close
    html           200 with a web page (text/html)
    html-as-json   200 with a web page labelled application/json
    empty          200 with an empty body
    big            200, Content-Length 60,000,000, streamed
    big-chunked    200, 60,000,000 bytes chunked (no length given)
    redirect:URL   302 to URL (a path or an absolute address)
    evil           the file, with ETag and other headers full of "../" paths
/bmlt/client_interface/json/?switcher=X serves /f/bmlt-X.json the same way.
"""
import argparse
import email.utils
import gzip
import hashlib
import http.server
import os
import ssl
import subprocess
import sys
import threading
import time
import urllib.parse

BIG = 60_000_000
PAGE = (b"<!DOCTYPE html>\n<html><head><title>Error</title></head>"
        b"<body><h1>Something went wrong</h1></body></html>\n")


def make_cert(d):
    cert, key = os.path.join(d, "cert.pem"), os.path.join(d, "key.pem")
    if not os.path.exists(cert):
        subprocess.run(["openssl", "req", "-x509", "-newkey", "ec",
                        "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                        "-keyout", key, "-out", cert, "-days", "2",
                        "-subj", "/CN=127.0.0.1",
                        "-addext", "subjectAltName=IP:127.0.0.1"],
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return cert, key


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    root = "."

    def log_message(self, fmt, *args):  # quiet: the request log is ours
        pass

    def log_request(self, code="-", size="-"):  # called by send_response
        h = self.headers
        line = "%d %s %s %s inm=%s ims=%s ae=%s ua=%s\n" % (
            self.server.server_address[1], self.command, self.path, code,
            h.get("If-None-Match", ""), h.get("If-Modified-Since", ""),
            h.get("Accept-Encoding", ""), h.get("User-Agent", ""))
        with open(os.path.join(self.root, "requests.log"), "a") as f:
            f.write(line)

    def send(self, status, body=b"", ctype="application/json", extra=None):
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Connection", "close")
        for k, v in (extra or {}).items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(body)
        self.close_connection = True

    def do_GET(self):
        url = urllib.parse.urlsplit(self.path)
        if url.path.startswith("/f/"):
            name = url.path[3:]
        elif url.path.rstrip("/") == "/bmlt/client_interface/json":
            q = urllib.parse.parse_qs(url.query)
            name = "bmlt-%s.json" % q.get("switcher", ["none"])[0]
        else:
            return self.send(404, PAGE, "text/html")
        if "/" in name or name.startswith("."):
            return self.send(404, PAGE, "text/html")
        www = os.path.join(self.root, "www")
        path = os.path.join(www, name)
        mode = "ok"
        if os.path.exists(path + ".mode"):
            with open(path + ".mode") as f:
                mode = f.read().strip() or "ok"
        try:
            self.serve(path, name, mode)
        except (BrokenPipeError, ConnectionResetError, ssl.SSLError):
            pass

    def serve(self, path, name, mode):
        if mode.startswith("status:"):
            return self.send(int(mode[7:]), PAGE, "text/html")
        if mode.startswith("redirect:"):
            return self.send(302, extra={"Location": mode[9:]})
        if mode == "stall":
            self.log_request("-")
            time.sleep(60)
            return None
        if mode == "html":
            return self.send(200, PAGE, "text/html; charset=utf-8")
        if mode == "html-as-json":
            return self.send(200, PAGE, "application/json")
        if mode == "empty":
            return self.send(200, b"")
        if mode in ("big", "big-chunked"):
            return self.big(chunked=mode == "big-chunked")
        if not os.path.exists(path):
            return self.send(404, PAGE, "text/html")
        with open(path, "rb") as f:
            body = f.read()
        ctype = "text/csv" if name.endswith(".csv") else "application/json"
        if mode == "truncate":
            self.send_response(200)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Connection", "close")
            self.end_headers()
            self.wfile.write(body[: len(body) // 2])
            self.wfile.flush()
            self.close_connection = True
            return None
        etag = '"%s"' % hashlib.sha1(body).hexdigest()[:16]
        extra = {"ETag": etag,
                 "Last-Modified": email.utils.formatdate(os.path.getmtime(path), usegmt=True)}
        if mode == "evil":
            extra = {"ETag": '"../../../../evil"',
                     "Last-Modified": "../../../../evil\tx",
                     "Content-Disposition": 'attachment; filename="../../../evil.json"',
                     "Content-Location": "../../../evil.json"}
        if mode == "ok" and self.headers.get("If-None-Match") == etag:
            self.send_response(304)
            self.send_header("ETag", etag)
            self.send_header("Content-Length", "0")
            self.send_header("Connection", "close")
            self.end_headers()
            self.close_connection = True
            return None
        if "gzip" in self.headers.get("Accept-Encoding", ""):
            body = gzip.compress(body, mtime=0)
            extra["Content-Encoding"] = "gzip"
        return self.send(200, body, ctype, extra)

    def big(self, chunked):
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        if chunked:
            self.send_header("Transfer-Encoding", "chunked")
        else:
            self.send_header("Content-Length", str(BIG))
        self.send_header("Connection", "close")
        self.end_headers()
        block = b"[" + b" " * (1_000_000 - 1)
        for i in range(BIG // len(block)):
            data = block if i == 0 else b" " * len(block)
            if chunked:
                self.wfile.write(b"%x\r\n%s\r\n" % (len(data), data))
            else:
                self.wfile.write(data)
        if chunked:
            self.wfile.write(b"0\r\n\r\n")
        self.close_connection = True


def serve(server):
    threading.Thread(target=server.serve_forever, daemon=True).start()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--dir", required=True)
    ap.add_argument("--lifetime", type=float, default=300)
    a = ap.parse_args()
    os.makedirs(os.path.join(a.dir, "www"), exist_ok=True)
    cert, key = make_cert(a.dir)
    Handler.root = a.dir

    https = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    https.daemon_threads = True
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.load_cert_chain(cert, key)
    https.socket = ctx.wrap_socket(https.socket, server_side=True)
    plain = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    plain.daemon_threads = True
    serve(https)
    serve(plain)

    tmp = os.path.join(a.dir, "ports.tmp")
    with open(tmp, "w") as f:
        f.write("%d %d\n" % (https.server_address[1], plain.server_address[1]))
    os.rename(tmp, os.path.join(a.dir, "ports"))
    time.sleep(a.lifetime)
    sys.stdout.flush()
    os._exit(0)


if __name__ == "__main__":
    main()
