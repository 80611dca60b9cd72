"""`python -m service`: the production server (see service/server.py)."""

from .server import serve

serve(prog_name="python -m service")
