"""A small real OpenAI-compatible HTTP server for tests: POST /v1/chat/completions, plain or streamed (SSE).

Replies are scripted: a queue, one per request, the last one repeated; each a string, or a function of the request
body returning one (to answer from the sources actually sent). Every request is recorded.
It runs on 127.0.0.1 in a thread of the test process, so the client code under test does real HTTP.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

Reply = str | Callable[[dict], str]


class FakeOpenAI:
    """Scripted chat-completions endpoint. Use as a context manager; `base_url` ends in /v1."""

    def __init__(self, replies: list[Reply] | None = None, status: int = 200, chunk_chars: int = 3) -> None:
        self.replies = list(replies or ["档案中没有找到相关报道。"])
        self.status = status  # e.g. 401 to play a server that refuses the key
        self.chunk_chars = chunk_chars  # characters per streamed delta
        self.requests: list[dict] = []  # {"path", "headers", "body"}
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._thread = threading.Thread(target=self._server.serve_forever, args=(0.05,), daemon=True)

    @property
    def base_url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}/v1"

    def __enter__(self) -> FakeOpenAI:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()

    def next_reply(self, body: dict) -> str:
        reply = self.replies.pop(0) if len(self.replies) > 1 else self.replies[0]
        return reply(body) if callable(reply) else reply

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:  # keep test output clean
                pass

            def do_POST(self) -> None:
                body = json.loads(self.rfile.read(int(self.headers.get("Content-Length", 0))) or b"{}")
                fake.requests.append({"path": self.path, "headers": dict(self.headers), "body": body})
                if self.path.rstrip("/") != "/v1/chat/completions":
                    return self._json(404, {"error": {"message": f"no route {self.path}", "type": "not_found"}})
                if fake.status != 200:
                    return self._json(fake.status, {"error": {"message": "invalid api key", "type": "auth",
                                                              "code": "invalid_api_key"}})
                reply = fake.next_reply(body)
                if body.get("stream"):
                    return self._stream(body.get("model", "fake"), reply)
                return self._json(200, {
                    "id": "chatcmpl-fake", "object": "chat.completion", "created": int(time.time()),
                    "model": body.get("model", "fake"),
                    "choices": [{"index": 0, "message": {"role": "assistant", "content": reply},
                                 "finish_reason": "stop"}],
                    "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
                })

            def _json(self, status: int, payload: dict) -> None:
                data = json.dumps(payload, ensure_ascii=False).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def _stream(self, model: str, reply: str) -> None:
                self.send_response(200)
                self.send_header("Content-Type", "text/event-stream")
                self.send_header("Cache-Control", "no-cache")
                self.end_headers()
                pieces = [reply[i:i + fake.chunk_chars] for i in range(0, len(reply), fake.chunk_chars)]
                deltas = [{"role": "assistant", "content": ""}] + [{"content": p} for p in pieces]
                for i, delta in enumerate(deltas + [{}]):
                    chunk = {"id": "chatcmpl-fake", "object": "chat.completion.chunk", "created": int(time.time()),
                             "model": model, "choices": [{"index": 0, "delta": delta,
                                                          "finish_reason": "stop" if i == len(deltas) else None}]}
                    self.wfile.write(f"data: {json.dumps(chunk, ensure_ascii=False)}\n\n".encode())
                    self.wfile.flush()
                self.wfile.write(b"data: [DONE]\n\n")
                self.wfile.flush()

        return Handler
