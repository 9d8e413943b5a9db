"""Entry point: a parent process that imports Django once and forks one child per session.

The parent reads every request. It answers `hello` and `shutdown` itself; on `open` it forks a
child that boots the session's project (its own INSTALLED_APPS, models, tables, ready()); `run`
and `close` requests are passed to the child of the session they name (`params.session`, else
the most recently opened one). Children write their replies straight to stdout and exit at
`close`, so nothing a session registers (models, receivers, URLs, settings) can outlive it.
Several sessions can be open at once, each in its own process.
"""
import json
import os
import selectors
import sys
import traceback

from . import wire  # first: moves stray stdout writes to stderr

from . import boot

SHUTDOWN = 3


def parse(line):
    try:
        request = json.loads(line)
    except ValueError as e:
        wire.failure(None, "bad_request", f"the request is not JSON ({e}): {line[:200]!r}")
        return None
    if not isinstance(request, dict) or not isinstance(request.get("id"), int) or not isinstance(request.get("method"), str):
        rid = request.get("id") if isinstance(request, dict) and isinstance(request.get("id"), int) else None
        wire.failure(rid, "bad_request", 'a request is an object with an integer "id", a "method" and "params"')
        return None
    if not isinstance(request.get("params", {}), dict):
        wire.failure(request["id"], "bad_request", '"params" must be an object')
        return None
    return request


class Child:
    def __init__(self, sid, pid, requests_fd, death_fd):
        self.sid = sid
        self.pid = pid
        self.requests_fd = requests_fd
        self.death_fd = death_fd


class Parent:
    def __init__(self):
        self.reader = wire.Reader(0)
        self.children = {}
        self.order = []
        self.counter = 0
        # select() also accepts a regular file as stdin (epoll does not).
        self.selector = selectors.SelectSelector()
        self.selector.register(0, selectors.EVENT_READ, None)
        self.stop = False

    def current(self):
        return self.order[-1] if self.order else None

    def open(self, request):
        self.counter += 1
        sid = f"s{self.counter}"
        req_r, req_w = os.pipe()
        death_r, death_w = os.pipe()
        sys.stderr.flush()
        pid = os.fork()
        if pid == 0:
            code = 70
            try:
                os.close(req_w)
                os.close(death_r)
                for other in self.children.values():
                    os.close(other.requests_fd)
                    os.close(other.death_fd)
                from . import session

                code = session.serve(wire.Reader(req_r), request, sid)
            except BaseException:  # noqa: BLE001 - report and exit, whatever happened
                traceback.print_exc()
            finally:
                sys.stderr.flush()
                os._exit(code)
        os.close(req_r)
        os.close(death_w)
        child = Child(sid, pid, req_w, death_r)
        self.children[sid] = child
        self.order.append(sid)
        self.selector.register(death_r, selectors.EVENT_READ, child)

    def forward(self, child, line):
        data = memoryview(line + b"\n")
        try:
            while data:
                data = data[os.write(child.requests_fd, data):]
        except OSError:
            pass  # the child is gone; its exit is reported through its death pipe

    def reap(self, child):
        """A child ended: collect it, and say so if it did not end normally."""
        self.selector.unregister(child.death_fd)
        os.close(child.death_fd)
        os.close(child.requests_fd)
        _, status = os.waitpid(child.pid, 0)
        code = os.waitstatus_to_exitcode(status)
        self.children.pop(child.sid, None)
        if child.sid in self.order:
            self.order.remove(child.sid)
        if code == SHUTDOWN:
            self.stop = True
        elif code != 0 and not self.stop:
            wire.notice("session_ended", session=child.sid, exit_code=code, message=f"the session process exited with {code}; see stderr")

    def handle(self, line):
        request = parse(line)
        if request is None:
            return
        method, rid, params = request["method"], request["id"], request.get("params") or {}
        if method == "hello":
            wire.reply(rid, boot.hello())
        elif method == "open":
            self.open(request)
        elif method in ("run", "close"):
            sid = params.get("session") or self.current()
            child = self.children.get(sid) if sid is not None else None
            if child is None:
                if method == "close":
                    wire.reply(rid, None)
                else:
                    wire.failure(rid, "bad_request", "no session is open: send open first" if sid is None else f"no open session {sid!r}")
                return
            self.forward(child, line)
            if method == "close":
                # No longer routable: a request naming it now is answered here, not lost.
                self.children.pop(child.sid, None)
                if child.sid in self.order:
                    self.order.remove(child.sid)
        elif method == "shutdown":
            self.end_all()
            wire.reply(rid, None)
            self.stop = True
        else:
            wire.failure(rid, "unsupported", f"no such method: {method}")

    def loop(self):
        while not self.stop:
            nl = self.reader.buffer.find(b"\n")
            if nl >= 0:
                line, self.reader.buffer = self.reader.buffer[:nl], self.reader.buffer[nl + 1:]
                if line.strip():
                    self.handle(line)
                continue
            for key, _ in self.selector.select():
                if key.data is None:
                    chunk = os.read(0, 65536)
                    if not chunk:
                        self.stop = True
                        break
                    self.reader.buffer += chunk
                else:
                    self.reap(key.data)
        self.end_all()

    def end_all(self):
        """Ends every session process (end of input or shutdown) and waits for each."""
        for key in list(self.selector.get_map().values()):
            child = key.data
            if child is not None:
                os.close(child.requests_fd)
                child.requests_fd = os.open(os.devnull, os.O_WRONLY)
                self.reap(child)


def main():
    boot.zygote_setup()
    try:
        Parent().loop()
    finally:
        boot.zygote_cleanup()


if __name__ == "__main__":
    main()
