"""The sanction case (DOMAIN-CABA §2 C20–C27)."""

import datetime as dt
from decimal import Decimal

import pytest
import time_machine

from conciliacion.errores import AccesoDenegado, ConflictoDeEstado, DatosInvalidos
from plazos.models import Plazo
from sumarios.models import Disposicion, Prueba, RecursoDirecto, RegistroInfractor, Sumario
from sumarios.services import denuncia
from sumarios.services import sumario as servicio
from tests.sumarios.caba import (
    CBT,
    DURANTE,
    cargar_valores,
    celebrar,
    datos_denuncia,
    denuncia_con_audiencia,
)

pytestmark = pytest.mark.django_db
CRITERIOS = {
    "perjuicio": "La consumidora no pudo usar la heladera durante dos meses.",
    "posicion_mercado": "Cadena con 40 sucursales en la Ciudad.",
}


def _sumario(consumidora, funcionario, *, datos=None) -> Sumario:
    """No agreement at the hearing: the file goes to the legal area."""
    audiencia = denuncia_con_audiencia(consumidora, funcionario, datos=datos)
    celebrar(audiencia, funcionario, "sin_acuerdo", texto="No hubo acuerdo.")
    audiencia.reclamo.refresh_from_db()
    return denuncia.cerrar_sin_acuerdo(audiencia.reclamo, por=funcionario)


def _plazo(sumario, tipo) -> Plazo:
    return Plazo.objects.get(object_id=sumario.pk, content_type__model="sumario", tipo=tipo)


def _para_resolver(sumario, funcionario, proveedor):
    servicio.imputar(
        sumario, por=funcionario, hechos="Entregó un bien roto.", normas="LDC arts. 10 bis y 19"
    )
    servicio.presentar_descargo(
        sumario, por=proveedor, texto="La heladera salió sana.", pruebas=["Remito firmado"]
    )
    servicio.abrir_prueba(sumario, por=funcionario)
    servicio.resolver_prueba(sumario.pruebas.get(), por=funcionario, admitir=True)
    return servicio.pasar_a_resolver(sumario, por=funcionario)


@time_machine.travel(DURANTE, tick=False)
def test_imputacion_descargo_y_prueba(consumidora, funcionario, proveedor, otra_consumidora):
    with time_machine.travel(DURANTE, tick=False):
        sumario = _sumario(consumidora, funcionario)
        with pytest.raises(DatosInvalidos):
            servicio.imputar(sumario, por=funcionario, hechos="x", normas=" ")
        with pytest.raises(AccesoDenegado):
            servicio.imputar(sumario, por=consumidora, hechos="x", normas="y")
        servicio.imputar(
            sumario, por=funcionario, hechos="Entregó un bien roto.", normas="LDC art. 19"
        )
    sumario.refresh_from_db()
    assert sumario.estado == Sumario.Estado.IMPUTADO
    assert sumario.imputacion.tipo == "imputacion"
    assert sumario.imputacion.snapshot["plazo_verificar"] is True  # CABA-07 is L
    caba07 = _plazo(sumario, "CABA-07")
    assert caba07.calendario == "AR-CABA" and caba07.estado == Plazo.Estado.CORRIENDO

    # The consumer stopped being a party; only the charged provider files a descargo.
    with pytest.raises(AccesoDenegado):
        servicio.presentar_descargo(sumario, por=consumidora, texto="Yo")
    descargo = servicio.presentar_descargo(
        sumario,
        por=proveedor,
        texto="La heladera salió sana.",
        pruebas=["Remito firmado", "Testimonio del chofer"],
    )
    assert not descargo.fuera_de_termino
    with time_machine.travel(DURANTE + dt.timedelta(days=30), tick=False):
        tarde = servicio.presentar_descargo(sumario, por=proveedor, texto="Amplío.")
    assert tarde.fuera_de_termino  # received, marked late: CABA-07 is L, staff decide
    assert _plazo(sumario, "CABA-07").estado == Plazo.Estado.CUMPLIDO
    servicio.abrir_prueba(sumario, por=funcionario)
    sumario.refresh_from_db()
    assert sumario.estado == Sumario.Estado.EN_PRUEBA
    assert _plazo(sumario, "CABA-08").estado == Plazo.Estado.CORRIENDO
    remito, chofer = sumario.pruebas.order_by("pk")
    with pytest.raises(ConflictoDeEstado):
        servicio.pasar_a_resolver(sumario, por=funcionario)  # evidence left unresolved
    with pytest.raises(DatosInvalidos):
        servicio.resolver_prueba(chofer, por=funcionario, admitir=False)  # reasons required
    servicio.resolver_prueba(remito, por=funcionario, admitir=True)
    servicio.resolver_prueba(
        chofer, por=funcionario, admitir=False, motivo="Inconducente: no presenció la entrega."
    )
    chofer.refresh_from_db()
    assert chofer.estado == Prueba.Estado.RECHAZADA and "Inconducente" in chofer.motivo_rechazo
    servicio.pasar_a_resolver(sumario, por=funcionario)
    sumario.refresh_from_db()
    assert sumario.estado == Sumario.Estado.PARA_RESOLVER
    assert _plazo(sumario, "CABA-08").estado == Plazo.Estado.CUMPLIDO


