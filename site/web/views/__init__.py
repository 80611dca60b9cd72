"""One blueprint per concern: each module makes `bp` and lists its URLs in `URLS` for the catalog."""
