"""Gradio's own words in Chinese on every page it serves, the login page included.

Gradio picks its words (buttons, toasts, the login form) by the browser's language, and serves the login page
without the app's head or translations. `CHINESE_FIRST` makes the browser report Chinese before Gradio's code
runs; `ChinesePages` is an ASGI middleware that puts it at the top of the <head> of the page at "/" (the app
and, before a login, the login form). Every other request passes straight through, untouched.
"""

from __future__ import annotations

CHINESE_FIRST = ("<script>try{Object.defineProperty(navigator,'language',{get:()=>'zh-CN'});"
                 "Object.defineProperty(navigator,'languages',{get:()=>['zh-CN','zh']});}catch(e){}</script>")


class ChinesePages:
    """ASGI middleware: the HTML of GET / gets CHINESE_FIRST as the first thing in its <head>."""

    def __init__(self, app) -> None:
        self.app = app

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http" or scope.get("method") != "GET" or scope.get("path") != "/":
            await self.app(scope, receive, send)
            return
        start: dict = {}
        body: list[bytes] = []

        async def rewrite(message) -> None:
            if message["type"] == "http.response.start":
                start.update(message)  # sent with the body, once its length is known
                return
            if message["type"] != "http.response.body":
                await send(message)
                return
            body.append(message.get("body", b""))
            if message.get("more_body"):
                return
            html = b"".join(body)
            headers = [(k, v) for k, v in start.get("headers", []) if k.lower() != b"content-length"]
            kind = b"".join(v for k, v in headers if k.lower() == b"content-type")
            if b"text/html" in kind and b"<head>" in html:
                html = html.replace(b"<head>", b"<head>" + CHINESE_FIRST.encode(), 1)
            await send({**start, "headers": [*headers, (b"content-length", str(len(html)).encode())]})
            await send({"type": "http.response.body", "body": html})

        await self.app(scope, receive, rewrite)
