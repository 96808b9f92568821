# SPDX-License-Identifier: GPL-3.0-or-later
"""A portal that misbehaves on request, for the UI tests: a real HTTP
server on loopback (http.server in a thread of the test), real sockets,
real replies.

It serves the Participation API's reading part (entities, topics with
cursor paging, one topic, outcomes) for TOPIC_COUNT topics, the first of
which has markup in its title. POST /control?fault=NAME makes every /v1
request misbehave as NAME until it is set back to "none" (but
"slow-entities", which only holds back the public bodies for
ENTITIES_DELAY_S); GET /control says the fault and how many /v1 requests
it answered. /v1/topics?q= finds the topics whose English title holds q.
"""

import json
import socket
import threading
import time
import urllib.parse
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

TOPIC_COUNT = 45
# Text from the portal, to be shown as these characters and never as markup.
MARKUP_TITLE = "<b>x</b> &amp; <i>"
# Bigger than the client's limit for a reply (8 MiB).
HUGE_SIZE = 9 * 1024 * 1024
# How long the slow and trickling replies go on at most; the client gives
# up well before.
SLOW_LIMIT_S = 40
# How long "slow-entities" holds back the public bodies.
ENTITIES_DELAY_S = 4

FAULTS = ("none", "html", "500", "redirect", "redirect-loop", "huge", "huge-stream", "slow",
          "trickle", "malformed", "wrong-shape", "close", "slow-entities")


def localized(ar, en):
    return {"ar": ar, "en": en}


def topic(number):
    title = MARKUP_TITLE if number == 1 else "Practice topic %d" % number
    return {
        "id": number, "entity_id": 1, "kind": "consultation", "status": "open",
        "title": localized(title, title), "title_text": localized(title, title),
        "summary": localized("ملخص", "Summary %d" % number),
        "summary_text": localized("ملخص", "Summary %d" % number),
        "body": localized("نص " + MARKUP_TITLE, "Body " + MARKUP_TITLE),
        "body_text": localized("نص " + MARKUP_TITLE, "Body " + MARKUP_TITLE),
        "images": [],
        "opens_at": "2026-11-01T08:00:00+04:00", "closes_at": "2027-01-01T08:00:00+04:00",
        "feedback_due": None, "results_published_at": None, "comment_count": 0,
        "updated_at": "2026-11-01T08:00:00+04:00",
    }


