"""Upload the built site/ to S3-compatible object storage (Alibaba OSS, Tencent COS, Huawei OBS, MinIO).

  python -m generators publish s3://BUCKET/PREFIX --endpoint https://oss-cn-hangzhou.aliyuncs.com

Only files whose content changed are uploaded (the MD5 of each file against the object's ETag,
which is the MD5 of a single-part upload on all these stores); the rest of the site is left as it
is. Assets and other files go up before the pages that use them, the home page last; objects the
new site no longer has are deleted only after every upload succeeded. Any failure stops with a
message and exit code 1, and the previous site keeps serving (its assets are never deleted by a
failed run). Credentials come only from the environment: AWS_ACCESS_KEY_ID,
AWS_SECRET_ACCESS_KEY (and AWS_SESSION_TOKEN if temporary), region from AWS_REGION or
AWS_DEFAULT_REGION. The prefix must belong to the site alone: anything else in it is deleted.
On a bucket encrypted with KMS the ETag is not the MD5, so every file is uploaded every time
(correct, only slower); ``--force`` does that on purpose, e.g. after the cache rules changed.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import re
import sys
from collections.abc import Callable, Iterable, Mapping
from concurrent.futures import FIRST_EXCEPTION, ThreadPoolExecutor, wait
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import urlsplit

from ..load.address import is_local_host

ROOT = Path(__file__).resolve().parent.parent

#: Text types are served with their charset: without it some phone browsers guess GBK.
CONTENT_TYPES = {
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".html": "text/html; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".mjs": "text/javascript; charset=utf-8",
    ".json": "application/json; charset=utf-8",
    ".map": "application/json; charset=utf-8",
    ".webmanifest": "application/manifest+json; charset=utf-8",
    ".xml": "application/xml; charset=utf-8",
    ".ics": "text/calendar; charset=utf-8",
    ".csv": "text/csv; charset=utf-8",
    ".svg": "image/svg+xml; charset=utf-8",
    ".txt": "text/plain; charset=utf-8",
    ".md": "text/markdown; charset=utf-8",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".gif": "image/gif",
    ".webp": "image/webp",
    ".ico": "image/x-icon",
    ".pdf": "application/pdf",
    ".woff": "font/woff",
    ".woff2": "font/woff2",
    ".ttf": "font/ttf",
    ".gz": "application/gzip",
    ".zip": "application/zip",
}
#: The Atom feed is XML, but readers and browsers look for its own type.
ATOM = "application/atom+xml; charset=utf-8"
OTHER = "application/octet-stream"

#: Pages, feeds and data change with every build (and every night): caches check back soon.
SHORT = "public, max-age=300"
#: Files under assets/ with a content hash in their name never change under that name.
IMMUTABLE = "public, max-age=31536000, immutable"
#: Everything else (images, QR codes, unhashed scripts): an hour.
MEDIUM = "public, max-age=3600"
_HASHED = re.compile(r"\.[0-9a-f]{8,}\.")
_SHORT_SUFFIXES = (".html", ".xml", ".ics", ".json", ".csv", ".txt", ".gz")

WORKERS = 8


class PublishError(Exception):
    """Why a publish cannot go ahead or did not finish; the message is for the person running it."""


@dataclass(frozen=True)
class LocalFile:
    rel: str
    """The path under site/."""
    key: str
    path: Path
    md5: str
    content_type: str
    cache_control: str


@dataclass(frozen=True)
class Plan:
    upload: list[LocalFile]
    unchanged: list[LocalFile]
    delete: list[str]


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("target", help="s3://BUCKET/PREFIX（PREFIX 可省略，即整个桶）")
    parser.add_argument("--endpoint", required=True,
                        help="对象存储的接入地址，如 https://oss-cn-hangzhou.aliyuncs.com、"
                             "https://cos.ap-shanghai.myqcloud.com、http://127.0.0.1:9000 (MinIO)")
    parser.add_argument("--addressing", choices=("virtual", "path"), default="virtual",
                        help="virtual：BUCKET.endpoint（OSS、COS、OBS 要求）；path：endpoint/BUCKET（MinIO）")
    parser.add_argument("--dry-run", action="store_true", help="只列出要上传和删除的文件，不做改动")
    parser.add_argument("--force", action="store_true",
                        help="内容未变的文件也重新上传（例如改了缓存规则之后）")


def run(args: argparse.Namespace) -> int:
    try:
        bucket, prefix = parse_target(args.target)
        files = local_files(args.site, prefix)
        client = make_client(args.endpoint, args.addressing, os.environ)
        plan = make_plan(files, remote_objects(client, bucket, prefix), force=args.force)
        if args.dry_run:
            _print_plan(plan)
            print(f"试运行，未做改动 (dry run): 将上传 {len(plan.upload)} 个，未变 {len(plan.unchanged)} 个，"
                  f"将删除 {len(plan.delete)} 个")
            return 0
        execute(client, bucket, plan, log=lambda line: print(line, file=sys.stderr))
    except PublishError as exc:
        print(f"发布失败 (publish failed): {exc}", file=sys.stderr)
        return 1
    print(f"发布完成 (published): 已上传 {len(plan.upload)} 个，未变 {len(plan.unchanged)} 个，"
          f"已删除 {len(plan.delete)} 个 (uploaded {len(plan.upload)}, unchanged {len(plan.unchanged)}, "
          f"deleted {len(plan.delete)}) → s3://{bucket}/{prefix}")
    return 0


def parse_target(target: str) -> tuple[str, str]:
    """``s3://bucket/some/prefix`` → ``("bucket", "some/prefix/")``; the prefix may be empty."""
    match = re.fullmatch(r"s3://([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])(?:/(.*))?", target)
    if not match:
        raise PublishError("目标应写成 s3://桶名/前缀，桶名只用小写字母、数字、点和连字符，"
                           f"实际是 '{target}'")
    prefix = (match.group(2) or "").strip("/")
    if prefix and any(part in ("", ".", "..") for part in prefix.split("/")):
        raise PublishError(f"前缀不能含空段、'.' 或 '..'，实际是 '{prefix}'")
    return match.group(1), prefix + "/" if prefix else ""


