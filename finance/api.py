"""Budgets over the API (version 1), read-only: the token's partnership's years with every
figure computed by finance.selectors, as the pages show them."""

from __future__ import annotations

from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response
from rest_framework.views import APIView

from . import selectors


class LineSerializer(serializers.Serializer):
    kind = serializers.CharField()
    category = serializers.CharField()
    line = serializers.CharField(source="name")
    partner = serializers.CharField(source="organisation.name", default=None)
    amount = serializers.DecimalField(max_digits=12, decimal_places=2, allow_null=True)
    received = serializers.DecimalField(max_digits=12, decimal_places=2, allow_null=True)
    received_on = serializers.DateField(allow_null=True)


class DifferenceSerializer(serializers.Serializer):
    figure = serializers.CharField(source="label")
    published = serializers.DecimalField(max_digits=12, decimal_places=2)
    lines_add_up_to = serializers.DecimalField(source="computed", max_digits=12,
                                               decimal_places=2)


def _money(**kwargs):
    return serializers.DecimalField(max_digits=12, decimal_places=2, allow_null=True, **kwargs)


class YearSerializer(serializers.Serializer):
    """A year's figures; null means not recorded (never £0)."""

    year = serializers.CharField(source="label")
    year_start = serializers.IntegerField(source="record.year_start")
    status = serializers.CharField(source="record.status")
    contributions = _money()
    contributions_received = _money()
    other_income = _money()
    income = _money()
    expenditure = _money()
    balance = _money()
    brought_forward = _money()
    carried_forward = _money()
    published_figures_that_differ = DifferenceSerializer(source="differences", many=True)


class YearDetailSerializer(YearSerializer):
    lines = LineSerializer(many=True)
    in_kind = LineSerializer(many=True)


def _partnership(request):
    partnership = request.auth.partnership
    if not request.user.has_perm("finance.view_budget", partnership):
        raise PermissionDenied("Your role does not allow reading the budget.")
    return partnership


class BudgetList(APIView):
    """Every financial year of the token's partnership, newest first."""

    @extend_schema(responses=YearSerializer(many=True))
    def get(self, request):
        years = selectors.years(_partnership(request))
        return Response(YearSerializer([selectors.compute(y) for y in years], many=True).data)


class BudgetDetail(APIView):
    """One financial year with its lines (2024 for 2024-25)."""

    @extend_schema(responses=YearDetailSerializer)
    def get(self, request, year_start: int):
        figures = selectors.year_finance(_partnership(request), year_start)
        if figures.record is None:
            raise Http404("No budget for that year.")
        return Response(YearDetailSerializer(figures).data)
