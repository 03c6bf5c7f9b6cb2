"""Random secrets and their stored digests (we keep only the digest of anything that grants access)."""

import hashlib
import secrets


def new_secret(nbytes: int = 24) -> str:
    return secrets.token_urlsafe(nbytes)


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()