def local_files(site: Path, prefix: str) -> list[LocalFile]:
    """Every file of the built site with its key, MD5, type and cache rule."""
    if not (site / "index.html").is_file():
        raise PublishError(f"{site} 里没有 index.html：请先用 SITE_URL=正式网址 "
                           "python -m generators build --publish 构建")
    if built_for := _built_for(site):
        raise PublishError(f"{site} 是本地预览（地址 {built_for}），其中的二维码和链接指向本机；"
                           "请用 SITE_URL=正式网址 python -m generators build --publish 重新构建")
    files = []
    for path in sorted(site.rglob("*")):
        if path.is_symlink():
            raise PublishError(f"网站里不应有符号链接: {path}")
        if not path.is_file():
            continue
        rel = path.relative_to(site).as_posix()
        files.append(LocalFile(rel, prefix + rel, path, _md5(path), content_type(rel), cache_control(rel)))
    return files


def _built_for(site: Path) -> str | None:
    """The address of a local-preview build (from its sitemap), or None if it was built for a
    public address."""
    sitemap = site / "sitemap.xml"
    text = sitemap.read_text(encoding="utf-8") if sitemap.is_file() else ""
    found = re.search(r"<loc>\s*([^<\s]+)", text)
    url = found.group(1) if found else ""
    return url if is_local_host(urlsplit(url).hostname or "") else None


def _md5(path: Path) -> str:
    return hashlib.md5(path.read_bytes(), usedforsecurity=False).hexdigest()


def content_type(rel: str) -> str:
    suffix = PurePosixPath(rel).suffix.lower()
    if suffix == ".xml" and rel.startswith("feeds/"):
        return ATOM
    return CONTENT_TYPES.get(suffix, OTHER)


def cache_control(rel: str) -> str:
    name = PurePosixPath(rel).name
    if rel.startswith("assets/") and _HASHED.search(name):
        return IMMUTABLE
    if name.lower().endswith(_SHORT_SUFFIXES):
        return SHORT
    return MEDIUM


def make_client(endpoint: str, addressing: str, environ: Mapping[str, str]) -> Any:
    """A boto3 S3 client with credentials from the environment only (no ~/.aws, no instance
    metadata: what is used is what the workflow passed)."""
    import boto3
    from botocore.config import Config

    key, secret = environ.get("AWS_ACCESS_KEY_ID", ""), environ.get("AWS_SECRET_ACCESS_KEY", "")
    if not key or not secret:
        raise PublishError("缺少访问密钥：请设置环境变量 AWS_ACCESS_KEY_ID 和 AWS_SECRET_ACCESS_KEY"
                           "（在 GitHub 中作为仓库机密 secrets 保存）"
                           "(credentials come from the environment only)")
    if not re.fullmatch(r"https?://[^\s/?#]+/?", endpoint):
        raise PublishError(f"--endpoint 应为 https://主机名，实际是 '{endpoint}'")
    region = environ.get("AWS_REGION") or environ.get("AWS_DEFAULT_REGION") or "us-east-1"
    config = Config(
        s3={"addressing_style": addressing},
        retries={"max_attempts": 3, "mode": "standard"},
        connect_timeout=10, read_timeout=60,
        # Recent boto3 sends CRC checksums in chunked uploads by default, which OSS, COS and
        # older MinIO refuse; MD5-based ETags are what this module compares anyway.
        request_checksum_calculation="when_required", response_checksum_validation="when_required",
        max_pool_connections=WORKERS,
    )
    session = boto3.session.Session(aws_access_key_id=key, aws_secret_access_key=secret,
                                    aws_session_token=environ.get("AWS_SESSION_TOKEN") or None,
                                    region_name=region)
    client = session.client("s3", endpoint_url=endpoint.rstrip("/"), config=config)
    # OSS and some other stores require Content-MD5 on a multi-object delete; recent botocore
    # sends only a CRC32 checksum there.
    client.meta.events.register("before-call.s3.DeleteObjects", _content_md5)
    return client


