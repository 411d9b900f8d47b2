"""API tokens (decision 0008): stored hashed, with an expiry, for one organisation system
and bound to one partnership."""

from django.conf import settings
from django.db import models
from django.utils import timezone


class ApiToken(models.Model):
    """A token for one organisation's system, acting as `user` in `partnership` only.

    The token itself is shown once when it is created; only its SHA-256 hash is stored
    (tokens are 256 random bits, so a fast hash is enough and a look-up is one query)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="api_tokens")
    partnership = models.ForeignKey("core.Partnership", on_delete=models.CASCADE,
                                    related_name="api_tokens")
    system_name = models.CharField(
        max_length=200, help_text="The organisation system that uses the token, e.g. "
                                  "“Alphaton Council children's social care system”")
    token_hash = models.CharField(max_length=64, unique=True)
    prefix = models.CharField(max_length=12, help_text="The token's first characters, to "
                                                       "recognise it")
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, blank=True, related_name="+")
    expires_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, blank=True, related_name="+")
    last_used_at = models.DateTimeField(null=True, blank=True)
    last_use_audited_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"API token {self.prefix}… for {self.system_name}"

    @property
    def status(self) -> str:
        if self.revoked_at is not None:
            return "Revoked"
        if self.expires_at <= timezone.now():
            return "Expired"
        return "Active"

    @property
    def is_active(self) -> bool:
        return self.status == "Active"
