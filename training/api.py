"""The training API (version 1): courses, sessions and places to read; e-learning completions
to import (an agency's learning system sends them, all rows or none).

Same policy layer as the pages: a token acts in the one partnership it was issued for."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.exceptions import ParseError, PermissionDenied
from rest_framework.response import Response
from rest_framework.views import APIView

from core import policy
from core.models import Partnership
from core.tabular import RowsRejected

from . import selectors, services


def _partnerships(user, perm: str) -> list[Partnership]:
    candidates = Partnership.objects.filter(pk__in=policy.scope_of(user).partnership_ids())
    return [p for p in candidates if user.has_perm(perm, p)]


class SessionSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    course = serializers.IntegerField(source="course_id")
    starts_at = serializers.DateTimeField()
    ends_at = serializers.DateTimeField()
    venue = serializers.CharField()
    online = serializers.SerializerMethodField()
    capacity = serializers.IntegerField()
    booked = serializers.IntegerField()
    waiting = serializers.IntegerField()
    places_left = serializers.IntegerField(source="free")
    cancelled = serializers.BooleanField(source="is_cancelled")

    def get_online(self, session) -> bool:
        return bool(session.link)


class CourseSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    level = serializers.CharField()
    delivery = serializers.CharField()
    audience = serializers.CharField()
    outcomes = serializers.CharField()
    themes = serializers.SerializerMethodField()
    partnerships = serializers.SerializerMethodField()
    offered = serializers.BooleanField(source="is_active")

    def get_themes(self, course) -> list[str]:
        return [t.name for t in course.themes.all()]

    def get_partnerships(self, course) -> list[str]:
        return [p.slug for p in course.partnerships.all()]


class CourseList(APIView):
    """The programme's courses, in every partnership the caller may read."""

    @extend_schema(responses=CourseSerializer(many=True))
    def get(self, request):
        partnerships = _partnerships(request.user, "training.view_programme")
        if not partnerships:
            raise PermissionDenied("Your role does not allow reading the training programme.")
        courses = {c.pk: c for p in partnerships for c in selectors.courses_for(p)}
        return Response(CourseSerializer(sorted(courses.values(), key=lambda c: c.title),
                                         many=True).data)


class SessionList(APIView):
    """Sessions to come, with their places booked, waiting and left."""

    @extend_schema(responses=SessionSerializer(many=True))
    def get(self, request):
        partnerships = _partnerships(request.user, "training.view_programme")
        if not partnerships:
            raise PermissionDenied("Your role does not allow reading the training programme.")
        sessions = {s.pk: s for p in partnerships
                    for s in selectors.sessions_for(p, upcoming=True)}
        return Response(SessionSerializer(sorted(sessions.values(),
                                                 key=lambda s: (s.starts_at, s.pk)),
                                          many=True).data)


class CompletionRowSerializer(serializers.Serializer):
    course = serializers.CharField(help_text="The course's title as in the programme")
    organisation = serializers.CharField(help_text="The organisation's name")
    month = serializers.CharField(help_text="The month completed in, e.g. 2024-03")
    completions = serializers.IntegerField(min_value=0)


class CompletionProblemSerializer(serializers.Serializer):
    row = serializers.IntegerField(help_text="From 1 for the first row sent; 0 for the body")
    field = serializers.CharField(required=False)
    message = serializers.CharField()


def _rejection(rejected: RowsRejected) -> dict:
    """The problems by row, as the web page lists them; past the first 1,000, a count."""
    body: dict = {"errors": [p.as_dict() for p in rejected.errors]}
    if rejected.more:
        body["more_errors"] = rejected.more
        body["message"] = (f"Nothing was saved. The first {len(rejected.errors):,} of "
                           f"{rejected.total:,} problems are listed, {rejected.more_message}.")
    return body


def _body_problem(message: str) -> Response:
    return Response({"errors": [{"row": 0, "field": "rows", "message": message}]},
                    status=status.HTTP_400_BAD_REQUEST)


class CompletionImport(APIView):
    """Import e-learning completions: every row is checked; any error and nothing is saved."""

    @extend_schema(
        request=inline_serializer("CompletionsIn", {
            "rows": CompletionRowSerializer(many=True)}),
        # 400 is the API's one error shape (api.schema.document_errors): errors by row, or
        # by field when the body itself is wrong.
        responses={201: inline_serializer("CompletionsOut", {
            "rows": serializers.IntegerField()}),
            400: inline_serializer("CompletionErrors", {
                "errors": CompletionProblemSerializer(many=True),
                "message": serializers.CharField(required=False),
                "more_errors": serializers.IntegerField(required=False)})})
    def post(self, request):
        managed = _partnerships(request.user, "training.import_completions")
        if len(managed) != 1:  # a token acts in one partnership
            raise PermissionDenied("Only the business unit or an agency lead may import "
                                   "completions, with a token issued for one partnership.")
        try:
            body = request.data
        except ParseError as error:  # answered in the same shape as every other problem
            return _body_problem(str(error.detail))
        rows = body.get("rows") if isinstance(body, dict) else None
        if not isinstance(rows, list) or not all(isinstance(r, dict) for r in rows):
            return _body_problem('Send {"rows": [{"course": ..., "organisation": ..., '
                                 '"month": ..., "completions": ...}, ...]}.')
        try:
            saved = services.completions_import(actor=request.user, partnership=managed[0],
                                                rows=rows)
        except RowsRejected as rejected:
            return Response(_rejection(rejected), status=status.HTTP_400_BAD_REQUEST)
        return Response({"rows": saved}, status=status.HTTP_201_CREATED)