def _content_md5(params: dict[str, Any], **_: Any) -> None:
    body = params.get("body") or b""
    if isinstance(body, str):
        body = body.encode("utf-8")
    params["headers"]["Content-MD5"] = _b64(hashlib.md5(body, usedforsecurity=False).hexdigest())


def remote_objects(client: Any, bucket: str, prefix: str) -> dict[str, str]:
    """``{key: etag}`` of every object under ``prefix`` (the ETag lower-case, unquoted)."""
    found = {}
    try:
        for page in client.get_paginator("list_objects_v2").paginate(Bucket=bucket, Prefix=prefix):
            for item in page.get("Contents", []):
                found[item["Key"]] = item.get("ETag", "").strip('"').lower()
    except Exception as exc:
        raise PublishError(f"无法列出 s3://{bucket}/{prefix} 的文件：{_reason(exc)}") from exc
    return found


def make_plan(files: list[LocalFile], remote: Mapping[str, str], *, force: bool = False) -> Plan:
    upload, unchanged = [], []
    for f in files:
        (unchanged if not force and remote.get(f.key) == f.md5 else upload).append(f)
    keys = {f.key for f in files}
    return Plan(_in_order(upload), unchanged, sorted(k for k in remote if k not in keys))


def _in_order(files: list[LocalFile]) -> list[LocalFile]:
    return sorted(files, key=lambda f: (_phase(f), f.key))


def _phase(f: LocalFile) -> int:
    """Assets and data first, then pages, the home and 404 pages last: a reader never gets a page
    whose stylesheet, script or QR code is not there yet."""
    if not f.rel.endswith(".html"):
        return 0
    return 2 if f.rel in ("index.html", "404.html") else 1


def execute(client: Any, bucket: str, plan: Plan, log: Callable[[str], None]) -> None:
    """Upload in order (each phase finished before the next starts), then delete."""
    phases: dict[int, list[LocalFile]] = {}
    for f in plan.upload:
        phases.setdefault(_phase(f), []).append(f)
    done = 0
    for phase in sorted(phases):
        done += _upload_all(client, bucket, phases[phase])
    log(f"已上传 {done} 个文件 (uploaded)")
    for batch in _batches(plan.delete, 1000):
        try:
            result = client.delete_objects(Bucket=bucket, Delete={"Objects": [{"Key": k} for k in batch],
                                                                  "Quiet": True})
        except Exception as exc:
            raise PublishError(f"新网站已全部上传，但删除旧文件失败：{_reason(exc)}") from exc
        if result.get("Errors"):
            first = result["Errors"][0]
            raise PublishError(f"新网站已全部上传，但有 {len(result['Errors'])} 个旧文件未能删除，"
                               f"如 {first.get('Key')}: {first.get('Message')}")


def _upload_all(client: Any, bucket: str, files: list[LocalFile]) -> int:
    with ThreadPoolExecutor(max_workers=WORKERS) as pool:
        futures = {pool.submit(_upload, client, bucket, f): f for f in files}
        finished, _ = wait(futures, return_when=FIRST_EXCEPTION)
        for future in finished:
            if future.exception() is not None:
                for other in futures:
                    other.cancel()
                failed, error = futures[future], future.exception()
                raise PublishError(
                    f"上传 {failed.key} 失败：{_reason(error)}；旧文件一个也没有删除，原网站仍在服务，"
                    "已上传的文件都是完整的新版本；修好后重新运行即可") from error
    return len(files)


def _upload(client: Any, bucket: str, f: LocalFile) -> None:
    with f.path.open("rb") as body:
        client.put_object(Bucket=bucket, Key=f.key, Body=body, ContentType=f.content_type,
                          CacheControl=f.cache_control, ContentMD5=_b64(f.md5))


def _b64(hex_digest: str) -> str:
    import base64

    return base64.b64encode(bytes.fromhex(hex_digest)).decode("ascii")


def _batches(items: list[str], size: int) -> Iterable[list[str]]:
    for start in range(0, len(items), size):
        yield items[start:start + size]


def _reason(exc: BaseException | None) -> str:
    """The store's own error code and message when it gave one, else the exception's text."""
    response = getattr(exc, "response", None)
    if isinstance(response, dict) and "Error" in response:
        error = response["Error"]
        return f"{error.get('Code', '')} {error.get('Message', '')}".strip()
    return f"{type(exc).__name__}: {exc}"


def _print_plan(plan: Plan) -> None:
    for f in plan.upload:
        print(f"上传 (upload) {f.key}  [{f.content_type}; {f.cache_control}]")
    for key in plan.delete:
        print(f"删除 (delete) {key}")
