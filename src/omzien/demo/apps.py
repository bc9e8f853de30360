from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules


class DemoConfig(AppConfig):
    name = "omzien.demo"
    verbose_name = "Demo and synthetic data"

    def ready(self) -> None:
        from omzien.demo import accounts, privacy_requests, synthetic
        from omzien.demo.registry import register_generator, register_loader

        # The demo app's own part first: the apps' demo data needs the demo accounts.
        register_loader("accounts", accounts.load)
        register_generator("residents", synthetic.residents)
        # Every installed app's demo.py and synthetic.py registers its loader and generator.
        autodiscover_modules("demo", "synthetic")
        # Privacy requests about people the capabilities' demo data made (privacy is a
        # platform app: the demo app registers its loader).
        register_loader("privacy", privacy_requests.load, after=["buddies"])
