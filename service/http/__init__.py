"""The HTTP layer every concern shares; nothing here knows a concern.

posted_fields.py reads what a visitor posts and answers.py answers it; errors.py holds the errors views raise
and error_answers.py how they are answered; origins.py and browser_policy.py say which pages and sites count as
the service's own; client_addresses.py and rate_limits.py say who is asking and how often, admin_token.py
whether they may; url_ids.py and paging.py read the ids and pages a URL names.
"""
