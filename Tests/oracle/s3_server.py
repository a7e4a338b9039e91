"""moto's S3 server on 127.0.0.1 for the object-storage tests, a recording (and, on demand,
stalling) proxy in front of it, and pyarrow's S3 filesystem on it as the oracle."""
from __future__ import annotations

import http.client
import json
import os
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qsl, unquote, urlsplit

import pyarrow.fs as pafs

REGION = "us-east-1"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Moto:
    """A moto_server process on a free loopback port (stopped by `stop`)."""

    def __init__(self, log: Path):
        self.port = free_port()
        self.endpoint = f"http://127.0.0.1:{self.port}"
        binary = Path(sys.executable).parent / "moto_server"
        self.log = open(log, "wb")
        self.proc = subprocess.Popen([str(binary), "-H", "127.0.0.1", "-p", str(self.port)],
                                     stdout=self.log, stderr=subprocess.STDOUT, start_new_session=True)
        deadline = time.monotonic() + 30
        while True:
            try:
                urllib.request.urlopen(self.endpoint + "/moto-api/data.json", timeout=1).read()
                break
            except OSError:
                if self.proc.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"moto_server did not start (see {log})")
                time.sleep(0.1)

    def stop(self):
        self.proc.terminate()
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        self.log.close()

    def boto(self, service: str, key: str = "test", secret: str = "test"):
        import boto3  # moto[server] depends on boto3
        return boto3.client(service, endpoint_url=self.endpoint, region_name=REGION,
                            aws_access_key_id=key, aws_secret_access_key=secret)

    def create_bucket(self, name: str):
        self.boto("s3").create_bucket(Bucket=name)

    def enable_auth(self) -> tuple[str, str]:
        """Creates an IAM user allowed everything and makes moto check every request's signature
        from then on (by default it accepts any); returns the user's key and secret."""
        iam = self.boto("iam")
        iam.create_user(UserName="eventtop")
        iam.put_user_policy(UserName="eventtop", PolicyName="all", PolicyDocument=json.dumps({
            "Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}))
        k = iam.create_access_key(UserName="eventtop")["AccessKey"]
        req = urllib.request.Request(self.endpoint + "/moto-api/reset-auth", data=b"0", method="POST",
                                     headers={"Content-Type": "text/plain"})
        urllib.request.urlopen(req, timeout=10).read()
        return k["AccessKeyId"], k["SecretAccessKey"]

    def filesystem(self, key: str = "test", secret: str = "test") -> pafs.S3FileSystem:
        return pafs.S3FileSystem(access_key=key, secret_key=secret, region=REGION, scheme="http",
                                 endpoint_override=f"127.0.0.1:{self.port}")


def environment(endpoint: str, key: str = "test", secret: str = "test", **extra) -> dict:
    """The process environment without any AWS_* of the machine, plus the test store's."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
    env.update(AWS_ACCESS_KEY_ID=key, AWS_SECRET_ACCESS_KEY=secret, AWS_REGION=REGION, AWS_ENDPOINT_URL=endpoint)
    env.update(extra)
    return env


class Recorded:
    def __init__(self, method: str, path: str, query: dict, range_: str | None):
        self.method, self.path, self.query, self.range = method, path, query, range_

    def __repr__(self):
        return f"{self.method} {self.path} {self.query} {self.range or ''}"


class Proxy:
    """A loopback HTTP proxy in front of moto that records every request (method, decoded path,
    query, Range header) and, once `stall_after` requests have passed, answers none (the store
    that stops answering)."""

    def __init__(self, target_port: int):
        self.requests: list[Recorded] = []
        self.stall_after: int | None = None
        self.release = threading.Event()
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):
                pass

            def handle_one(self):
                parts = urlsplit(self.path)
                proxy.requests.append(Recorded(self.command, unquote(parts.path), dict(parse_qsl(parts.query)),
                                               self.headers.get("Range")))
                if proxy.stall_after is not None and len(proxy.requests) > proxy.stall_after:
                    proxy.release.wait(120)
                    self.close_connection = True
                    return
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else None
                conn = http.client.HTTPConnection("127.0.0.1", target_port, timeout=60)
                conn.putrequest(self.command, self.path, skip_host=True, skip_accept_encoding=True)
                for name, value in self.headers.items():
                    conn.putheader(name, value)
                conn.endheaders(body)
                resp = conn.getresponse()
                data = resp.read()
                self.send_response_only(resp.status, resp.reason)
                for name, value in resp.getheaders():
                    if name.lower() not in ("content-length", "connection", "transfer-encoding"):
                        self.send_header(name, value)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                if self.command != "HEAD":
                    self.wfile.write(data)
                conn.close()

            do_GET = do_PUT = do_DELETE = do_HEAD = do_POST = handle_one

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        self.endpoint = f"http://127.0.0.1:{self.port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def stop(self):
        self.release.set()
        self.server.shutdown()
        self.server.server_close()


class Silent:
    """A loopback port that accepts connections and never answers."""

    def __init__(self):
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(64)
        self.port = self.sock.getsockname()[1]
        self.endpoint = f"http://127.0.0.1:{self.port}"
        self.held: list[socket.socket] = []
        self.stopped = False
        self.thread = threading.Thread(target=self._accept, daemon=True)
        self.thread.start()

    def _accept(self):
        while not self.stopped:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            self.held.append(conn)

    def stop(self):
        self.stopped = True
        self.sock.close()
        for c in self.held:
            c.close()
