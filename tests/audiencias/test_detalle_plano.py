"""The claim page costs the same few queries with a short or a long history (issue 13): a claim
with a fixed hearing, its cédulas and documents, seen by each party, the conciliator and staff,
then the same claim with ten times the hearings, cédulas, documents and expediente entries."""

import datetime as dt
import uuid

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from audiencias.models import Audiencia, Cedula
from cuentas.models import Usuario
from documentos.models import Documento
from reclamos import expediente
from tests.conftest import activar_mfa

pytestmark = pytest.mark.django_db

# Issue 13: at most 10 statements for the page itself (the session lookup is the middleware's).
TOPE = 10


def _consultas(client, usuario, reclamo) -> list[str]:
    client.force_login(usuario)
    # Warm: the régimen's usual step times are cached for minutes (DemoraDeEtapa.cifras_de).
    client.get(reverse("reclamos:detalle", args=[reclamo.pk]))
    with CaptureQueriesContext(connection) as capturadas:
        respuesta = client.get(reverse("reclamos:detalle", args=[reclamo.pk]))
    assert respuesta.status_code == 200, usuario.email
    return [
        q["sql"]
        for q in capturadas.captured_queries
        if "django_session" not in q["sql"] and "SAVEPOINT" not in q["sql"]
    ]


def _clonar(objeto, **cambios):
    objeto.pk = None
    objeto.id = None
    objeto._state.adding = True
    for campo, valor in cambios.items():
        setattr(objeto, campo, valor)
    objeto.save()
    return objeto


def _alargar(reclamo, audiencia, veces: int, por) -> None:
    """`veces` more past hearings (each with its cédulas and documents) and expediente entries."""
    cedulas = list(Cedula.objects.filter(audiencia=audiencia))
    ultimo = Documento.objects.order_by("-numero").values_list("numero", flat=True).first() or 0
    for i in range(1, veces + 1):
        vieja = _clonar(
            Audiencia.objects.get(pk=audiencia.pk),
            inicio=audiencia.inicio - dt.timedelta(days=7 * i),
            estado=Audiencia.Estado.CANCELADA,
            uid_ics=uuid.uuid4(),
            reemplaza=None,
        )
        for cedula in cedulas:
            documento = _clonar(
                Documento.objects.get(pk=cedula.documento_id),
                numero=ultimo + 1000 + i * 10 + cedula.pk,
                codigo=uuid.uuid4().hex,
            )
            _clonar(Cedula.objects.get(pk=cedula.pk), audiencia=vieja, documento=documento)
        expediente._registrar(reclamo, "nota", por=por, texto=f"Acto {i}")


def _miradas(reclamo, audiencia, consumidora, proveedor, agente_admision):
    conciliador = audiencia.conciliador.usuario
    for usuario in (agente_admision, conciliador):
        if not usuario.authenticator_set.exists():
            activar_mfa(usuario)
    return {
        "consumidora": consumidora,
        "proveedor": proveedor,
        "admision": agente_admision,
        "conciliador": Usuario.objects.get(pk=conciliador.pk),
    }


def test_el_detalle_cuesta_lo_mismo_con_1_o_11_audiencias_y_su_historia(
    client, fijada, consumidora, proveedor, agente_admision
):
    audiencia = fijada
    reclamo = audiencia.reclamo
    assert Cedula.objects.filter(audiencia=audiencia).exists()
    miradas = _miradas(reclamo, audiencia, consumidora, proveedor, agente_admision)
    antes = {quien: _consultas(client, u, reclamo) for quien, u in miradas.items()}
    excedidas = {q: c for q, c in antes.items() if len(c) > TOPE}
    assert not excedidas, "\n".join(
        f"{quien}: {len(c)}\n  " + "\n  ".join(x[:160] for x in c) for quien, c in excedidas.items()
    )

    _alargar(reclamo, audiencia, 10, agente_admision)
    assert Audiencia.objects.filter(reclamo=reclamo).count() == 11
    for quien, usuario in miradas.items():
        despues = _consultas(client, usuario, reclamo)
        assert len(despues) == len(antes[quien]), f"{quien}\n" + "\n".join(despues)
