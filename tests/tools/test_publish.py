"""``publish`` against a real S3 API: moto's server, started here on a loopback port.

Requests go through a small forwarding proxy that counts them by method and path, so the tests
measure what reached the store (one PUT for one changed page), and that can refuse uploads to
stand in for a store that fails halfway. Objects are always read back from moto directly.
"""

from __future__ import annotations

import base64
import hashlib
import http.client
import http.server
import shutil
import subprocess
import sys
import threading
import time
import urllib.request
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import unquote, urlsplit

import boto3
import pytest

from generators.tools import publish

from ..build.test_site_address import build_at
from ..conftest import MINI_DATA, run_cli
from ..preview import free_port

BIN = Path(sys.executable).parent
CREDENTIALS = {"AWS_ACCESS_KEY_ID": "test-key", "AWS_SECRET_ACCESS_KEY": "test-secret",
               "AWS_REGION": "cn-test-1"}


@pytest.fixture(scope="module")
def moto() -> Iterator[str]:
    """A moto S3 server on a free loopback port, for the module; its endpoint URL."""
    port = free_port()
    proc = subprocess.Popen([str(BIN / "moto_server"), "-H", "127.0.0.1", "-p", str(port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    endpoint = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(endpoint + "/", timeout=2).close()
                break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("moto_server did not start") from None
                time.sleep(0.2)
        yield endpoint
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()


class Proxy:
    """Forwards every request to moto; records (method, key); refuses the PUTs ``refuse`` picks."""

    def __init__(self, upstream: str):
        self.upstream = urlsplit(upstream).netloc
        self.log: list[tuple[str, str]] = []
        self.posts: list[tuple[str | None, str]] = []
        self.refuse: Callable[[str], bool] = lambda key: False
        proxy = self

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: object) -> None:
                pass

            def _forward(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                path = urlsplit(self.path).path
                key = unquote(path.split("/", 2)[2]) if path.count("/") >= 2 else ""
                proxy.log.append((self.command, key))
                if self.command == "POST":  # a multi-object delete: keep its MD5 and the one it claims
                    digest = base64.b64encode(hashlib.md5(body).digest()).decode()
                    proxy.posts.append((self.headers.get("Content-MD5"), digest))
                if self.command == "PUT" and key and proxy.refuse(key):
                    error = b"<Error><Code>AccessDenied</Code><Message>refused by the test</Message></Error>"
                    self.send_response(403)
                    self.send_header("Content-Type", "application/xml")
                    self.send_header("Content-Length", str(len(error)))
                    self.end_headers()
                    self.wfile.write(error)
                    return
                conn = http.client.HTTPConnection(proxy.upstream, timeout=30)
                conn.request(self.command, self.path, body=body, headers=dict(self.headers))
                response = conn.getresponse()
                data = response.read()
                self.send_response(response.status)
                for name, value in response.getheaders():
                    if name.lower() not in ("transfer-encoding", "content-length", "connection", "date",
                                            "server"):
                        self.send_header(name, value)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                if self.command != "HEAD":
                    self.wfile.write(data)
                conn.close()

            do_GET = do_PUT = do_POST = do_DELETE = do_HEAD = _forward

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.endpoint = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def puts(self) -> list[str]:
        return [key for method, key in self.log if method == "PUT"]


@pytest.fixture
def proxy(moto: str) -> Iterator[Proxy]:
    p = Proxy(moto)
    yield p
    p.server.shutdown()


@pytest.fixture
def store(moto: str, monkeypatch: pytest.MonkeyPatch):
    """A fresh bucket on moto, a client that reads it directly, and credentials in the environment."""
    for name, value in CREDENTIALS.items():
        monkeypatch.setenv(name, value)
    client = boto3.client("s3", endpoint_url=moto, aws_access_key_id="test-key",
                          aws_secret_access_key="test-secret", region_name="us-east-1")
    bucket = f"site-{uuid.uuid4().hex[:12]}"
    client.create_bucket(Bucket=bucket)
    return client, bucket


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The small fixture dataset built for publishing (a real strict MkDocs build)."""
    where = tmp_path_factory.mktemp("built")
    assert build_at(where, MINI_DATA, "2024-06-30", "https://bulletins.example.gov.cn/", "--publish") == 0
    return where / "site"


@pytest.fixture
def site(built: Path, tmp_path: Path) -> Path:
    """A writable copy of that site."""
    return Path(shutil.copytree(built, tmp_path / "site"))


def objects(client, bucket: str, prefix: str = "") -> dict[str, str]:
    found = {}
    for page in client.get_paginator("list_objects_v2").paginate(Bucket=bucket, Prefix=prefix):
        for item in page.get("Contents", []):
            found[item["Key"]] = item["ETag"]
    return found


def files_of(site: Path) -> set[str]:
    return {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}


def publish_to(capsys, endpoint: str, bucket: str, site: Path, *extra: str) -> tuple[int, str, str]:
    return run_cli(capsys, "publish", f"s3://{bucket}/bulletins", "--endpoint", endpoint,
                   "--addressing", "path", "--site", site, *extra)


def test_first_publish_uploads_the_site_with_types_and_cache_rules(store, proxy, site, capsys) -> None:
    client, bucket = store
    code, out, err = publish_to(capsys, proxy.endpoint, bucket, site)
    assert code == 0, err
    expected = files_of(site)
    assert set(objects(client, bucket)) == {f"bulletins/{rel}" for rel in expected}
    assert f"已上传 {len(expected)} 个，未变 0 个，已删除 0 个" in out

    def head(rel: str) -> dict:
        return client.head_object(Bucket=bucket, Key=f"bulletins/{rel}")

    css = next(p.relative_to(site).as_posix()
               for p in (site / "assets" / "stylesheets").glob("main.*.min.css"))
    ics = next(p.relative_to(site).as_posix() for p in (site / "feeds").rglob("*.ics"))
    cases = {
        "index.html": ("text/html; charset=utf-8", publish.SHORT),
        "tours/index.html": ("text/html; charset=utf-8", publish.SHORT),
        css: ("text/css; charset=utf-8", publish.IMMUTABLE),
        "assets/site.css": ("text/css; charset=utf-8", publish.MEDIUM),  # ours, not hashed
        "assets/status.js": ("text/javascript; charset=utf-8", publish.MEDIUM),
        "feeds/updates.xml": ("application/atom+xml; charset=utf-8", publish.SHORT),
        ics: ("text/calendar; charset=utf-8", publish.SHORT),
        "sitemap.xml": ("application/xml; charset=utf-8", publish.SHORT),
        "search/search_index.json": ("application/json; charset=utf-8", publish.SHORT),
    }
    for suffix, ctype in ((".csv", "text/csv; charset=utf-8"), (".svg", "image/svg+xml; charset=utf-8")):
        rel = next(p.relative_to(site).as_posix() for p in site.rglob("*" + suffix))
        cases[rel] = (ctype, publish.SHORT if suffix == ".csv" else publish.MEDIUM)
    for rel, (ctype, cache) in cases.items():
        meta = head(rel)
        assert (meta["ContentType"], meta["CacheControl"]) == (ctype, cache), rel
    body = client.get_object(Bucket=bucket, Key="bulletins/index.html")["Body"].read()
    assert body == (site / "index.html").read_bytes()
    # Every file the site has gets a known type: none falls back to octet-stream.
    assert [rel for rel in expected if publish.content_type(rel) == publish.OTHER] == []
    # Assets and data before pages; the home and 404 pages last.
    order = [key.removeprefix("bulletins/") for key in proxy.puts()]
    first_page = next(i for i, rel in enumerate(order) if rel.endswith(".html"))
    assert all(rel.endswith(".html") for rel in order[first_page:])
    assert set(order[-2:]) == {"index.html", "404.html"}


def test_republish_writes_only_the_changed_page_and_deletes_a_removed_one(store, proxy, site, capsys) -> None:
    client, bucket = store
    assert publish_to(capsys, proxy.endpoint, bucket, site)[0] == 0
    before = objects(client, bucket)

    page = site / "tours" / "index.html"
    page.write_text(page.read_text(encoding="utf-8").replace("</article>", "<p>更新</p></article>", 1),
                    encoding="utf-8")
    proxy.log.clear()
    code, out, err = publish_to(capsys, proxy.endpoint, bucket, site)
    assert code == 0, err
    assert proxy.puts() == ["bulletins/tours/index.html"]  # exactly one object written
    assert not [m for m, _ in proxy.log if m in ("DELETE", "POST")]
    after = objects(client, bucket)
    assert {k for k in after if after[k] != before[k]} == {"bulletins/tours/index.html"}
    assert f"已上传 1 个，未变 {len(before) - 1} 个，已删除 0 个" in out

    shutil.rmtree(site / "about")
    proxy.log.clear()
    code, out, err = publish_to(capsys, proxy.endpoint, bucket, site)
    assert code == 0, err
    assert proxy.puts() == []
    remaining = objects(client, bucket)
    assert "bulletins/about/index.html" not in remaining
    assert set(remaining) == set(after) - {"bulletins/about/index.html"}
    assert "已删除 1 个" in out
    assert len(proxy.posts) == 1 and proxy.posts[0][0] == proxy.posts[0][1]  # Content-MD5, as OSS requires


def test_failed_upload_deletes_nothing_and_exits_non_zero(store, proxy, site, capsys) -> None:
    client, bucket = store
    assert publish_to(capsys, proxy.endpoint, bucket, site)[0] == 0
    before = objects(client, bucket)

    (site / "assets" / "new.css").write_text("body { color: #000; }\n", encoding="utf-8")
    page = site / "places" / "index.html"
    page.write_text(page.read_text(encoding="utf-8") + "<!-- changed -->", encoding="utf-8")
    shutil.rmtree(site / "about")
    proxy.refuse = lambda key: key.endswith(".html")  # the store fails once pages go up
    proxy.log.clear()
    code, out, err = publish_to(capsys, proxy.endpoint, bucket, site)
    assert code == 1
    assert "发布失败" in err and "bulletins/places/index.html" in err and "AccessDenied" in err
    assert "Traceback" not in err
    after = objects(client, bucket)
    assert after["bulletins/about/index.html"] == before["bulletins/about/index.html"]  # not deleted
    assert after["bulletins/places/index.html"] == before["bulletins/places/index.html"]  # old page
    assert "bulletins/assets/new.css" in after  # assets went up first
    assert not [m for m, _ in proxy.log if m in ("DELETE", "POST")]


def test_missing_bucket_and_stopped_server_fail_clearly(store, site, capsys) -> None:
    client, bucket = store
    code, _, err = publish_to(capsys, client.meta.endpoint_url, "no-such-bucket", site)
    assert code == 1 and "NoSuchBucket" in err and "Traceback" not in err
    stopped = f"http://127.0.0.1:{free_port()}"  # nothing listens there
    code, _, err = publish_to(capsys, stopped, bucket, site)
    assert code == 1 and "发布失败" in err and "Traceback" not in err


def test_credentials_come_only_from_the_environment(store, proxy, site, capsys,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    _, bucket = store
    monkeypatch.delenv("AWS_SECRET_ACCESS_KEY")
    code, _, err = publish_to(capsys, proxy.endpoint, bucket, site)
    assert code == 1 and "AWS_SECRET_ACCESS_KEY" in err
    assert proxy.log == []  # refused before any request
    with pytest.raises(SystemExit):  # there is no option to pass a key on the command line
        run_cli(capsys, "publish", f"s3://{bucket}", "--endpoint", proxy.endpoint,
                "--aws-secret-access-key", "x")


def test_dry_run_and_an_unbuilt_site_write_nothing(store, proxy, site, tmp_path, capsys) -> None:
    client, bucket = store
    code, out, _ = publish_to(capsys, proxy.endpoint, bucket, site, "--dry-run")
    assert code == 0 and "bulletins/index.html" in out
    assert objects(client, bucket) == {} and proxy.puts() == []
    empty = tmp_path / "empty"
    empty.mkdir()
    code, _, err = publish_to(capsys, proxy.endpoint, bucket, empty)
    assert code == 1 and "index.html" in err
    assert objects(client, bucket) == {}


def test_a_local_preview_build_is_not_published(store, proxy, mini_site, capsys) -> None:
    """``make site`` without SITE_URL: its QR codes lead to 127.0.0.1, so it must not go out."""
    client, bucket = store
    code, _, err = publish_to(capsys, proxy.endpoint, bucket, mini_site)
    assert code == 1 and "本地预览" in err and "build --publish" in err
    assert proxy.log == [] and objects(client, bucket) == {}


@pytest.mark.parametrize(("target", "parsed"), [
    ("s3://bucket", ("bucket", "")),
    ("s3://bucket/", ("bucket", "")),
    ("s3://my.bucket-1/a/b/", ("my.bucket-1", "a/b/")),
])
def test_targets(target: str, parsed: tuple[str, str]) -> None:
    assert publish.parse_target(target) == parsed


@pytest.mark.parametrize("target", ["bucket/x", "s3://Bucket/x", "s3://b", "s3://bucket/a/../b", "s3://bucket/a//b"])
def test_bad_targets_are_refused(target: str) -> None:
    with pytest.raises(publish.PublishError):
        publish.parse_target(target)


def test_cache_rules() -> None:
    assert publish.cache_control("assets/javascripts/bundle.a5f9d56c.min.js") == publish.IMMUTABLE
    assert publish.cache_control("assets/javascripts/workers/search.973d3a69.min.js") == publish.IMMUTABLE
    assert publish.cache_control("assets/status.js") == publish.MEDIUM
    assert publish.cache_control("qr/tour-a1b2c3d4e5.svg") == publish.MEDIUM  # hashed-looking, not assets/
    assert publish.cache_control("places/x/index.html") == publish.SHORT

