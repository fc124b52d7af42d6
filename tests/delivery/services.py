"""Real services a fault test owns: a redis-server on a free port it can stop and start again, a
TCP proxy to PostgreSQL it can close, and a form post to a real app server (CSRF cookie and
token, as a browser sends them). The machine's shared services are never stopped."""

import re
import shutil
import socket
import subprocess
import threading
import time
import urllib.parse
import urllib.request

from scripts.prodserver import PROXY_HEADERS, _opener, free_port


class RedisServer:
    """`redis-server --port <free> --save ''`, stopped and started at will on the same port."""

    def __init__(self):
        self.executable = shutil.which("redis-server") or "/usr/bin/redis-server"
        self.port = free_port()
        self.process = None

    @property
    def url(self):
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self):
        self.process = subprocess.Popen(
            [self.executable, "--port", str(self.port), "--bind", "127.0.0.1", "--save", ""],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.5) as sock:
                    sock.sendall(b"PING\r\n")
                    if sock.recv(16).startswith(b"+PONG"):
                        return self
            except OSError:
                time.sleep(0.05)
        raise RuntimeError("redis-server did not start")

    def stop(self):
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=10)
            self.process = None


def post_form(base_url, path, data, headers=None):
    """GET the form page for its CSRF cookie and token, then POST `data` as a browser would.
    Returns (status, body)."""
    page = urllib.request.Request(base_url + path, headers=PROXY_HEADERS)
    with _opener.open(page, timeout=20) as response:
        cookie = response.headers["Set-Cookie"].split(";", 1)[0]
        html = response.read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    host = urllib.parse.urlsplit(base_url).netloc
    request = urllib.request.Request(
        base_url + path,
        data=urllib.parse.urlencode({**data, "csrfmiddlewaretoken": token}).encode(),
        headers={
            **PROXY_HEADERS,
            "Cookie": cookie,
            "Origin": f"https://{host}",
            "Content-Type": "application/x-www-form-urlencoded",
            **(headers or {}),
        },
    )
    try:
        with _opener.open(request, timeout=20) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


class TcpProxy:
    """A TCP proxy on a free loopback port to `target`; stop() closes the port and every
    connection through it (the service behind it "stops answering"), start() opens it again."""

    def __init__(self, target_host, target_port):
        self.target = (target_host, target_port)
        self.port = free_port()
        self.listener = None
        self.connections = []
        self.lock = threading.Lock()

    def start(self):
        self.listener = socket.create_server(("127.0.0.1", self.port))  # SO_REUSEADDR on POSIX
        self.listener.settimeout(0.1)  # closing a socket does not wake a blocked accept()
        self.stopping = threading.Event()
        threading.Thread(
            target=self._accept, args=(self.listener, self.stopping), daemon=True
        ).start()
        return self

    def _accept(self, listener, stopping):
        while not stopping.is_set():
            try:
                client, _address = listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            if stopping.is_set():
                client.close()
                return
            client.settimeout(None)
            try:
                upstream = socket.create_connection(self.target, timeout=5)
            except OSError:
                client.close()
                continue
            upstream.settimeout(None)
            with self.lock:
                self.connections += [client, upstream]
            for source, sink in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pipe, args=(source, sink), daemon=True).start()

    @staticmethod
    def _pipe(source, sink):
        try:
            while data := source.recv(65536):
                sink.sendall(data)
        except OSError:
            pass
        finally:
            for sock in (source, sink):
                try:
                    sock.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass

    def stop(self):
        if self.listener is not None:
            self.stopping.set()
            self.listener.close()
            self.listener = None
        with self.lock:
            connections, self.connections = self.connections, []
        for sock in connections:
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            sock.close()
