"""HTTP plumbing every concern shares: reading requests, answering them, errors, origins, limits and ids in URLs.

Nothing here knows a concern; the concerns (comments, board, contact, events, admin) build on it.
"""
