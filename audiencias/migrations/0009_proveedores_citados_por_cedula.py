"""Providers served by a hearing's cédula before reclamos.ReclamoProveedor.citado_en existed:
the first cédula's issue date (Decision 0015)."""

from django.db import migrations
from django.db.models import Min, OuterRef, Subquery


def citados_por_cedula(apps, schema_editor):
    ReclamoProveedor = apps.get_model("reclamos", "ReclamoProveedor")
    Cedula = apps.get_model("audiencias", "Cedula")
    primera = (
        Cedula.objects.filter(proveedor=OuterRef("pk"))
        .values("proveedor")
        .annotate(primera=Min("emitida_en"))
        .values("primera")[:1]
    )
    ReclamoProveedor.objects.filter(citado_en__isnull=True, cedulas__isnull=False).update(
        citado_en=Subquery(primera)
    )


class Migration(migrations.Migration):
    dependencies = [
        ("audiencias", "0008_notificacion_al_consumidor"),
        ("reclamos", "0006_citacion_del_proveedor_e_indices_de_listas"),
    ]

    operations = [migrations.RunPython(citados_por_cedula, migrations.RunPython.noop)]
