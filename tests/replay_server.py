"""A local stand-in for an ATS's job board API: a threaded http.server on 127.0.0.1 that answers
each path (with its query) from a script of answers, recorded or hand-made.

    with ReplayServer() as ats:
        ats.json("/v1/boards/acme/jobs?content=true", board)
        ats.script("/v1/boards/acme/jobs/1?pay_transparency=true", Answer(429, headers={"Retry-After": "3"}), Answer.of(job))

A path's answers are given in turn, the last one again for every later request (so a 500 then a
200 keeps answering 200). A path with no script answers 404, as a board that does not exist does.
`requests` lists the paths asked, in order, with their headers."""

from __future__ import annotations

import json
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass(frozen=True)
class Answer:
    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0  # seconds to wait before answering: an answer slower than the client's timeout

    @classmethod
    def of(cls, data: object, status: int = 200, **options) -> "Answer":
        return cls(status, json.dumps(data).encode("utf-8"), {"Content-Type": "application/json"}, **options)


class ReplayServer:
    def __init__(self) -> None:
        self.scripts: dict[str, list[Answer]] = {}
        self.requests: list[tuple[str, dict[str, str]]] = []
        self._lock = threading.Lock()
        replay = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:  # noqa: N802 (http.server's name)
                answer = replay._next(self.path, dict(self.headers))
                if answer.delay:
                    time.sleep(answer.delay)
                try:
                    self.send_response(answer.status)
                    for name, value in answer.headers.items():
                        self.send_header(name, value)
                    self.send_header("Content-Length", str(len(answer.body)))
                    self.end_headers()
                    self.wfile.write(answer.body)
                except (BrokenPipeError, ConnectionResetError):  # the client gave up (its timeout)
                    pass

            def log_message(self, *args) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        self._thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def script(self, path: str, *answers: Answer) -> None:
        with self._lock:
            self.scripts[path] = list(answers)

    def json(self, path: str, data: object, status: int = 200) -> None:
        self.script(path, Answer.of(data, status))

    def asked(self, path: str) -> int:
        return sum(asked == path for asked, _ in self.requests)

    def _next(self, path: str, headers: dict[str, str]) -> Answer:
        with self._lock:
            self.requests.append((path, headers))
            answers = self.scripts.get(path)
            if not answers:
                return Answer.of({"status": 404, "error": "Not found"}, 404)
            return answers.pop(0) if len(answers) > 1 else answers[0]

    def __enter__(self) -> "ReplayServer":
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()
