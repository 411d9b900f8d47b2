"""What the learning pages share: the guarded form, the action and need-to-know mixins."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse

from core.web import PartnershipMixin, ServiceFormView, get_in_partnership

from ..models import (
    Action,
)
from ..need_to_know import mark_actions
from ..selectors import action_list, with_timeliness


def _source_group(action):
    meeting = getattr(action.source, "meeting", None)
    return meeting.group if meeting is not None else None


class GuardedFormView(ServiceFormView):
    """A change the record's state may forbid (a signed-off action, a challenge event with
    its outcome): opening the page then goes back with the reason. The service still
    refuses the POST, as the state can change while the page is open."""

    def refusal(self) -> str:
        return ""

    def get(self, request, *args, **kwargs):
        reason = self.refusal()
        if reason:
            messages.error(request, reason)
            return redirect(self.get_success_url())
        return super().get(request, *args, **kwargs)


class ActionObjectMixin(PartnershipMixin):
    """The action in the URL, if it is this partnership's (404 otherwise)."""

    permission_required = "learning.change_action"

    def get_permission_object(self):
        self.action = get_in_partnership(action_list(Action.objects.all()), self.partnership,
                                         pk=self.kwargs["pk"])
        return self.action

    def get_success_url(self):
        return reverse("learning:action_detail",
                       kwargs={"slug": self.partnership.slug, "pk": self.action.pk})


class NeedToKnowListMixin:
    """An action list whose rows (pages and exports) name a restricted review's source and
    recommendation only to those who may read it (learning.need_to_know)."""

    def export_rows(self, rows):
        return mark_actions(self.request.user, rows)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["object_list"] = with_timeliness(context["object_list"], self.request.user)
        return context
