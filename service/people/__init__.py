"""The people concern: the team who sign in to the dashboard, their roles, and one-time sign-in links.

No passwords: the admin invites a person by email (store.py), a link is mailed through a stored outbox (mail.py,
delivered by service/mail/), and opening it signs the person in (links.py). Roles and what each may do are in
roles.py; who is signed in for this request is in current.py. The dashboard's pages for it are in
service/admin/people.py and service/admin/links.py.
"""
