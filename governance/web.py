"""Page mixins other apps' views share with governance's (a learning action set at a
meeting is asked with the meeting's group), kept out of views so no views module imports
another app's views."""

from core.web import PartnershipMixin

from . import selectors


class MeetingObjectMixin(PartnershipMixin):
    """The meeting in the URL; meeting permissions are asked with its group."""

    permission_required = "governance.run_meeting"

    def get_permission_object(self):
        self.meeting = selectors.meeting_in_partnership(self.partnership, self.kwargs["pk"])
        return self.meeting.group
