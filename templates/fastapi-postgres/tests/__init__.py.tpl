{{#AUTH}}"""The app refuses to start without a real SECRET_KEY; the tests make one of their own
(this runs before conftest.py imports the app)."""
import os
import secrets

os.environ.setdefault("SECRET_KEY", secrets.token_urlsafe(48))
{{/AUTH}}