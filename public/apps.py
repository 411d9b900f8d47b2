from django.apps import AppConfig


class PublicConfig(AppConfig):
    name = "public"
    home_panels = ["public.home.practitioner_panel"]
