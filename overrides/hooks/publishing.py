"""A build for publishing refuses to run until the publisher has said where the site lives and how
readers reach its team.

``make build`` and the GitHub Pages workflow set ``BFR_PUBLISH=1``; ``make test`` and ``make
serve`` do not, and build without these settings. Two settings must be filled in mkdocs.yml:

- ``extra.contact``: where readers report an error. Without it the pages leave out every
  invitation to write (site_i18n.py), and a health site with no way to report an error is not
  one to publish.
- ``site_url``: the address the site is published at, for canonical links, the sitemap and the
  language alternates. The default, ``http://127.0.0.1:8000/``, is the computer that builds.

Reserved names (``localhost``, ``example.org``, ``.test``, ``.invalid``, RFC 2606 and 6761) do
not count: they are placeholders, not an address a reader can use.
"""

from __future__ import annotations

import ipaddress
import os
from typing import Any
from urllib.parse import urlsplit

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from site_i18n import contact_link  # sibling hooks: MkDocs puts this folder on sys.path

FLAG = "BFR_PUBLISH"
RESERVED_NAMES = ("localhost", "example.com", "example.net", "example.org")
RESERVED_ENDINGS = (".localhost", ".test", ".example", ".invalid", ".local")


def placeholder_host(host: str) -> bool:
    """Whether a host name or address is one no reader could reach the site at."""
    host = host.lower().rstrip(".").strip("[]")
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return (
            not host
            or host in RESERVED_NAMES
            or host.endswith(tuple("." + name for name in RESERVED_NAMES) + RESERVED_ENDINGS)
        )
    return address.is_loopback or address.is_unspecified or address.is_private


def problems(config: MkDocsConfig) -> list[str]:
    """What a publisher must still fill in, one line per setting (none when ready)."""
    found = []
    contact = str((config.extra or {}).get("contact") or "").strip()
    link = contact_link(config)  # an address of another form fails the build there
    if not link:
        found.append(
            "extra.contact: the e-mail address or web address where readers report an error "
            "(it is empty)"
        )
    else:
        href = link["href"]
        host = href.rpartition("@")[2] if href.startswith("mailto:") else urlsplit(href).hostname
        if placeholder_host(host or ""):
            found.append(
                f"extra.contact: an address readers can write to ({contact!r} is a placeholder)"
            )
    url = str(config.site_url or "").strip()
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or placeholder_host(parts.hostname or ""):
        now = f"it is {url!r}" if url else "it is empty"
        found.append(
            "site_url: the address the site is published at, such as https://<your domain>/ "
            f"({now}, which no reader can reach)"
        )
    return found


def on_config(config: MkDocsConfig, **_: Any) -> MkDocsConfig:
    if os.environ.get(FLAG) != "1":
        return config
    missing = problems(config)
    if missing:
        lines = "\n".join(f"  - {line}" for line in missing)
        raise PluginError(
            "Not publishing: fill in these settings in mkdocs.yml first "
            f"(README, Publishing):\n{lines}"
        )
    return config
