"""The shared pager (templates/_pager.html) keeps a page's search and filters when it moves between pages."""

from django.urls import reverse

from tests import factories


def test_the_next_page_keeps_the_search(personas, client_for, org_tree):
    for n in range(51):
        factories.person(org_tree.north, first_name=f"Ann{n:02d}", last_name="Smith")
    factories.person(org_tree.north, last_name="Jones")
    url = reverse("people:person-list", args=[org_tree.north.slug])

    first = client_for(personas.organizer).get(url, {"q": "Smith"}).content.decode()
    assert "Page 1 of 2" in first
    assert 'href="?q=Smith&amp;page=2"' in first

    second = client_for(personas.organizer).get(url, {"q": "Smith", "page": 2}).content.decode()
    assert "Page 2 of 2" in second and 'href="?q=Smith&amp;page=1"' in second
    assert "Jones" not in second
