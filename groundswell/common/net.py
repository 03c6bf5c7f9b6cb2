from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str | None:
    """The client's address. Behind a proxy, set the proxy to overwrite REMOTE_ADDR (we do not trust XFF)."""
    return request.META.get("REMOTE_ADDR") or None
