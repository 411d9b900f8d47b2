from django.contrib import admin

from .models import Procedure


@admin.register(Procedure)
class ProcedureAdmin(admin.ModelAdmin):
    list_display = ("title", "last_reviewed_on", "next_review_due", "published")
    list_filter = ("published", "partnerships")
