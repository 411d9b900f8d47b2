"""The performance API (version 1): the catalogue, data returns and values.

One view per operation; serializers shape input and output and hold no rules (the services
and selectors do). Organisations' systems send returns with the token of an agency lead or
business unit user, bound to one partnership (decision 0008: `manage.py create_api_token
USERNAME --partnership SLUG --system NAME`, or the business unit's API tokens page).
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.exceptions import ParseError, PermissionDenied
from rest_framework.response import Response
from rest_framework.views import APIView

from core import policy
from core.models import Area, Partnership
from core.serializers import TextLimitsMixin

from . import analysis, selectors, services
from .models import DataReturn, Indicator


def _partnerships_with(user, perm: str) -> set[int]:
    candidates = Partnership.objects.filter(pk__in=policy.scope_of(user).partnership_ids())
    return {p.pk for p in candidates if user.has_perm(perm, p)}


class IndicatorSerializer(TextLimitsMixin, serializers.ModelSerializer):
    count_indicator = serializers.SlugRelatedField(
        slug_field="code", queryset=Indicator.objects.all(), required=False, allow_null=True)
    partnership = serializers.SlugRelatedField(
        slug_field="slug", queryset=Partnership.objects.all(), required=False, allow_null=True,
        help_text="The partnership whose local indicator this is; null for a national one. "
                  "Left out when adding: the one partnership whose catalogue you manage.")

    class Meta:
        model = Indicator
        fields = ["code", "name", "definition", "section", "topic", "unit", "polarity",
                  "source_organisation", "source_kind", "frequency", "count_indicator",
                  "village_label", "partnership"]

    def __init__(self, *args, visible_ids=None, **kwargs):
        super().__init__(*args, **kwargs)
        if visible_ids is not None:  # a count indicator the sender may see
            self.fields["count_indicator"].queryset = Indicator.objects.visible_in_any(
                visible_ids)


class IndicatorListCreate(APIView):
    """The indicator catalogue: read it (any role but practitioner), add to it (business unit)."""

    @extend_schema(responses=IndicatorSerializer(many=True))
    def get(self, request):
        if not _partnerships_with(request.user, "performance.view_scorecard"):
            raise PermissionDenied("Your role does not allow reading indicators.")
        indicators = selectors.indicators_catalogue(partnership_ids=_partnerships_with(
            request.user, "performance.view_scorecard"))
        return Response(IndicatorSerializer(indicators, many=True).data)

    @extend_schema(request=IndicatorSerializer, responses={201: IndicatorSerializer})
    def post(self, request):
        managed = _partnerships_with(request.user, "performance.manage_catalogue")
        national = request.user.has_perm("performance.change_national_indicator")
        if not managed and not national:
            raise PermissionDenied("Only the business unit may add indicators.")
        serializer = IndicatorSerializer(data=request.data, visible_ids=managed)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        if "partnership" in data:
            partnership = data.pop("partnership")
        elif len(managed) == 1:
            partnership = Partnership.objects.get(pk=next(iter(managed)))
        elif national:
            partnership = None
        else:
            return Response({"errors": {"partnership": [
                "Say which partnership's catalogue the indicator is for."]}},
                status=status.HTTP_400_BAD_REQUEST)
        if partnership is None and not national:
            raise PermissionDenied(services.NATIONAL_ONLY)
        if partnership is not None and partnership.pk not in managed:
            raise PermissionDenied("Only that partnership's business unit may add its indicators.")
        try:
            indicator = services.indicator_create(actor=request.user, data=data,
                                                  partnership=partnership)
        except ValidationError as error:
            return Response({"errors": error.message_dict if hasattr(error, "error_dict")
                             else error.messages}, status=status.HTTP_400_BAD_REQUEST)
        return Response(IndicatorSerializer(indicator).data, status=status.HTTP_201_CREATED)


class RowSerializer(TextLimitsMixin, serializers.Serializer):
    indicator_code = serializers.CharField()
    area_code = serializers.CharField(
        help_text="The area's code: an ONS code (E06000001 for a council area, E23000013 for a "
                  "police force area) or the code the partnership gave a geography such as "
                  "the whole partnership (decision 0015)")
    period = serializers.CharField(help_text="2021-22, 2021-22 Q3 or 2024-03")
    value = serializers.CharField(help_text="A number (as a JSON number or text)")
    note = serializers.CharField(required=False, allow_blank=True)


class ProblemSerializer(serializers.Serializer):
    row = serializers.IntegerField()
    field = serializers.CharField(required=False)
    message = serializers.CharField()


def _rejection(rejected: services.DataReturnRejected) -> dict:
    """The errors by row; past the first 1,000, a count and a message instead of a list."""
    body = {"errors": [p.as_dict() for p in rejected.errors]}
    if rejected.more:
        body["more_errors"] = rejected.more
        body["message"] = (f"Nothing was saved. The first {len(rejected.errors):,} of "
                           f"{rejected.total:,} problems are listed, {rejected.more_message}.")
    return body


class DataReturnCreate(APIView):
    """Send a data return: every row is checked; any error and nothing is saved."""

    @extend_schema(
        request=inline_serializer("DataReturnIn", {
            "rows": RowSerializer(many=True),
            "confirm_warnings": serializers.BooleanField(required=False, default=False)}),
        responses={
            201: inline_serializer("DataReturnOut", {
                "id": serializers.IntegerField(), "rows": serializers.IntegerField(),
                "warnings_confirmed": ProblemSerializer(many=True)}),
            400: inline_serializer("DataReturnErrors", {
                "errors": ProblemSerializer(many=True),
                "warnings": ProblemSerializer(many=True, required=False),
                "message": serializers.CharField(required=False),
                "more_errors": serializers.IntegerField(required=False)}),
        },
    )
    def post(self, request):
        allowed = _partnerships_with(request.user, "performance.submit_return")
        if not allowed:
            raise PermissionDenied("Only the business unit and agency leads may send returns.")
        try:
            body = request.data
        except ParseError as error:  # answered like every other problem with a return
            return Response({"errors": [{"row": 0, "field": "rows", "message": str(error.detail)}]},
                            status=status.HTTP_400_BAD_REQUEST)
        rows = body.get("rows") if isinstance(body, dict) else None
        if not isinstance(rows, list) or not all(isinstance(r, dict) for r in rows):
            return Response({"errors": [{"row": 0, "field": "rows",
                                         "message": "Send {\"rows\": [ {...}, ... ]}."}]},
                            status=status.HTTP_400_BAD_REQUEST)
        confirm = body.get("confirm_warnings") is True
        try:
            data_return = services.data_return_submit(
                actor=request.user, rows=rows, method=DataReturn.Method.API,
                partnership_ids=allowed, confirm_warnings=confirm)
        except services.DataReturnRejected as rejected:
            return Response(_rejection(rejected), status=status.HTTP_400_BAD_REQUEST)
        except services.WarningsNeedConfirmation as pending:
            return Response({
                "errors": [],
                "warnings": [p.as_dict() for p in pending.warnings],
                "message": "Nothing was saved. Check the warnings; if the figures are right, "
                           "send the return again with \"confirm_warnings\": true.",
            }, status=status.HTTP_400_BAD_REQUEST)
        return Response({"id": data_return.pk, "rows": data_return.row_count,
                         "warnings_confirmed": data_return.warnings},
                        status=status.HTTP_201_CREATED)


class ChangeSerializer(serializers.Serializer):
    """A change from an earlier figure: per cent for counts and rates, percentage points for
    percentages. One class, so the schema has one "Change" component used by both fields."""

    kind = serializers.ChoiceField(choices=["percent", "percentage_points"])
    value = serializers.FloatField(allow_null=True)
    direction = serializers.ChoiceField(choices=["up", "down", "same"])
    improved = serializers.BooleanField(allow_null=True)


def _change():
    # A fresh instance per field: one instance shared by two fields is bound to the last
    # name, so the schema lost change_previous_period.
    return ChangeSerializer(allow_null=True)


class IndicatorValues(APIView):
    """One area's value of an indicator for a period (the newest if none is given), with its
    changes (per cent for counts and rates, percentage points for percentages), RAG status
    and SPC signal."""

    @extend_schema(
        parameters=[
            OpenApiParameter("area", str, required=True, description="ONS code"),
            OpenApiParameter("period", str, required=False,
                             description="2021-22, 2021-22 Q3 or 2024-03; newest if left out"),
        ],
        responses=inline_serializer("IndicatorValue", {
            "indicator_code": serializers.CharField(), "area_code": serializers.CharField(),
            "period": serializers.CharField(), "value": serializers.FloatField(),
            "unit": serializers.CharField(), "synthetic": serializers.BooleanField(),
            "change_previous_period": _change(), "change_previous_year": _change(),
            "rag": serializers.CharField(allow_null=True),
            "spc_signal": serializers.BooleanField(),
            "spc_reasons": serializers.ListField(child=serializers.CharField()),
            "benchmarks": serializers.DictField(child=serializers.FloatField())}),
    )
    def get(self, request, code):
        area_code = (request.query_params.get("area") or "").strip().upper()
        if not area_code:
            return Response({"errors": [{"field": "area", "message": "Give ?area=ONS code."}]},
                            status=status.HTTP_400_BAD_REQUEST)
        area = get_object_or_404(Area.objects.select_related("partnership"), ons_code=area_code)
        if area.partnership is None or not request.user.has_perm(
                "performance.view_scorecard", area.partnership):
            raise PermissionDenied("Your role does not allow reading this area's figures.")
        # A national indicator or the area's partnership's own local one.
        indicator = get_object_or_404(Indicator.objects.visible_in(area.partnership), code=code)
        period = request.query_params.get("period")
        if period:
            try:
                period = analysis.parse_period(period).label
            except ValueError as error:
                return Response({"errors": [{"field": "period", "message": str(error)}]},
                                status=status.HTTP_400_BAD_REQUEST)
        else:
            # The newest figure as the scorecard and the exceptions page read it.
            newest = selectors.newest_figures(partnership=area.partnership, areas=[area],
                                              indicators=[indicator])
            period = newest[0].period if newest else None
        figure = selectors.value_history(indicator=indicator, area=area, period=period) \
            if period else None
        if figure is None:
            return Response({"errors": [{"message": f"No value of {indicator.code} for "
                                                    f"{area_code} in {period or 'any period'}."}]},
                            status=status.HTTP_404_NOT_FOUND)
        return Response({
            "indicator_code": indicator.code, "area_code": area.ons_code, "period": figure.period,
            "value": float(figure.value), "unit": indicator.unit, "synthetic": figure.synthetic,
            "change_previous_period": figure.change_period.as_dict() if figure.change_period
            else None,
            "change_previous_year": figure.change_year.as_dict() if figure.change_year else None,
            "rag": figure.rag,
            "spc_signal": bool(figure.spc_signal),
            "spc_reasons": figure.spc_signal,
            "benchmarks": {k: float(v) for k, v in figure.benchmarks.items()},
        })
