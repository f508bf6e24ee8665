"""The cost of one API filing (issue 13, decision 0044): the statements of a filing with its
Idempotency-Key, flat in the number of providers, and everything the cheaper path still writes
(the whole draft, its providers linked, the expediente entry, the notice as a durable row
published after commit, the idempotency record)."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from cuentas.models import SolicitudIdempotente
from cuentas.roles import Rol
from notificaciones.models import Notificacion
from reclamos.estados import Estado
from reclamos.models import Reclamo
from tests.reclamos.test_api import CUERPO, asociacion  # noqa: F401 (fixture)

pytestmark = pytest.mark.django_db

# Statements of one filing by an association's key with an Idempotency-Key (the key's
# authentication included; inside the test's transaction, so atomic blocks show as savepoints).
# Before decision 0044: 33 here, 35 in a server (the idempotency reservation in two
# transactions, the draft written as INSERT + locked re-read + UPDATE, the providers replaced,
# three savepoints, three address reads for the notice, the providers re-read for the answer).
# After: the key's authentication (3), the key taken (1), the consumer looked for and created
# (3), the association's membership (1), claim, expediente entry, registered providers and
# providers (4), the notice (1, no address read for an account just created), the record
# completed (1) in the act's transaction (BEGIN/COMMIT, and a savepoint for the filing service's
# own atomic block: 4). One commit less than answering after the act's commit.
SENTENCIAS_DE_UNA_CARGA = {"sqlite": 18, "postgresql": 18}

CUITS = ["30-71234567-1", "30-50001091-2", "33-69345023-9"]


def _cuerpo(n: int, proveedores: int = 1) -> dict:
    cuerpo = {**CUERPO, "email": f"victor{n}@example.com", "dni": f"2812345{n}"}
    cuerpo["proveedores"] = [
        {"cuit": cuit, "razon_social": f"Proveedor {i}", "domicilio_legal": f"Calle {i} 100"}
        for i, cuit in enumerate(CUITS[:proveedores])
    ]
    return cuerpo


def _cargar(api, n: int, proveedores: int = 1, clave: str | None = None):
    return api.post(
        "/api/v1/reclamos/",
        _cuerpo(n, proveedores),
        format="json",
        headers={"Idempotency-Key": clave or f"carga-{n}"},
    )


def _cargar_contando(api, n: int, proveedores: int = 1):
    with CaptureQueriesContext(connection) as consultas:
        respuesta = _cargar(api, n, proveedores)
    assert respuesta.status_code == 202, respuesta.json()
    return respuesta, len(consultas.captured_queries)


def test_una_carga_cuesta_las_mismas_sentencias_con_1_o_con_3_proveedores(asociacion):  # noqa: F811 (the fixture imported above)
    _cargar_contando(asociacion, 0)  # per-process caches (content types, régimen values)
    _respuesta, con_1 = _cargar_contando(asociacion, 1, proveedores=1)
    _respuesta, con_3 = _cargar_contando(asociacion, 2, proveedores=3)
    assert con_1 == con_3
    assert con_1 <= SENTENCIAS_DE_UNA_CARGA[connection.vendor], con_1


def test_la_carga_escribe_el_borrador_entero_y_lo_que_lo_acompana(
    asociacion,  # noqa: F811 (the fixture imported above)
    proveedor_activo,
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks() as publicaciones:
        respuesta = _cargar(asociacion, 1, proveedores=2)
    assert respuesta.status_code == 202, respuesta.json()
    reclamo = Reclamo.objects.get(pk=respuesta.json()["id"])
    assert reclamo.estado == Estado.BORRADOR and reclamo.numero is None
    assert reclamo.paso_borrador == "revision"
    assert (reclamo.consumidor.email, reclamo.consumidor_dni) == ("victor1@example.com", "28123451")
    assert reclamo.consumidor_domicilio == CUERPO["domicilio"]
    assert (reclamo.hechos, reclamo.objeto, reclamo.lugar) == (
        CUERPO["hechos"],
        CUERPO["objeto"],
        CUERPO["lugar"],
    )
    assert str(reclamo.monto) == "45000.00" and reclamo.metodo_designacion == "a"
    assert reclamo.oficina is not None and reclamo.cargado_por is not None
    # The registered provider is linked (it sees the claim once filed); the other is not.
    filas = {p.identificador: p for p in reclamo.proveedores.all()}
    assert filas["30712345671"].organizacion == proveedor_activo
    assert filas["30500010912"].organizacion is None
    assert filas["30500010912"].razon_social == "Proveedor 1"
    # The answer lists the providers written (not read again), as a later read shows them.
    assert respuesta.json()["proveedores"] == [
        {
            "tipo_identificador": p.tipo_identificador,
            "identificador": p.identificador,
            "cuit": p.identificador,
            "razon_social": p.razon_social,
            "domicilio_legal": p.domicilio_legal,
        }
        for p in reclamo.proveedores.order_by("pk")
    ]
    assert list(reclamo.actuaciones.values_list("codigo", flat=True)) == ["reclamo.borrador"]
    # The confirmation e-mail is a durable row, published only after the commit.
    aviso = Notificacion.objects.get(plantilla="reclamos/confirmar_carga")
    assert aviso.destinatario == reclamo.consumidor and aviso.email == "victor1@example.com"
    assert not aviso.a_domicilio_constituido
    assert "/reclamos/confirmar/" in aviso.cuerpo
    assert len(publicaciones) == 1
    registro = SolicitudIdempotente.objects.get(clave="carga-1")
    assert registro.completa and registro.status == 202
    assert bytes(registro.contenido) == respuesta.content


def test_una_clave_de_idempotencia_vencida_se_puede_volver_a_usar(asociacion):  # noqa: F811 (the fixture imported above)
    primera = _cargar(asociacion, 1, clave="k")
    # Within its validity the key answers the first response, and refuses another body.
    assert _cargar(asociacion, 1, clave="k").json() == primera.json()
    assert _cargar(asociacion, 2, clave="k").status_code == 422
    SolicitudIdempotente.objects.filter(clave="k").update(
        creada_en=timezone.now() - timedelta(hours=25)
    )
    # Expired: the key is taken over by the new request, which runs and is stored.
    otra = _cargar(asociacion, 2, clave="k")
    assert otra.status_code == 202 and otra.json()["id"] != primera.json()["id"]
    registro = SolicitudIdempotente.objects.get(clave="k")
    assert registro.completa and bytes(registro.contenido) == otra.content
    assert _cargar(asociacion, 2, clave="k").json() == otra.json()


def test_una_clave_en_curso_no_se_toma_aunque_el_cuerpo_sea_otro(asociacion):  # noqa: F811 (the fixture imported above)
    _cargar(asociacion, 1, clave="k")
    SolicitudIdempotente.objects.filter(clave="k").update(completa=False)
    assert _cargar(asociacion, 1, clave="k").json()["error"]["codigo"] == "idempotency_in_flight"
    assert _cargar(asociacion, 2, clave="k").json()["error"]["codigo"] == "idempotency_key_reused"
    assert Reclamo.objects.count() == 1


def test_a_una_cuenta_existente_el_aviso_le_llega_a_su_domicilio_constituido(
    asociacion,  # noqa: F811 (the fixture imported above)
):
    # Only an account created by the filing skips the read of its addresses.
    from notificaciones.domicilios import constituir_domicilio_electronico
    from tests.conftest import crear_usuario

    victor = crear_usuario("victor1@example.com", Rol.CONSUMIDOR)
    constituir_domicilio_electronico(usuario=victor, email="victor1@example.com", por=victor)
    respuesta = _cargar(asociacion, 1)
    assert respuesta.status_code == 202, respuesta.json()
    aviso = Notificacion.objects.get(plantilla="reclamos/confirmar_carga")
    assert aviso.destinatario == victor and aviso.a_domicilio_constituido


def test_la_carga_y_su_respuesta_guardada_se_confirman_juntas(asociacion, monkeypatch):  # noqa: F811 (the fixture imported above)
    # A failure storing the answer rolls the act back too: no claim whose answer was lost (a
    # retry with the key would otherwise get 409 for a day), and the key is free again.
    original = SolicitudIdempotente.save

    def falla_al_completar(registro, *args, **kwargs):
        if registro.completa:
            raise RuntimeError("sin disco")
        return original(registro, *args, **kwargs)

    monkeypatch.setattr(SolicitudIdempotente, "save", falla_al_completar)
    asociacion.raise_request_exception = False
    assert _cargar(asociacion, 1, clave="k").status_code == 500
    assert not Reclamo.objects.exists() and not Notificacion.objects.exists()
    assert not SolicitudIdempotente.objects.filter(clave="k").exists()
    monkeypatch.setattr(SolicitudIdempotente, "save", original)
    assert _cargar(asociacion, 1, clave="k").status_code == 202
    assert Reclamo.objects.count() == 1
