"""Local stand-ins for what `careersite notify` talks to: Google's OAuth token endpoint, the
Indexing API (its batch endpoint too, each call in a batch recorded as if sent alone) and IndexNow, one threaded http.server on 127.0.0.1 that records every request
(method, path, headers, body) and answers each path from a script (the last answer repeats).

Also a service account key made here: an RSA key generated with cryptography (what google-auth
signs with), its `token_uri` pointing at the stand-in."""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass, field
from email import policy
from email.parser import BytesParser
from http.client import responses
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

TOKEN, PUBLISH, BATCH, INDEXNOW = "/token", "/v3/urlNotifications:publish", "/batch", "/indexnow"
ACCOUNT = "careersite-notify@acme-careers.iam.gserviceaccount.com"


@dataclass(frozen=True)
class Reply:
    status: int = 200
    data: object = None  # sent as JSON; None: an empty body

    def body(self) -> bytes:
        return b"" if self.data is None else json.dumps(self.data).encode()


@dataclass(frozen=True)
class Request:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes

    def json(self) -> object:
        return json.loads(self.body)


@dataclass
class StandIns:
    replies: dict[str, list[Reply]] = field(default_factory=dict)
    requests: list[Request] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._lock = threading.Lock()
        stand_ins = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_POST(self) -> None:  # noqa: N802 (http.server's name)
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                request = Request(self.command, self.path, dict(self.headers), body)
                if self.path == BATCH and BATCH not in stand_ins.replies:
                    status, content_type, data = stand_ins._batch(request)
                else:
                    reply = stand_ins._answer(request)
                    status, content_type, data = reply.status, "application/json", reply.body()
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            do_GET = do_POST  # recorded too: notify must never GET

            def log_message(self, *args) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        self.script(TOKEN, Reply(200, {"access_token": "token-1", "expires_in": 3600, "token_type": "Bearer"}))
        self.script(PUBLISH, Reply(200, {"urlNotificationMetadata": {}}))
        self.script(INDEXNOW, Reply(202))

    def script(self, path: str, *replies: Reply) -> None:
        with self._lock:
            self.replies[path] = list(replies)

    def to(self, path: str) -> list[Request]:
        return [request for request in self.requests if request.path == path]

    def _answer(self, request: Request) -> Reply:
        with self._lock:
            self.requests.append(request)
            replies = self.replies.get(request.path) or [Reply(404, {"error": {"message": "not found"}})]
            return replies.pop(0) if len(replies) > 1 else replies[0]

    def _batch(self, batch: Request) -> tuple[int, str, bytes]:
        """Google's batch endpoint: each application/http part is recorded as the call it holds
        (with the batch's Authorization, which Google applies to each) and answered from that
        call's script, in a multipart/mixed answer whose parts say which call they answer."""
        message = BytesParser(policy=policy.HTTP).parsebytes(
            f"Content-Type: {batch.headers['Content-Type']}\r\n\r\n".encode() + batch.body)
        assert message.is_multipart(), batch.headers
        with self._lock:
            self.requests.append(batch)
        out = []
        for part in message.iter_parts():
            assert part.get_content_type() == "application/http"
            head, _, body = part.get_payload(decode=True).partition(b"\r\n\r\n")
            request_line, *header_lines = head.decode().split("\r\n")
            method, path = request_line.split()
            headers = dict(line.split(": ", 1) for line in header_lines) | {"Authorization": batch.headers["Authorization"]}
            reply = self._answer(Request(method, path, headers, body))
            number = part["Content-ID"].strip("<>").removeprefix("item-")
            out.append(f"--batch_answer\r\nContent-Type: application/http\r\nContent-ID: <response-item-{number}>\r\n\r\n"
                       f"HTTP/1.1 {reply.status} {responses.get(reply.status, '')}\r\nContent-Type: application/json; charset=UTF-8\r\n\r\n"
                       f"{reply.body().decode()}\r\n")
        return 200, "multipart/mixed; boundary=batch_answer", ("".join(out) + "--batch_answer--\r\n").encode()

    def __enter__(self) -> "StandIns":
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()


def rsa_key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def service_account_key(token_uri: str, private: rsa.RSAPrivateKey) -> dict:
    """A service account's JSON key as Google Cloud gives it, signing with `private`."""
    pem = private.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    key = {
        "type": "service_account",
        "project_id": "acme-careers",
        "private_key_id": "0123456789abcdef",
        "private_key": pem.decode(),
        "client_email": ACCOUNT,
        "client_id": "100000000000000000001",
        "auth_uri": "https://accounts.google.com/o/oauth2/auth",
        "token_uri": token_uri,
    }
    return key
