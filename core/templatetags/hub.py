from urllib.parse import urlsplit

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

register = template.Library()


@register.filter
def widget_type(bound_field) -> str:
    return bound_field.field.widget.__class__.__name__.lower()


@register.simple_tag(takes_context=True)
def query_with(context, **kwargs) -> str:
    """The current query string with some parameters replaced (for pagination links)."""
    query = context["request"].GET.copy()
    for key, value in kwargs.items():
        query[key] = value
    return query.urlencode()


@register.filter
def status_tag(status: str) -> str:
    """GOV.UK tag colour for a status word."""
    return {
        "overdue": "govuk-tag--red",
        "not_started": "govuk-tag--grey",
        "in_progress": "govuk-tag--blue",
        "completed": "govuk-tag--green",
        "signed_off": "govuk-tag--green",
        "dropped": "govuk-tag--grey",
        "due_soon": "govuk-tag--yellow",
        "planned": "govuk-tag--blue",
        "held": "govuk-tag--green",
        "cancelled": "govuk-tag--grey",
        "met": "govuk-tag--green",
        "met_late": "govuk-tag--orange",
        "not_recorded": "govuk-tag--grey",
        "on_track": "govuk-tag--blue",
        "ended_early": "govuk-tag--purple",
    }.get(status, "govuk-tag--grey")


def may_open(request, href: str, obj=None) -> bool:
    """Whether the reader may open `href`: the same check its view makes (decision 0001) —
    a role in the URL's partnership, then the view's `permission_required` on `obj`, the
    object its `get_permission_object()` returns (the partnership when not given). Pages
    outside the partnership views (home, account, public) are not the policy's to refuse."""
    from django.core.exceptions import ImproperlyConfigured
    from django.urls import Resolver404, resolve

    from core.models import Partnership
    from core.web import PartnershipMixin

    try:
        match = resolve(urlsplit(href).path)
    except Resolver404:
        return True
    view = getattr(match.func, "view_class", None)
    if view is None or not issubclass(view, PartnershipMixin):
        return True
    current = getattr(request, "partnership", None)
    slug = match.kwargs.get("slug")
    partnership = (current if current is not None and current.slug == slug
                   else Partnership.objects.filter(slug=slug).first())
    if obj is None:
        if view.get_permission_object is not PartnershipMixin.get_permission_object:
            raise ImproperlyConfigured(
                f"A link to {match.view_name} needs the object its view checks "
                "(what its get_permission_object() returns).")
        obj = partnership
    user = request.user
    return (partnership is not None and user.has_perm("core.view_partnership", partnership)
            and user.has_perm(view.permission_required, obj))


class LinkIfNode(template.Node):
    def __init__(self, href, obj, css_class, nodelist):
        self.href, self.obj, self.css_class, self.nodelist = href, obj, css_class, nodelist

    def render(self, context):
        label = self.nodelist.render(context)
        href = self.href.resolve(context)
        obj = self.obj.resolve(context) if self.obj is not None else None
        if not may_open(context["request"], href, obj):
            return label
        css_class = self.css_class.resolve(context) if self.css_class else "govuk-link"
        return format_html('<a class="{}" href="{}">{}</a>', css_class, href, mark_safe(label))


@register.tag
def link_if(parser, token):
    """`{% link_if href obj class="govuk-link" %}label{% endlink_if %}`: a link when the
    reader may open `href` (see `may_open`; `obj` is what the target view checks, the
    partnership when left out), otherwise the label as plain text. One tag for every link
    whose target some roles cannot open, so no page offers a link that ends in a 403."""
    bits = token.split_contents()[1:]
    css_class = None
    positional = []
    for bit in bits:
        if bit.startswith("class="):
            css_class = parser.compile_filter(bit[len("class="):])
        else:
            positional.append(parser.compile_filter(bit))
    if not 1 <= len(positional) <= 2:
        raise template.TemplateSyntaxError("link_if takes an address, an optional object "
                                           "and an optional class=")
    nodelist = parser.parse(("endlink_if",))
    parser.delete_first_token()
    href, obj = positional[0], positional[1] if len(positional) == 2 else None
    return LinkIfNode(href, obj, css_class, nodelist)


@register.simple_tag(takes_context=True, name="may_open")
def may_open_tag(context, href, obj=None) -> bool:
    """`{% may_open href obj as can_open %}`: the check `link_if` makes, for a link that is
    left out altogether (a "Change" or "Add" link) rather than shown as plain text."""
    return may_open(context["request"], href, obj)


def _plural_of(noun: str) -> str:
    """The plural of a noun phrase's last word: item → items, activity → activities."""
    head, _, last = noun.rpartition(" ")
    if last.endswith("y") and last[-2:-1] not in tuple("aeiou"):
        last = last[:-1] + "ies"
    elif last.endswith(("s", "x", "ch", "sh")):
        last += "es"
    else:
        last += "s"
    return f"{head} {last}" if head else last


@register.filter
def count_noun(number, noun: str) -> str:
    """A count with its noun in the right number: 0 items, 1 item, 2 items, 1 training
    activity. An irregular plural goes after a comma: "record of feedback,records of feedback".
    The one helper for counts in pages and in report text."""
    try:
        count = int(number if not hasattr(number, "__len__") else len(number))
    except (TypeError, ValueError):
        return ""
    singular, _, plural = noun.partition(",")
    return f"{count:,} {singular if count == 1 else (plural or _plural_of(singular))}"
