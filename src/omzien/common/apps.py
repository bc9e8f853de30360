from django.apps import AppConfig


class CommonConfig(AppConfig):
    name = "omzien.common"
    verbose_name = "Omzien common"

    def ready(self) -> None:
        from omzien.common import lookups, metrics, replica
        from omzien.common.exports import export_jobs_apply_retention
        from omzien.common.imports import import_jobs_apply_retention
        from omzien.common.mail import outgoing_mail_apply_retention
        from omzien.privacy.retention import register_rule

        register_rule("import_jobs_apply_retention", import_jobs_apply_retention)
        register_rule("export_jobs_apply_retention", export_jobs_apply_retention)
        register_rule("outgoing_mail_apply_retention", outgoing_mail_apply_retention)
        metrics.register(replica.metrics)
        lookups.register()
