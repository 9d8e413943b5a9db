"""The line protocol's transport: requests read from stdin through our own buffer (so a forked
session process can hand unread bytes back to its parent), replies written to a private copy of
stdout. Anything else that writes to stdout (Django's logging, print()) lands on stderr."""
import json
import os
import selectors
import sys

PROTO_FD = os.dup(1)
os.dup2(2, 1)
sys.stdout = sys.stderr


class Reader:
    def __init__(self, fd=0):
        self.fd = fd
        self.buffer = b""
        # Extra file objects to service while waiting for a line: {fileobj: callback}.
        self.watched = {}

    def readline(self):
        """The next line (bytes, without the newline), or None at end of input."""
        while True:
            nl = self.buffer.find(b"\n")
            if nl >= 0:
                line, self.buffer = self.buffer[:nl], self.buffer[nl + 1:]
                return line
            if self.watched:
                self._wait()
            chunk = os.read(self.fd, 65536)
            if not chunk:
                if self.buffer:
                    line, self.buffer = self.buffer, b""
                    return line
                return None
            self.buffer += chunk

    def _wait(self):
        """Services watched sockets (a served HTTP port) until stdin is readable."""
        with selectors.SelectSelector() as sel:
            sel.register(self.fd, selectors.EVENT_READ, None)
            for fileobj, callback in self.watched.items():
                sel.register(fileobj, selectors.EVENT_READ, callback)
            while True:
                for key, _ in sel.select():
                    if key.data is None:
                        return
                    key.data()


def write(message):
    data = (json.dumps(message, ensure_ascii=False, allow_nan=False, separators=(",", ":")) + "\n").encode("utf-8")
    view = memoryview(data)
    while view:
        n = os.write(PROTO_FD, view)
        view = view[n:]


def reply(request_id, result):
    write({"id": request_id, "result": result})


def failure(request_id, kind, message, detail=None):
    body = {"kind": kind, "message": message}
    if detail:
        body["detail"] = detail
    write({"id": request_id, "failure": body})


def notice(name, **data):
    write({"notice": name, **data})
