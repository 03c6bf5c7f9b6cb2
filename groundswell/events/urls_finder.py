"""Finding events: the public list, its map (and the map's data), and the embeddable list."""

from django.urls import path

from groundswell.events import views_finder

urlpatterns = [
    path("", views_finder.finder, name="finder"),
    path("map/", views_finder.map_page, name="map"),
    path("embed/", views_finder.embed, name="embed"),
    path("events.json", views_finder.events_json, name="finder-json"),
]
