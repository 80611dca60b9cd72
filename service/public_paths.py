"""The paths the service answers on the site's own address: what the site's host proxies to the service.

One list, read by all who need it: netlify.toml's proxy rules must match it (tests/test_netlify.py),
`build.py demo` hands these paths to the service (site/preview.py), and every route the service registers
lies under one of them (tests/service/test_public_paths.py). A prefix ending in "/" is a folder, proxied with
everything in it; any other is one path.
"""

SERVICE_PREFIXES = ("/api/", "/admin/", "/board/threads/", "/healthz")
