"""HTTP through Django's test Client (`http`), over a real socket (`serve`), and URL resolving."""
import json
from urllib.parse import urlencode

from django.core.serializers.json import DjangoJSONEncoder

from .commands import arg, command, values


def _response_result(response):
    headers = [[k, v] for k, v in response.items()]
    for morsel in response.cookies.values():
        headers.append(["Set-Cookie", morsel.OutputString()])
    if getattr(response, "streaming", False):
        content = b"".join(response.streaming_content)
    else:
        content = response.content
    return {"status": response.status_code, "reason": response.reason_phrase, "headers": headers, "body": content.decode("utf-8", errors="replace")}


@command("http")
def _http(s, c):
    from django.test import Client

    method = arg(c, "method").upper()
    path = arg(c, "path")
    client = Client(raise_request_exception=bool(c.get("raise_request_exception")))
    extra = {}
    if c.get("query"):
        extra["QUERY_STRING"] = urlencode(c["query"], doseq=True)
    headers = dict(c.get("headers") or {})
    content_type = c.get("content_type")
    if "json" in c:
        data = json.dumps(s.codec.decode(c["json"]), cls=DjangoJSONEncoder)
        content_type = content_type or "application/json"
    elif "body" in c:
        data = c["body"]
    else:
        data = ""
    if content_type is None:
        content_type = "application/octet-stream"
    response = client.generic(method, path, data=data, content_type=content_type, headers=headers or None, **extra)
    return _response_result(response)


@command("serve")
def _serve(s, c):
    if s.server is None:
        from django.core.handlers.wsgi import WSGIHandler
        from django.core.servers.basehttp import WSGIRequestHandler, WSGIServer

        class QuietHandler(WSGIRequestHandler):
            def log_message(self, format, *args):  # noqa: A002 - the stdlib's signature
                pass

            def parse_request(self):
                # Python's http.server collapses a leading "//" in the path; production WSGI
                # servers pass the path as sent, and Django's URL resolver is what is under test.
                ok = super().parse_request()
                words = self.requestline.split()
                if ok and len(words) >= 2 and words[1].startswith("//"):
                    self.path = words[1]
                return ok

        server = WSGIServer(("127.0.0.1", 0), QuietHandler, ipv6=False, allow_reuse_address=True)
        server.set_app(WSGIHandler())
        server.timeout = 5
        s.server = server
        s.reader.watched[server.socket] = server._handle_request_noblock
    host, port = s.server.server_address[:2]
    return {"base_url": f"http://{host}:{port}"}


@command("events")
def _events(s, c):
    s.events[:0] = s.drain_pending()
    return None


@command("reverse")
def _reverse(s, c):
    from django.urls import reverse

    kwargs = {}
    if c.get("args"):
        kwargs["args"] = [s.codec.decode(a) for a in c["args"]]
    if c.get("kwargs"):
        kwargs["kwargs"] = values(s, c, "kwargs")
    if c.get("query"):
        kwargs["query"] = c["query"]
    return reverse(arg(c, "name"), **kwargs)


@command("resolve")
def _resolve(s, c):
    from django.urls import resolve

    match = resolve(arg(c, "path"))
    return {"url_name": match.url_name, "kwargs": dict(match.kwargs)}
