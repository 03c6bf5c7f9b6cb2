"""Settings for the test suite: fast hashing, tasks run inline, no secure-cookie requirement."""

import os
import tempfile
from pathlib import Path

os.environ.setdefault("SECRET_KEY", "test-only-secret-key-not-for-production-use-0123456789")
os.environ.setdefault("SECURE_COOKIES", "false")

from groundswell.settings import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}  # noqa: F405
# No voter-file people in the demo (groundswell.people.demo) unless a test asks: the demo tests stay fast.
DEMO_PEOPLE = 0
# Uploads made by tests (import pages, the API, the matrix) go to a scratch folder, not the checkout's var/.
MEDIA_ROOT = Path(tempfile.gettempdir()) / "groundswell-test-media"  # names inside are random
