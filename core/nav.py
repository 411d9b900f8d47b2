"""The menu: sections of the service (what people do) and the pages in each.

Each app declares its pages on its AppConfig, e.g.
`nav = [NavEntry("Learning", 20, "Actions", "learning:action_list", "learning.list_actions")]`,
so a new app adds itself (and a new section) without editing core. Sections are ordered by
their lowest entry order; a section's link opens its first page the reader may open.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.apps import apps
from django.urls import NoReverseMatch, reverse


@dataclass(frozen=True, order=True)
class NavEntry:
    section: str
    order: int
    label: str
    url_name: str
    perm: str


def nav_entries() -> list[NavEntry]:
    entries = []
    for config in apps.get_app_configs():
        entries.extend(NavEntry(*e) if isinstance(e, tuple) else e
                       for e in getattr(config, "nav", []))
    return sorted(entries, key=lambda e: (e.order, e.label))


def menu_for(user, partnership, path: str, namespace: str = "") -> list[dict]:
    """The sections and pages `user` may open in `partnership`, with the current ones marked:
    the page whose address is the longest prefix of `path` (the home page only exactly);
    failing that, the section that holds the current app's pages."""
    sections: dict[str, dict] = {}
    for entry in nav_entries():
        if not user.has_perm(entry.perm, partnership):
            continue
        try:
            url = reverse(entry.url_name, kwargs={"slug": partnership.slug})
        except NoReverseMatch:
            continue
        section = sections.setdefault(entry.section, {
            "name": entry.section, "url": url, "pages": [], "active": False, "current": False})
        section["pages"].append({"label": entry.label, "url": url, "active": False,
                                 "current": url == path, "home": entry.url_name.endswith(
                                     ":partnership_home"),
                                 "namespace": entry.url_name.partition(":")[0]})
    pages = [p for s in sections.values() for p in s["pages"]]
    matches = [p for p in pages if p["current"] or (not p["home"] and path.startswith(p["url"]))]
    best = max(matches, key=lambda p: len(p["url"]), default=None)
    if best is None and namespace:
        best = next((p for p in pages if p["namespace"] == namespace and not p["home"]), None)
    for section in sections.values():
        for page in section["pages"]:
            if page is best:
                page["active"] = section["active"] = True
                section["current"] = page["current"] and page["url"] == section["url"]
    return list(sections.values())
