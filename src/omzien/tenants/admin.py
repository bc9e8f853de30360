from django.contrib import admin

from omzien.tenants.models import Locality, Municipality, Postcode, Region


class LocalityInline(admin.TabularInline):
    model = Locality
    extra = 0


@admin.register(Municipality)
class MunicipalityAdmin(admin.ModelAdmin):
    list_display = ["name", "cbs_code", "region", "aftercare_months", "is_active"]
    inlines = [LocalityInline]


admin.site.register(Region)
admin.site.register(Postcode, list_display=["code", "locality"])
