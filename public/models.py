"""What the public site publishes that no other app holds: the procedures register."""

from django.db import models

from core.models import Partnership, TimeStamped


class Procedure(TimeStamped):
    """A published multi-agency procedure or the threshold document. Tees-wide procedures
    serve several partnerships."""

    title = models.CharField(max_length=200)
    summary = models.TextField(blank=True)
    url = models.URLField("Link to the procedure")
    partnerships = models.ManyToManyField(Partnership, related_name="procedures")
    owner_group = models.ForeignKey("governance.Group", on_delete=models.SET_NULL, null=True,
                                    blank=True, related_name="procedures")
    last_reviewed_on = models.DateField(null=True, blank=True)
    next_review_due = models.DateField(null=True, blank=True)
    what_changed = models.TextField(blank=True)
    published = models.BooleanField(default=True)

    class Meta:
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title
