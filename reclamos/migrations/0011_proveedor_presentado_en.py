"""ReclamoProveedor.presentado_en, a copy of the claim's filing date, backfilled, and the
partial index a provider's list walks (decision 0033)."""

from django.db import migrations, models


def copiar_fecha(apps, schema_editor):
    ReclamoProveedor = apps.get_model("reclamos", "ReclamoProveedor")
    Reclamo = apps.get_model("reclamos", "Reclamo")
    if schema_editor.connection.vendor == "postgresql":
        # One set-based pass (a correlated subquery per row is slow at a million rows).
        schema_editor.execute(
            "UPDATE reclamos_reclamoproveedor AS rp SET presentado_en = r.presentado_en "
            "FROM reclamos_reclamo AS r "
            "WHERE r.id = rp.reclamo_id AND r.presentado_en IS NOT NULL"
        )
        return
    ReclamoProveedor.objects.update(
        presentado_en=models.Subquery(
            Reclamo.objects.filter(pk=models.OuterRef("reclamo")).values("presentado_en")[:1]
        )
    )


class Migration(migrations.Migration):
    dependencies = [
        ("cuentas", "0003_rol_auditor"),
        ("reclamos", "0010_estado_en_sumario"),
    ]

    operations = [
        migrations.AddField(
            model_name="reclamoproveedor",
            name="presentado_en",
            field=models.DateTimeField(blank=True, editable=False, null=True),
        ),
        migrations.RunPython(copiar_fecha, migrations.RunPython.noop, elidable=True),
        migrations.AddIndex(
            model_name="reclamoproveedor",
            index=models.Index(
                condition=models.Q(("citado_en__isnull", False)),
                fields=["organizacion", "-presentado_en", "-reclamo"],
                name="proveedor_citado_fecha",
            ),
        ),
    ]
