"""RENDER: the Flask app whose views turn the content index into pages (see `app.create_app`)."""
