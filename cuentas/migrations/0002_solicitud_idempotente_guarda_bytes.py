"""Idempotent responses are kept as the bytes sent (a replay is byte-identical), not as JSON."""

import json

from django.db import migrations, models


def cuerpo_a_bytes(apps, schema_editor):
    # Responses stored before this change are replayed as their JSON, as they were until now.
    Solicitud = apps.get_model("cuentas", "SolicitudIdempotente")
    for fila in Solicitud.objects.filter(completa=True).iterator():
        fila.contenido = json.dumps(fila.cuerpo, ensure_ascii=False).encode()
        fila.tipo_contenido = "application/json"
        fila.save(update_fields=["contenido", "tipo_contenido"])


class Migration(migrations.Migration):
    dependencies = [
        ("cuentas", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="solicitudidempotente",
            name="contenido",
            field=models.BinaryField(null=True),
        ),
        migrations.AddField(
            model_name="solicitudidempotente",
            name="tipo_contenido",
            field=models.CharField(blank=True, default="", max_length=255),
        ),
        migrations.RunPython(cuerpo_a_bytes, migrations.RunPython.noop),
        migrations.RemoveField(
            model_name="solicitudidempotente",
            name="cuerpo",
        ),
    ]
