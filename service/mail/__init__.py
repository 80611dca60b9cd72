"""Sending stored mail: the delivery run every outbox shares (outbox.py) and the console mailer (console.py)
that prints mail when no mail server is configured. The contact outbox and the sign-in links' mail use it."""
