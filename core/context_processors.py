from . import policy
from .models import Partnership
from .nav import menu_for


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
        match = getattr(request, "resolver_match", None)
        sections = menu_for(user, partnership, request.path,
                            match.namespace if match else "")
        context["nav_sections"] = sections
        # The side navigation lists the current section's pages when it has more than one.
        context["nav_section"] = next(
            (s for s in sections if s["active"] and len(s["pages"]) > 1), None)
    return context
