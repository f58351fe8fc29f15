#!/usr/bin/env python3
"""An agency's script for tcmatch, using only Python's standard library.

It does what a provider's data team does each quarter:

1. publishes a few offers with POST /api/v1/offers/bulk, under an Idempotency-Key, so a
   retried upload (a timeout, a 429 or 503 answered with Retry-After) never stores them twice;
2. imports a larger file of offers as a job (POST /api/v1/imports/offers) and follows the job
   until it ends, printing its progress;
3. downloads the matches of its offers as CSV (GET /api/v1/matches?format=csv&provider=...).

    python3 examples/agency_client.py --url http://127.0.0.1:8080 --key "$KEY" \
        --provider NOR --offers offers.csv --matches matches.csv

The key must be a provider key for --provider (or an admin key). Exit status 0 on success;
on failure the service's problem (RFC 9457) is printed with every field in error.
"""

import argparse
import json
import os
import sys
import time
import urllib.error
import urllib.request
import uuid

RETRIES = 8


class Problem(Exception):
    """An error answer of the service, as problem+json."""

    def __init__(self, status, body):
        self.status = status
        try:
            self.problem = json.loads(body)
        except ValueError:
            self.problem = {"detail": body.decode("utf-8", "replace")}
        super().__init__(self.describe())

    def describe(self):
        lines = [f"{self.status}: {self.problem.get('detail') or self.problem.get('title')}"]
        for error in self.problem.get("errors", []):
            lines.append(f"  {error['field']}: {error['message']}")
        return "\n".join(lines)


class Client:
    def __init__(self, url, key):
        self.url = url.rstrip("/")
        self.key = key

    def call(self, method, path, body=None, content_type=None, headers=None):
        """One call, retried while the service is busy (429, 503: as Retry-After says) or
        unreachable; the response's status, headers and body."""
        request_headers = {"Authorization": f"Bearer {self.key}", **(headers or {})}
        if content_type:
            request_headers["Content-Type"] = content_type
        for attempt in range(RETRIES):
            request = urllib.request.Request(self.url + path, data=body, method=method, headers=request_headers)
            try:
                with urllib.request.urlopen(request, timeout=60) as response:
                    return response.status, response.headers, response.read()
            except urllib.error.HTTPError as e:
                if e.code in (429, 503) and attempt + 1 < RETRIES:
                    wait = int(e.headers.get("Retry-After", "1") or 1)
                    print(f"busy ({e.code}); waiting {wait} s as asked", file=sys.stderr)
                    time.sleep(min(wait, 60))
                    continue
                raise Problem(e.code, e.read())
            except urllib.error.URLError as e:
                if attempt + 1 < RETRIES:
                    time.sleep(2**attempt / 4)
                    continue
                raise
        raise RuntimeError("unreachable")

    def json(self, method, path, payload, headers=None):
        _, _, body = self.call(method, path, json.dumps(payload).encode(), "application/json", headers)
        return json.loads(body)


def publish_offers(client, offers):
    """Publishes offers in one all-or-nothing call; a retry with the same key is answered with
    the first answer, so the offers are stored once."""
    key = f"agency-{uuid.uuid4()}"
    stored = client.json("POST", "/api/v1/offers/bulk", offers, {"Idempotency-Key": key})
    again = client.json("POST", "/api/v1/offers/bulk", offers, {"Idempotency-Key": key})
    assert again["items"][0]["id"] == stored["items"][0]["id"], "a retry stored the offers twice"
    return stored


def import_offers(client, path):
    """Imports a file of offers as a job and follows it; the job's result."""
    content_type = "application/json" if path.endswith(".json") else "text/csv"
    with open(path, "rb") as f:
        body = f.read()
    _, headers, answer = client.call("POST", "/api/v1/imports/offers", body, content_type,
                                     {"Idempotency-Key": f"agency-import-{uuid.uuid4()}"})
    location = headers["Location"]
    print(f"import job {json.loads(answer)['id']} accepted", file=sys.stderr)
    while True:
        _, _, body = client.call("GET", location)
        job = json.loads(body)
        if job.get("rows_total"):
            print(f"  {job['status']}: {job['rows_done']} / {job['rows_total']} rows", file=sys.stderr)
        if job["status"] == "succeeded":
            return job["result"]
        if job["status"] == "failed":
            raise Problem(job["problem"].get("status", 422), json.dumps(job["problem"]).encode())
        time.sleep(0.2)


def download_matches(client, provider, path):
    """Saves every match of the provider's offers as CSV; the number of pairs."""
    _, headers, body = client.call("GET", f"/api/v1/matches?format=csv&provider={provider}")
    assert headers["Content-Type"].startswith("text/csv"), headers["Content-Type"]
    with open(path, "wb") as f:
        f.write(body)
    return max(body.decode("utf-8-sig").count("\n") - 1, 0)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", default=os.environ.get("TCMATCH_URL", "http://127.0.0.1:8080"))
    parser.add_argument("--key", default=os.environ.get("TCMATCH_API_KEY"))
    parser.add_argument("--provider", required=True, help="a donor State (alpha-3) or an organization id")
    parser.add_argument("--offers", required=True, help="a CSV (or .json) of offers to import as a job")
    parser.add_argument("--matches", default="matches.csv", help="where to save the matches")
    args = parser.parse_args()
    if not args.key:
        parser.error("give --key or set TCMATCH_API_KEY")
    client = Client(args.url, args.key)
    try:
        quick = [{"provider": args.provider, "title": title, "themes": themes, "global": True}
                 for title, themes in [("Legal drafting on torture prevention", ["torture"]),
                                       ("Training for prison staff", ["detention"])]]
        stored = publish_offers(client, quick)
        print(f"published {stored['created']} offers", file=sys.stderr)
        result = import_offers(client, args.offers)
        print(f"imported {result['created']} offers", file=sys.stderr)
        pairs = download_matches(client, args.provider, args.matches)
        print(f"saved {pairs} matches to {args.matches}", file=sys.stderr)
        print(json.dumps({"published": stored["created"], "imported": result["created"], "matches": pairs}))
    except Problem as e:
        print(e.describe(), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
