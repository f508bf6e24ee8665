"""Writes of exportaciones: request a quarterly report (the request's one row) and produce it
(the task's work: figures, then the numbered document whose PDF the pdf queue renders)."""

from __future__ import annotations

import logging
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from conciliacion.trabajos import publicar, publicar_ahora
from documentos.models import TipoDocumento
from documentos.services import emitir_documento
from exportaciones import cifras
from exportaciones.models import InformeTrimestral
from normativa import regimenes

logger = logging.getLogger(__name__)

INTENTOS_MAXIMOS = 5


def solicitar_informe(
    *, anio: int, trimestre: int, regimen: str, oficina, por
) -> InformeTrimestral:
    """Writes the durable row and publishes its task after commit: the request never waits on
    the figures nor on the PDF. Precondition: the caller authorised `por` for `regimen`."""
    with transaction.atomic():
        informe = InformeTrimestral.objects.create(
            anio=anio,
            trimestre=trimestre,
            regimen_codigo=regimen,
            oficina=oficina,
            solicitado_por=por,
        )
        from exportaciones.tasks import generar_informe

        publicar(generar_informe, informe.pk)
    return informe


def _snapshot(informe: InformeTrimestral, valores: dict) -> dict:
    regimen = regimenes.obtener(informe.regimen_codigo)
    return {
        "anio": informe.anio,
        "trimestre": informe.trimestre,
        "desde": valores["desde"],
        "hasta": valores["hasta"],
        "regimen": regimen.nombre,
        "regimen_codigo": regimen.codigo,
        "moneda": regimen.moneda,
        "oficina": informe.oficina.razon_social if informe.oficina_id else "",
        "renglones": [
            {
                "clave": clave,
                "texto": texto,
                "fuente": fuente,
                "cantidad": valores[clave],
                "monto": valores.get(f"{clave}_monto"),
            }
            for clave, texto, fuente in cifras.RENGLONES
        ],
        "solicitado_por": informe.solicitado_por.nombre_completo or informe.solicitado_por.email,
    }


def generar_informe(informe_id: int) -> bool:
    """Computes the figures and issues the document, once. True if this call issued it.

    The row is locked while it is produced, so a redelivered or recovered task waits and then
    finds it done. An error leaves the row pending (the recovery publishes it again) until
    INTENTOS_MAXIMOS attempts, then marks it failed for staff to ask again."""
    with transaction.atomic():
        informe = (
            InformeTrimestral.objects.select_for_update(of=("self",))
            .select_related("oficina", "solicitado_por")
            .filter(pk=informe_id, estado=InformeTrimestral.Estado.PENDIENTE)
            .first()
        )
        if informe is None:
            return False
        InformeTrimestral.objects.filter(pk=informe.pk).update(intentos=F("intentos") + 1)
        try:
            with transaction.atomic():
                valores = cifras.calcular(
                    anio=informe.anio,
                    numero=informe.trimestre,
                    regimen=informe.regimen_codigo,
                    oficina=informe.oficina,
                )
                regimen = regimenes.obtener(informe.regimen_codigo)
                documento = emitir_documento(
                    tipo=TipoDocumento.INFORME_TRIMESTRAL,
                    plantilla="exportaciones/informe_trimestral",
                    snapshot=_snapshot(informe, valores),
                    por=informe.solicitado_por,
                    sujeto=informe,
                    regimen=(regimen.codigo, regimen.version),
                    titulo=f"Informe del {informe.trimestre}.º trimestre de {informe.anio} — "
                    f"{regimen.codigo}",
                )
        except Exception as error:
            logger.exception("informe trimestral %s: falló al generarse", informe.pk)
            if informe.intentos + 1 >= INTENTOS_MAXIMOS:
                InformeTrimestral.objects.filter(pk=informe.pk).update(
                    estado=InformeTrimestral.Estado.FALLIDO, error=str(error)[:300]
                )
            return False
        InformeTrimestral.objects.filter(pk=informe.pk).update(
            estado=InformeTrimestral.Estado.EMITIDO, cifras=valores, documento=documento
        )
    return True


def informes_atrasados():
    """Pending reports older than INFORMES_VENCIDO: their message was lost or their worker
    died. Index informe_pendiente."""
    limite = timezone.now() - timedelta(seconds=settings.INFORMES_VENCIDO)
    return InformeTrimestral.objects.filter(
        estado=InformeTrimestral.Estado.PENDIENTE, solicitado_en__lt=limite
    )


def reencolar_informes(*, limite: int = 100) -> int:
    from exportaciones.tasks import generar_informe

    ids = list(informes_atrasados().order_by("solicitado_en").values_list("pk", flat=True)[:limite])
    for pk in ids:
        publicar_ahora(generar_informe, pk)
    return len(ids)
