"""The business API (version 1), read only: national items, scrutiny activities,
communication and voice of the child of one partnership, through the same permission as the
pages (`business.view_business`: everyone who works in the partnership). A token acts in the
one partnership it was issued for (decision 0008)."""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from rest_framework import generics, serializers
from rest_framework.exceptions import PermissionDenied

from core.models import Partnership

from . import selectors
from .models import CommunicationItem, NationalItem, ScrutinyActivity, VoiceItem


class NationalItemSerializer(serializers.ModelSerializer):
    agenda_item = serializers.CharField(source="agenda_item.title", default=None)
    learning_actions = serializers.IntegerField(source="action_count")
    overdue = serializers.BooleanField()
    # Under the partnership's rule for national responses, or the letter's own date.
    response_due = serializers.DateField(source="due_on", allow_null=True)

    class Meta:
        model = NationalItem
        fields = ["id", "kind", "issuer", "title", "issued_on", "url", "response_due",
                  "due_basis",
                  "circulated_to", "circulated_on", "agenda_item", "outcome", "status",
                  "closed_on", "learning_actions", "overdue"]


class ScrutinyActivitySerializer(serializers.ModelSerializer):
    scrutineer = serializers.CharField(source="scrutineer.name", default=None)
    findings = serializers.IntegerField(source="finding_count")
    recommendations = serializers.IntegerField(source="recommendation_count")
    learning_actions = serializers.IntegerField(source="action_count")

    class Meta:
        model = ScrutinyActivity
        fields = ["id", "kind", "title", "held_on", "scrutineer", "summary", "findings",
                  "recommendations", "learning_actions", "response", "response_on",
                  "response_text"]


class CommunicationSerializer(serializers.ModelSerializer):
    theme = serializers.CharField(source="theme.name", default=None)

    class Meta:
        model = CommunicationItem
        fields = ["id", "kind", "title", "issued_on", "audience", "theme", "reach", "measure",
                  "url"]


class VoiceSerializer(serializers.ModelSerializer):
    theme = serializers.CharField(source="theme.name", default=None)

    class Meta:
        model = VoiceItem
        fields = ["id", "heard_on", "channel", "voice", "age_band", "said", "theme",
                  "what_changed", "consent", "consent_recorded_on"]


class BusinessList(generics.ListAPIView):
    """A partnership's records of one kind, newest first, 100 a page."""

    selector = None

    def get_queryset(self):
        partnership = get_object_or_404(Partnership, slug=self.kwargs["slug"])
        if not self.request.user.has_perm("business.view_business", partnership):
            raise PermissionDenied("Your role does not allow reading this partnership's "
                                   "records.")
        return type(self).selector(partnership)


class NationalItemList(BusinessList):
    serializer_class = NationalItemSerializer
    selector = staticmethod(selectors.national_list)


class ScrutinyActivityList(BusinessList):
    serializer_class = ScrutinyActivitySerializer
    selector = staticmethod(selectors.scrutiny_list)


class CommunicationList(BusinessList):
    serializer_class = CommunicationSerializer
    selector = staticmethod(selectors.communication_list)


class VoiceList(BusinessList):
    serializer_class = VoiceSerializer
    selector = staticmethod(selectors.voice_list)