def test_disposicion_con_multa_en_cbt_y_dano_directo_recurso_y_registro(
    consumidora, funcionario, administrador, proveedor
):
    cargar_valores()
    with time_machine.travel(DURANTE, tick=False):
        sumario = _para_resolver(_sumario(consumidora, funcionario), funcionario, proveedor)
        base = {
            "tipo": "sancion",
            "fundamentos": "Se acreditó la entrega de un bien defectuoso.",
            "sanciones": ["multa"],
            "multa_cbt": "10",
            "criterios": CRITERIOS,
            "dano_directo": "200000",
        }
        with pytest.raises(AccesoDenegado):  # only the Director General signs
            servicio.dictar_disposicion(sumario, por=funcionario, **base)
        for cambio, campo in [
            ({"multa_cbt": "2100.01"}, "multa_cbt"),
            ({"multa_cbt": "0.4"}, "multa_cbt"),
            ({"criterios": {}}, "criterios"),
            ({"criterios": {"inventado": "x"}}, "criterios"),
            ({"sanciones": []}, "sanciones"),
            ({"sanciones": ["azotes"]}, "sanciones"),
            ({"fundamentos": ""}, "fundamentos"),
        ]:
            with pytest.raises(DatosInvalidos) as error:
                servicio.dictar_disposicion(sumario, por=administrador, **{**base, **cambio})
            assert campo in error.value.campos, cambio
        disposicion = servicio.dictar_disposicion(
            sumario, por=administrador, **{**base, "deposito_previo": True}
        )
    sumario.refresh_from_db()
    assert sumario.estado == Sumario.Estado.SANCIONADO
    assert disposicion.valor_cbt == CBT and disposicion.fuente_cbt == "INDEC, enero 2026"
    assert disposicion.monto_multa == 10 * CBT
    # Daño directo is compensation for the consumer, apart from the fine.
    assert disposicion.dano_directo == Decimal("200000")
    snapshot = disposicion.documento.snapshot
    # The snapshot keeps plain decimals; the PDF formats them ("$ 200.000,00", formato filters).
    assert Decimal(snapshot["dano_directo"]) == Decimal("200000")
    assert Decimal(snapshot["monto_multa"]) == Decimal("11000000")
    assert snapshot["criterios"][0][0].startswith("Perjuicio")
    # 30 DHA from Tue 10/03/2026 skipping 23-24/03 (bridge, Memoria) and 2-3/04 (Malvinas, Easter).
    assert _plazo(sumario, "CABA-11").vence == dt.date(2026, 4, 27)
    assert _plazo(sumario, "CABA-09").estado == Plazo.Estado.CORRIENDO

    # Recurso directo: recorded without the deposit, not suspensive.
    with time_machine.travel(DURANTE + dt.timedelta(days=5), tick=False):
        recurso = servicio.registrar_recurso_directo(
            sumario, por=proveedor, presentado_en=dt.date(2026, 3, 15), deposito_acreditado=False
        )
    assert recurso.resultado == RecursoDirecto.Resultado.PENDIENTE
    sumario.refresh_from_db()
    assert sumario.estado == Sumario.Estado.SANCIONADO
    assert _plazo(sumario, "CABA-09").estado == Plazo.Estado.CUMPLIDO
    assert _plazo(sumario, "CABA-11").estado == Plazo.Estado.CORRIENDO  # not suspended
    with pytest.raises(ConflictoDeEstado):
        servicio.declarar_firme(sumario, por=funcionario)
    servicio.resolver_recurso(recurso, por=funcionario, resultado="confirmada")
    servicio.acreditar_publicacion(sumario, por=proveedor)
    entrada = servicio.declarar_firme(sumario, por=funcionario)
    sumario.refresh_from_db()
    assert sumario.estado == Sumario.Estado.FIRME
    assert (entrada.cuit, entrada.razon_social) == ("30712345671", "Telefonía Ejemplo S.A.")
    assert entrada.expediente == sumario.numero
    assert entrada.disposicion_numero == disposicion.documento.numero_visible
    assert entrada.disposicion_fecha == dt.date(2026, 3, 10)
    assert "$ 11.000.000,00" in entrada.sancion
    assert _plazo(sumario, "CABA-11").estado == Plazo.Estado.CUMPLIDO


