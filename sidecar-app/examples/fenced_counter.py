#!/usr/bin/env python3
"""Fenced work through the coordination sidecar, from any language: the standard library only.

Opens an application session, takes the lock 'example-counter' with a lease, increments a counter kept in a file
that refuses writes with an older fencing token than the last one it saw, releases the lock and ends the session.

    python3 fenced_counter.py --url http://127.0.0.1:8500 --file /tmp/counter.txt [--token SECRET]
"""
import argparse
import json
import sys
import urllib.error
import urllib.parse
import urllib.request


class Sidecar:
    def __init__(self, url, token=None):
        self.url = url.rstrip("/")
        self.token = token

    def call(self, method, path, body=None, **params):
        query = ("?" + urllib.parse.urlencode(params)) if params else ""
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(self.url + path + query, data=data, method=method)
        request.add_header("Accept", "application/json")
        if data is not None:
            request.add_header("Content-Type", "application/json")
        if self.token:
            request.add_header("Authorization", "Bearer " + self.token)
        try:
            with urllib.request.urlopen(request, timeout=60) as response:
                text = response.read().decode()
                return json.loads(text) if text else None
        except urllib.error.HTTPError as error:
            problem = json.loads(error.read().decode() or "{}")
            raise RuntimeError("%s %s: %s %s: %s" % (method, path, error.code, problem.get("code"),
                                                      problem.get("detail")))


class FencedFile:
    """The protected resource: refuses a write whose token is lower than the highest it has seen."""

    def __init__(self, path):
        self.path = path

    def read(self):
        try:
            with open(self.path) as f:
                token, value = f.read().split()
                return int(token), int(value)
        except FileNotFoundError:
            return 0, 0

    def write(self, token, value):
        last_token, _ = self.read()
        if token < last_token:
            raise RuntimeError("stale fencing token %d: %d already wrote" % (token, last_token))
        with open(self.path, "w") as f:
            f.write("%d %d\n" % (token, value))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--url", default="http://127.0.0.1:8500")
    parser.add_argument("--file", required=True)
    parser.add_argument("--token")
    args = parser.parse_args()
    sidecar = Sidecar(args.url, args.token)
    resource = FencedFile(args.file)

    session = sidecar.call("POST", "/v1/sessions", {"name": "fenced-counter.py", "ttl": "10s"})
    try:
        grant = sidecar.call("POST", "/v1/locks/example-counter", session=session["id"], owner="python",
                             wait="30s", lease="30s")
        token = grant["token"]
        try:
            _, value = resource.read()
            resource.write(token, value + 1)
            print("counter=%d token=%d" % (value + 1, token))
        finally:
            sidecar.call("DELETE", "/v1/locks/example-counter/holds/%d" % token, session=session["id"])
    finally:
        sidecar.call("DELETE", "/v1/sessions/" + session["id"])


if __name__ == "__main__":
    try:
        main()
    except RuntimeError as error:
        print(error, file=sys.stderr)
        sys.exit(1)
