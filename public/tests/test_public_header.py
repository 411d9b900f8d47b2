"""The public site reads as the partnership's own: its header goes to its public home, the
index lists every partnership, and staff-only links are not shown."""

from django.urls import reverse


def test_public_index_lists_the_partnerships(world, client):
    page = client.get(reverse("public:index")).content.decode()
    for slug, name in [("alpha", world.partnership.name), ("beta", world.other.name)]:
        assert f'href="{reverse("public:home", kwargs={"slug": slug})}"' in page
        assert name in page


def test_a_public_sites_header_links_to_its_own_home_and_hides_staff_links(world, client):
    page = client.get(reverse("public:procedures", kwargs={"slug": "alpha"})).content.decode()
    header = page.split("</header>")[0]
    assert f'href="{reverse("public:home", kwargs={"slug": "alpha"})}"' in header
    assert f'href="{reverse("home")}"' not in header and "login" not in header
    assert reverse("api-docs") not in page
