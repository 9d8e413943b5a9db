"""Entry point: a parent process that imports Django once and forks one child per session.

The parent answers `hello`, `close` (with nothing open) and `shutdown`. On `open` it forks: the
child boots the session's project (its own INSTALLED_APPS, models, tables, ready()), answers the
session's commands on the same stdin/stdout, and exits at `close`. Nothing a session registers
(models, receivers, URLs, settings) can outlive it, because the process that held it is gone.
"""
import json
import os
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


def run_session(reader, request):
    """Forks a child for the session; returns the child's exit code once it has ended."""
    r, w = os.pipe()
    sys.stderr.flush()
    pid = os.fork()
    if pid == 0:
        os.close(r)
        code = 70
        try:
            from . import session
            code = session.serve(reader, request)
        except BaseException:  # noqa: BLE001 - the child must always hand the input back
            traceback.print_exc()
        finally:
            try:
                data = memoryview(reader.buffer)
                while data:
                    data = data[os.write(w, data):]
                os.close(w)
            finally:
                sys.stderr.flush()
                os._exit(code)
    os.close(w)
    reader.buffer = b""
    chunks = []
    while True:
        chunk = os.read(r, 65536)
        if not chunk:
            break
        chunks.append(chunk)
    os.close(r)
    _, status = os.waitpid(pid, 0)
    reader.buffer = b"".join(chunks) + reader.buffer
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, SHUTDOWN):
        wire.notice("session_ended", exit_code=code, message=f"the session process exited with {code}; see stderr")
    return code


def main():
    boot.zygote_setup()
    reader = wire.Reader()
    try:
        while True:
            line = reader.readline()
            if line is None:
                break
            request = parse(line)
            if request is None:
                continue
            method, rid = request["method"], request["id"]
            if method == "hello":
                wire.reply(rid, boot.hello())
            elif method == "open":
                if run_session(reader, request) == SHUTDOWN:
                    break
            elif method == "close":
                wire.reply(rid, None)
            elif method == "run":
                wire.failure(rid, "bad_request", "no session is open: send open first")
            elif method == "shutdown":
                wire.reply(rid, None)
                break
            else:
                wire.failure(rid, "unsupported", f"no such method: {method}")
    finally:
        boot.zygote_cleanup()


if __name__ == "__main__":
    main()
