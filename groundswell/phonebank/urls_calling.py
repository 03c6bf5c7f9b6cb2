"""Phone bank URLs of one area; see urls.py."""

urlpatterns: list = []