ENTITY = {"id": 1, "kind": "ministry", "name": localized("وزارة التجربة", "Ministry of Practice"),
          "description": localized("", ""), "website": None}


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, format, *args):  # quiet
        pass

    def send_body(self, status, content_type, body, extra=()):
        data = body.encode() if isinstance(body, str) else body
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        for name, value in extra:
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(data)

    def send_json(self, value):
        self.send_body(200, "application/json", json.dumps(value, ensure_ascii=False))

    def do_POST(self):
        url = urllib.parse.urlsplit(self.path)
        query = urllib.parse.parse_qs(url.query)
        fault = query.get("fault", [""])[0]
        if url.path != "/control" or fault not in FAULTS:
            self.send_body(404, "text/plain", "no such control")
            return
        self.server.portal.fault = fault
        self.send_body(200, "text/plain", fault)

    def do_GET(self):
        url = urllib.parse.urlsplit(self.path)
        portal = self.server.portal
        if url.path == "/control":
            self.send_json({"fault": portal.fault, "requests": portal.requests})
            return
        if not url.path.startswith("/v1/"):
            self.send_body(404, "text/plain", "not found")
            return
        portal.requests += 1
        fault = portal.fault
        if fault == "slow-entities":
            if url.path == "/v1/entities":
                portal.stopping.wait(ENTITIES_DELAY_S)
            fault = "none"
        if fault != "none":
            getattr(self, "fault_" + fault.replace("-", "_"))()
            return
        self.serve(url.path, urllib.parse.parse_qs(url.query))

    def serve(self, path, query):
        if path == "/v1/entities":
            self.send_json({"items": [ENTITY], "next_cursor": None})
        elif path == "/v1/topics":
            limit = min(int(query.get("limit", ["20"])[0]), 50)
            start = int(query.get("cursor", ["0"])[0])
            words = query.get("q", [""])[0].lower()
            found = [t for t in (topic(n + 1) for n in range(TOPIC_COUNT))
                     if words in t["title_text"]["en"].lower()]
            end = min(start + limit, len(found))
            self.send_json({"items": found[start:end],
                            "next_cursor": str(end) if end < len(found) else None})
        elif path.startswith("/v1/topics/") and path[len("/v1/topics/"):].isdigit() \
                and 1 <= int(path[len("/v1/topics/"):]) <= TOPIC_COUNT:
            self.send_json(topic(int(path[len("/v1/topics/"):])))
        elif path == "/v1/outcomes":
            self.send_json({"items": [], "next_cursor": None})
        else:
            self.send_body(404, "application/problem+json",
                           json.dumps({"type": "about:blank", "status": 404,
                                       "title": "Not found"}))

    # The faults, one method each.
    def fault_html(self):
        self.send_body(200, "text/html; charset=utf-8",
                       "<!DOCTYPE html><html><body><h1>Welcome</h1>"
                       "<p>Sign in to the Wi-Fi first.</p></body></html>")

    def fault_500(self):
        self.send_body(500, "text/html", "<html><body>Internal Server Error</body></html>")

    def fault_redirect(self):
        self.send_body(302, "text/html", "moved",
                       [("Location", "http://portal.example.invalid" + self.path)])

    def fault_redirect_loop(self):
        self.send_body(302, "text/html", "moved", [("Location", self.path)])

    def write_huge(self):
        chunk = b" " * 65536
        try:
            for _ in range(HUGE_SIZE // len(chunk) + 1):
                self.wfile.write(chunk)
        except OSError:  # the client stopped reading: it has seen enough
            pass
        self.close_connection = True

    def fault_huge(self):
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(HUGE_SIZE + 65536))
        self.end_headers()
        self.write_huge()

    def fault_huge_stream(self):
        # No length: the reply ends when the connection closes.
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Connection", "close")
        self.end_headers()
        self.write_huge()

    def fault_slow(self):
        end = time.monotonic() + SLOW_LIMIT_S
        while time.monotonic() < end and not self.server.portal.stopping.is_set():
            time.sleep(0.1)
        self.close_connection = True

    def fault_trickle(self):
        # A byte of white space at a time, each well within the client's
        # I/O timeout: only a deadline for the whole reply ends it.
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        end = time.monotonic() + SLOW_LIMIT_S
        try:
            while time.monotonic() < end and not self.server.portal.stopping.is_set():
                self.wfile.write(b"1\r\n \r\n")
                self.wfile.flush()
                time.sleep(0.3)
        except OSError:
            pass
        self.close_connection = True

    def fault_malformed(self):
        self.send_body(200, "application/json", '{"items": [1, 2,, }')

    def fault_wrong_shape(self):
        self.send_body(200, "application/json", '[{"title": 1}, "topics"]')

    def fault_close(self):
        # Reads the request, then closes without a word.
        self.close_connection = True
        try:
            self.connection.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass


class BadPortal:
    """The portal in a thread; start() binds a port (the same one again
    after stop(), so that a refused connection can be tested)."""

    def __init__(self):
        self.fault = "none"
        self.requests = 0
        self.port = 0
        self.httpd = None
        self.thread = None
        self.stopping = threading.Event()

    @property
    def url(self):
        return "http://127.0.0.1:%d" % self.port

    def start(self):
        self.stopping.clear()
        self.httpd = ThreadingHTTPServer(("127.0.0.1", self.port), Handler)
        self.httpd.daemon_threads = True
        self.httpd.portal = self
        self.port = self.httpd.server_address[1]
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def stop(self):
        if self.httpd is None:
            return
        self.stopping.set()
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join(5)
        self.httpd = None

    def set_fault(self, fault):
        """Through the control URL, as any client would."""
        request = urllib.request.Request("%s/control?fault=%s" % (self.url, fault), method="POST",
                                         data=b"")
        with urllib.request.urlopen(request, timeout=5) as reply:
            return reply.read().decode() == fault
