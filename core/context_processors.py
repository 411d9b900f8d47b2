from django.apps import apps
from django.urls import NoReverseMatch, reverse

from . import policy
from .models import Partnership


def nav_entries():
    """Menu entries that each app declares on its AppConfig as `nav = [(order, label, url_name, perm)]`."""
    entries = []
    for config in apps.get_app_configs():
        entries.extend(getattr(config, "nav", []))
    return sorted(entries)


def hub(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    partnership = getattr(request, "partnership", None)
    scope = policy.scope_of(user)
    context = {
        "my_partnerships": list(Partnership.objects.filter(pk__in=scope.partnership_ids())),
    }
    if partnership is not None:
        items = []
        current = request.path
        for _order, label, url_name, perm in nav_entries():
            if not user.has_perm(perm, partnership):
                continue
            try:
                url = reverse(url_name, kwargs={"slug": partnership.slug})
            except NoReverseMatch:
                continue
            home = url_name == "core:partnership_home"
            active = current == url if home else current.startswith(url)
            items.append({"label": label, "url": url, "active": active})
        context["nav_items"] = items
    return context
