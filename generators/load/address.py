"""The address the site is published at: it belongs to the deployment, never to ``data/``.

The one source is the ``SITE_URL`` environment variable (the Pages workflow passes the
``base_url`` of ``actions/configure-pages``; other targets pass their own). The build resolves it
once and hands the same string to the generators (QR codes, Atom and iCalendar feeds) and to
MkDocs (canonical links, sitemap, the 404 page's paths), so they cannot disagree.

Without ``SITE_URL`` the build is a local preview at :data:`LOCAL` (where ``make serve`` shows
it): every page says so, and the QR codes lead to that local address, labelled as such. A
publish build (``build --publish``) refuses to run without a real address.
"""

from __future__ import annotations

import ipaddress
import os
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import urlsplit

ENV = "SITE_URL"
#: The local preview's address: ``make serve`` (``mkdocs serve``) listens there.
LOCAL = "http://127.0.0.1:8000/"

#: Names that can never be a published site: reserved for examples and tests (RFC 2606, 6761).
PLACEHOLDER_DOMAINS = ("example.org", "example.com", "example.net", "example", "test", "invalid",
                       "localhost", "local", "localdomain")


class AddressError(Exception):
    """``SITE_URL`` is missing, malformed or not a public address; the message is for staff."""


@dataclass(frozen=True)
class Address:
    url: str
    """Absolute, ends with ``/``: ``https://host/sub/path/``."""

    @property
    def local(self) -> bool:
        """A preview on this machine, not the published site."""
        return is_local_host(urlsplit(self.url).hostname or "")

    def page(self, path: str) -> str:
        """The address of a page or file given by its path under the site (``tours/x/``)."""
        return self.url + path.lstrip("/")


LOCAL_ADDRESS = Address(LOCAL)


def resolve(environ: Mapping[str, str] | None = None, *, publish: bool = False) -> Address:
    """The address from ``SITE_URL``; :data:`LOCAL_ADDRESS` when unset (not for a publish build)."""
    environ = os.environ if environ is None else environ
    raw = environ.get(ENV, "").strip()
    if not raw:
        if publish:
            raise AddressError(
                f"发布构建需要网站的公开地址：请设置环境变量 {ENV}，如 {ENV}=https://bulletins.example.gov.cn/"
                "（GitHub Pages 的发布流程会自动设置）；本地预览请不加 --publish 运行 "
                f"(a publish build needs {ENV})")
        return LOCAL_ADDRESS
    address = parse(raw)
    if publish and (address.local or is_placeholder_host(urlsplit(address.url).hostname or "")):
        raise AddressError(
            f"{ENV} 不是公开地址：'{raw}' 是示例或本机地址，居民无法访问；请填写网站正式发布的地址 "
            f"(a publish build needs the real public address, got a placeholder or local host)")
    return address


def parse(raw: str) -> Address:
    """``raw`` checked and normalised: http(s), a host, no query or fragment, ending in ``/``."""
    parts = urlsplit(raw)
    problem = None
    if parts.scheme not in ("https", "http"):
        problem = "应以 https:// 开头 (must start with https://)"
    elif not parts.hostname:
        problem = "缺少主机名 (no host name)"
    elif parts.query or parts.fragment or "?" in raw or "#" in raw:
        problem = "不能带 ? 或 # 部分 (no query or fragment)"
    elif parts.username or parts.password:
        problem = "不能含用户名或密码 (no credentials in the address)"
    elif any(c.isspace() for c in raw):
        problem = "不能含空格 (no spaces)"
    if problem:
        raise AddressError(f"{ENV} 格式不正确：{problem}，实际是 '{raw}'")
    path = parts.path if parts.path.endswith("/") else parts.path + "/"
    return Address(f"{parts.scheme}://{parts.netloc.lower()}{path}")


def is_local_host(host: str) -> bool:
    host = host.strip("[]").lower()
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        ip = ipaddress.ip_address(host)
    except ValueError:
        return False
    return ip.is_loopback or ip.is_unspecified or ip.is_link_local


def is_placeholder_host(host: str) -> bool:
    host = host.lower().rstrip(".")
    return any(host == name or host.endswith("." + name) for name in PLACEHOLDER_DOMAINS)
