"""The speed-up code, apart from the features: the build cache (`cache`), loading documents through it in worker
processes (`cached_loading`, `records`, `workers`), the signatures that let a rebuild render only the pages an
edit touched (`signatures`, `card_digests`), and a lighter client for fetching pages (`page_client`).

Nothing in content/ or web/ imports it; build/pipeline.py plugs it in, through narrow openings: a
`DocumentLoader` for `herald_site.content.load_site`, and the cache, signatures and jobs for the freezer.
Without it a site builds the same bytes, only slower.
"""