def test_dano_directo_solo_si_se_reclamo_al_denunciar(
    consumidora, funcionario, administrador, proveedor
):
    with time_machine.travel(DURANTE, tick=False):
        sumario = _para_resolver(
            _sumario(consumidora, funcionario, datos=datos_denuncia()), funcionario, proveedor
        )
        with pytest.raises(DatosInvalidos) as error:
            servicio.dictar_disposicion(
                sumario,
                por=administrador,
                tipo="sancion",
                fundamentos="F",
                sanciones=["apercibimiento"],
                criterios=CRITERIOS,
                dano_directo="1000",
            )
    assert "dano_directo" in error.value.campos


def test_apercibimiento_sin_multa_no_pide_valor_cbt_y_firme_tras_el_plazo(
    consumidora, funcionario, administrador, proveedor
):
    with time_machine.travel(DURANTE, tick=False):
        sumario = _para_resolver(_sumario(consumidora, funcionario), funcionario, proveedor)
        disposicion = servicio.dictar_disposicion(
            sumario,
            por=administrador,
            tipo="sancion",
            fundamentos="Primera infracción.",
            sanciones=["apercibimiento"],
            criterios={"reincidencia": "Sin antecedentes en el Registro."},
        )
    assert disposicion.multa_cbt is None and disposicion.valor_cbt is None
    with time_machine.travel(DURANTE, tick=False), pytest.raises(ConflictoDeEstado):
        servicio.declarar_firme(sumario, por=funcionario)  # CABA-09 still running
    with time_machine.travel(DURANTE + dt.timedelta(days=40), tick=False):
        entrada = servicio.declarar_firme(sumario, por=funcionario)
    assert entrada.sancion == "Apercibimiento"


def test_sobreseimiento_no_abre_plazos_ni_registra(
    consumidora, funcionario, administrador, proveedor
):
    with time_machine.travel(DURANTE, tick=False):
        sumario = _para_resolver(_sumario(consumidora, funcionario), funcionario, proveedor)
        disposicion = servicio.dictar_disposicion(
            sumario, por=administrador, tipo="sobreseimiento", fundamentos="No hubo infracción."
        )
    sumario.refresh_from_db()
    assert sumario.estado == Sumario.Estado.SOBRESEIDO
    assert disposicion.tipo == Disposicion.Tipo.SOBRESEIMIENTO
    assert not Plazo.objects.filter(object_id=sumario.pk, tipo="CABA-09").exists()
    with pytest.raises(ConflictoDeEstado):
        servicio.declarar_firme(sumario, por=funcionario)
    assert not RegistroInfractor.objects.exists()
