"""A record's stored file goes with it: the one rule for papers, evidence and the like."""

from __future__ import annotations

from django.db import models, transaction
from django.db.models.signals import post_delete


def remove_file_with_record(model: type[models.Model], field_name: str) -> None:
    """Whenever a `model` row is deleted (by its removal service or by a cascade), delete its
    stored file once the deletion is committed; a rolled-back deletion keeps the file."""

    def remove(sender, instance, **kwargs):
        file = getattr(instance, field_name)
        if file:
            storage, name = file.storage, file.name
            transaction.on_commit(lambda: storage.delete(name))

    post_delete.connect(remove, sender=model, weak=False,
                        dispatch_uid=f"remove-file:{model._meta.label}.{field_name}")
