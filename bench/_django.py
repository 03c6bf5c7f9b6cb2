"""Shared by the benchmarks: point Django at a benchmark database and bring its schema up to date."""

import os


def setup_django(url: str) -> None:
    """Configure Django for `url` (DEBUG off: it would keep every query in memory) and migrate."""
    os.environ["DATABASE_URL"] = url
    os.environ["DEBUG"] = "0"
    os.environ.setdefault("SECRET_KEY", "bench-only-secret-key-not-for-production-0123456789")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "groundswell.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
