"""/outreach/…: campaign building and the queue for organizers."""

app_name = "outreach"
urlpatterns: list = []
