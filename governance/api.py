"""The procedures register over the API (version 1), read-only, for the token's
partnership."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response
from rest_framework.views import APIView

from . import selectors


class ProcedureVersionSerializer(serializers.Serializer):
    number = serializers.CharField()
    adopted_on = serializers.DateField()
    what_changed = serializers.CharField()
    url = serializers.CharField()


class ProcedureSerializer(serializers.Serializer):
    title = serializers.CharField()
    kind = serializers.CharField()
    summary = serializers.CharField()
    url = serializers.CharField()
    owner_group = serializers.CharField(source="owner_group.name", default=None)
    version = serializers.CharField(source="current_version")
    last_reviewed_on = serializers.DateField(allow_null=True)
    next_review_due = serializers.DateField(allow_null=True)
    published = serializers.BooleanField()
    versions = ProcedureVersionSerializer(many=True)


class ProcedureList(APIView):
    """The token's partnership's procedures and threshold document, with their versions."""

    @extend_schema(responses=ProcedureSerializer(many=True))
    def get(self, request):
        partnership = request.auth.partnership
        if not request.user.has_perm("governance.view_procedures", partnership):
            raise PermissionDenied("Your role does not allow reading the procedures register.")
        rows = selectors.procedures(partnership).prefetch_related("versions")
        return Response(ProcedureSerializer(rows, many=True).data)
