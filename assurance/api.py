"""The assurance API (version 1): an organisation's system reads its open returns, with the
questions and the answers so far, and sends answers (saving a draft or submitting).

Same policy layer and the same all-or-nothing validation as the web: one bad answer saves
nothing and the errors name each question. Tokens are an agency lead's (or the business
unit's), bound to one partnership (decision 0008). Evidence files are uploaded in the hub.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.exceptions import NotFound, PermissionDenied
from rest_framework.response import Response
from rest_framework.views import APIView

from core import policy
from core.services import ConcurrentEditError

from . import services
from .models import Answer, Cycle, Question, Return


class QuestionSerializer(serializers.ModelSerializer):
    section = serializers.CharField(source="section.title")

    class Meta:
        model = Question
        fields = ["code", "section", "text", "hint", "answer_type", "required", "scale"]


class ReturnSerializer(serializers.ModelSerializer):
    organisation = serializers.CharField(source="respondent_name")
    cycle = serializers.CharField(source="cycle.title")
    kind = serializers.CharField(source="cycle.kind")
    due_on = serializers.DateField(source="cycle.due_on")
    case = serializers.CharField(source="case.reference", allow_null=True, default=None)
    questions = serializers.SerializerMethodField()
    answers = serializers.SerializerMethodField()

    class Meta:
        model = Return
        fields = ["id", "organisation", "cycle", "kind", "case", "due_on", "status", "version",
                  "questions", "answers"]

    def get_questions(self, ret) -> list[dict]:
        return QuestionSerializer(self.context["questions"][ret.cycle.question_set_id],
                                  many=True).data

    def get_answers(self, ret) -> dict:
        return {a.question.code: a.value() for a in self.context["answers"].get(ret.pk, [])}


def open_returns(user):
    """The open draft returns of the organisations `user` leads (in the token's partnership)."""
    scope = policy.scope_of(user)
    return (Return.objects.filter(organisation_id__in=scope.org_ids_led(),
                                  cycle__partnerships__in=scope.partnership_ids(),
                                  status=Return.Status.DRAFT, cycle__status=Cycle.Status.OPEN)
            .select_related("organisation", "cycle", "case").distinct().order_by("pk"))


def _context(returns) -> dict:
    set_ids = {r.cycle.question_set_id for r in returns}
    questions: dict[int, list] = {i: [] for i in set_ids}
    for q in Question.objects.filter(section__question_set_id__in=set_ids).select_related(
            "section"):
        questions[q.section.question_set_id].append(q)
    answers: dict[int, list] = {}
    for a in Answer.objects.filter(ret__in=returns).select_related("question"):
        answers.setdefault(a.ret_id, []).append(a)
    return {"questions": questions, "answers": answers}


class OpenReturns(APIView):
    """The open returns of your organisation, with their questions and answers so far."""

    @extend_schema(responses=ReturnSerializer(many=True))
    def get(self, request):
        if not policy.scope_of(request.user).org_ids_led():
            raise PermissionDenied("Only an organisation's lead has returns to read here.")
        returns = list(open_returns(request.user))
        return Response(ReturnSerializer(returns, many=True, context=_context(returns)).data)


class AnswersSerializer(serializers.Serializer):
    version = serializers.IntegerField(
        min_value=1, help_text="The return's version you read: a newer save refuses yours")
    answers = serializers.DictField(
        child=serializers.JSONField(),
        help_text="Question code to answer: a rating number, yes/partly/no, a number or text")
    submit = serializers.BooleanField(
        default=False, help_text="Submit the return (every required question answered)")


class ReturnAnswers(APIView):
    """Save answers to one of your open returns, or submit it. All or nothing."""

    @extend_schema(request=AnswersSerializer, responses={
        200: ReturnSerializer, 400: inline_serializer("AnswerErrors", {
            "errors": serializers.DictField(child=serializers.ListField(
                child=serializers.CharField()))}),
        409: inline_serializer("Conflict", {"detail": serializers.CharField()})})
    def post(self, request, pk):
        ret = Return.objects.filter(pk=pk).select_related("cycle", "organisation").first()
        if ret is None or not request.user.has_perm("assurance.view_return", ret):
            raise NotFound("There is no such return of yours.")
        serializer = AnswersSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        try:
            ret = services.answers_save(actor=request.user, ret=ret, values=data["answers"],
                                        expected_version=data["version"], submit=data["submit"])
        except DjangoPermissionDenied as error:
            raise PermissionDenied(str(error) or "This return is no longer open to you.") \
                from None
        except ValidationError as error:
            return Response({"errors": error.message_dict if hasattr(error, "error_dict")
                             else {"return": error.messages}},
                            status=status.HTTP_400_BAD_REQUEST)
        except ConcurrentEditError as error:
            return Response({"detail": error.message}, status=status.HTTP_409_CONFLICT)
        ret.refresh_from_db()
        return Response(ReturnSerializer(ret, context=_context([ret])).data)
