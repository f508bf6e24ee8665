"""Designacion.presentado_en, a copy of the claim's filing date, backfilled, and the partial
index a conciliator's API list walks (decision 0041)."""

from django.db import migrations, models


def copiar_fecha(apps, schema_editor):
    Designacion = apps.get_model("conciliadores", "Designacion")
    Reclamo = apps.get_model("reclamos", "Reclamo")
    if schema_editor.connection.vendor == "postgresql":
        # One set-based pass (a correlated subquery per row is slow at a million rows).
        schema_editor.execute(
            "UPDATE conciliadores_designacion AS d SET presentado_en = r.presentado_en "
            "FROM reclamos_reclamo AS r "
            "WHERE r.id = d.reclamo_id AND r.presentado_en IS NOT NULL"
        )
        return
    Designacion.objects.update(
        presentado_en=models.Subquery(
            Reclamo.objects.filter(pk=models.OuterRef("reclamo")).values("presentado_en")[:1]
        )
    )


class Migration(migrations.Migration):
    dependencies = [
        ("conciliadores", "0003_indices_listas_del_conciliador"),
        ("reclamos", "0011_proveedor_presentado_en"),
    ]

    operations = [
        migrations.AddField(
            model_name="designacion",
            name="presentado_en",
            field=models.DateTimeField(blank=True, editable=False, null=True),
        ),
        migrations.RunPython(copiar_fecha, migrations.RunPython.noop, elidable=True),
        migrations.AddIndex(
            model_name="designacion",
            index=models.Index(
                condition=models.Q(("activa", True)),
                fields=["conciliador", "-presentado_en", "-reclamo"],
                name="designacion_activa_fecha",
            ),
        ),
    ]
