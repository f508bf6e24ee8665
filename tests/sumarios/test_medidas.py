"""Preventive measures (DOMAIN-CABA C29), ejecución fiscal (C28) and the cuarto intermedio as a
hearing outcome of its own (§4.3, Q5). Decision 0039."""

import datetime as dt
import io
from decimal import Decimal

import pytest
import time_machine
from pypdf import PdfReader

from audiencias.models import Audiencia
from conciliacion.errores import AccesoDenegado, ConflictoDeEstado, DatosInvalidos
from cuentas.roles import Rol
from documentos.pdf import html_del_documento, renderizar_pdf
from normativa.models import ValorReferencia
from notificaciones.models import Notificacion
from plazos.models import Plazo
from reclamos.estados import Estado
from reclamos.models import Actuacion
from reclamos.permisos import reclamos_visibles
from sumarios.models import EjecucionFiscal, MedidaPreventiva, Sumario
from sumarios.services import denuncia
from sumarios.services import medidas as servicio
from sumarios.services import sumario as sumarios
from tests.conftest import crear_usuario
from tests.sumarios.caba import (
    BA,
    CBT,
    DURANTE,
    INICIO,
    UF,
    asistencias,
    cargar_valores,
    celebrar,
    datos_denuncia,
    denuncia_con_audiencia,
)

pytestmark = pytest.mark.django_db
ORDEN = dt.datetime(2026, 3, 4, 11, 0, tzinfo=BA)  # Wednesday
CONTINUA = dt.datetime(2026, 3, 17, 11, 0, tzinfo=BA)  # Tuesday, within hours
BASE = {
    "tipo": "cese",
    "ordena": "Cesar la venta de heladeras del lote 42 hasta nueva disposición.",
    "fundamentos": "Denuncias coincidentes de fallas eléctricas; la venta sigue en curso.",
}


def _denuncia(consumidora):
    return denuncia.presentar_denuncia(consumidor=consumidora, datos=datos_denuncia())


def _plazo(medida) -> Plazo:
    return Plazo.objects.get(content_type__model="medidapreventiva", object_id=medida.pk)


def _texto_pdf(documento) -> str:
    lector = PdfReader(io.BytesIO(renderizar_pdf(documento)))
    return " ".join(" ".join(p.extract_text().split()) for p in lector.pages)


# --- preventive measures ---------------------------------------------------------------------


def test_solo_el_personal_ordena_y_los_datos_se_validan(consumidora, funcionario, proveedor):
    reclamo = _denuncia(consumidora)
    conciliador = crear_usuario("otro@conciliador.example", Rol.CONCILIADOR)
    for quien in (consumidora, proveedor, conciliador):
        with pytest.raises(AccesoDenegado):
            servicio.ordenar_medida(por=quien, reclamo=reclamo, **BASE)
    for cambio, campo in [
        ({"tipo": "azotes"}, "tipo"),
        ({"ordena": "  "}, "ordena"),
        ({"fundamentos": ""}, "fundamentos"),
        # Closure only for an actual or imminent danger to health or safety.
        ({"tipo": "clausura"}, "riesgo_salud_seguridad"),
    ]:
        with pytest.raises(DatosInvalidos) as error:
            servicio.ordenar_medida(por=funcionario, reclamo=reclamo, **{**BASE, **cambio})
        assert campo in error.value.campos, cambio
    assert not MedidaPreventiva.objects.exists()


def test_la_medida_se_dicta_notifica_corre_caba13_y_queda_en_el_expediente(
    consumidora, funcionario, proveedor
):
    reclamo = _denuncia(consumidora)
    assert not reclamos_visibles(proveedor).filter(pk=reclamo.pk).exists()
    with time_machine.travel(ORDEN, tick=False):
        medida = servicio.ordenar_medida(
            por=funcionario,
            reclamo=reclamo,
            **{**BASE, "tipo": "clausura"},
            riesgo_salud_seguridad=True,
        )
    assert medida.estado == MedidaPreventiva.Estado.VIGENTE
    assert medida.fecha == dt.date(2026, 3, 4) and medida.cuit == "30712345671"
    assert medida.organizacion.identificador == "30712345671"
    # The disposición (the Dirección's series), with its text in the PDF.
    assert medida.documento.tipo == "disposicion"
    assert medida.documento.plantilla == "caba/medida_preventiva"
    texto = _texto_pdf(medida.documento)
    assert "Disposición: medida preventiva" in texto
    assert "Clausura preventiva" in texto and "lote 42" in texto
    assert "04/03/2026" in texto
    assert "salud o la seguridad" in texto
    assert "5 días hábiles administrativos" in texto
    assert "no surge de la norma consultada" in texto  # CABA-13 is L: "verificar"
    assert "no suspende la medida" in texto
    # The provider is served at its representatives' domicile, with the disposición attached,
    # and from then on sees the denuncia.
    aviso = Notificacion.objects.get(destinatario=proveedor, plantilla="caba/medida_preventiva")
    assert "apelarla" in aviso.cuerpo and "no suspende" in aviso.cuerpo
    assert aviso.adjuntos == [{"modelo": "documentos.documento", "pk": medida.documento.pk}]
    assert reclamos_visibles(proveedor).filter(pk=reclamo.pk).exists()
    # CABA-13: 5 DHA (dated value, L) on the CABA calendar from Wed 04/03 → Wed 11/03/2026.
    plazo = _plazo(medida)
    assert (plazo.tipo, plazo.calendario) == ("CABA-13", "AR-CABA")
    assert plazo.vence == dt.date(2026, 3, 11) and plazo.estado == Plazo.Estado.CORRIENDO
    entrada = Actuacion.objects.get(reclamo=reclamo, codigo="medida_preventiva.ordenada")
    assert "Clausura preventiva" in entrada.texto and entrada.datos["medida"] == medida.pk
    # A measure does not move the denuncia.
    reclamo.refresh_from_db()
    assert reclamo.estado == Estado.EN_ADMISION


def test_la_apelacion_se_registra_no_suspende_y_una_tardia_se_marca(
    consumidora, otra_consumidora, funcionario, proveedor
):
    reclamo = _denuncia(consumidora)
    with time_machine.travel(ORDEN, tick=False):
        medida = servicio.ordenar_medida(por=funcionario, reclamo=reclamo, **BASE)
        with pytest.raises(AccesoDenegado):
            servicio.apelar_medida(medida, por=consumidora, fundamentos="No")
        with pytest.raises(DatosInvalidos) as error:
            servicio.apelar_medida(medida, por=proveedor, fundamentos=" ")
        assert "apelacion" in error.value.campos
        medida = servicio.apelar_medida(
            medida, por=proveedor, fundamentos="Las fallas son de otro lote."
        )
        with pytest.raises(ConflictoDeEstado):
            servicio.apelar_medida(medida, por=proveedor, fundamentos="Otra vez.")
    assert medida.apelada_en == dt.date(2026, 3, 4) and not medida.apelacion_fuera_de_termino
    assert medida.estado == MedidaPreventiva.Estado.VIGENTE  # not suspensive
    assert _plazo(medida).estado == Plazo.Estado.CUMPLIDO
    assert Actuacion.objects.filter(reclamo=reclamo, codigo="medida_preventiva.apelada").exists()

    # A second measure appealed on paper after CABA-13: received and marked late (L term).
    with time_machine.travel(ORDEN, tick=False):
        otra = servicio.ordenar_medida(por=funcionario, reclamo=reclamo, **BASE)
    with time_machine.travel(ORDEN + dt.timedelta(days=20), tick=False):
        with pytest.raises(DatosInvalidos):  # before the measure: impossible
            servicio.apelar_medida(
                otra, por=funcionario, fundamentos="X", presentada_en=dt.date(2026, 3, 1)
            )
        otra = servicio.apelar_medida(
            otra, por=funcionario, fundamentos="En papel.", presentada_en=dt.date(2026, 3, 16)
        )
    assert otra.apelacion_fuera_de_termino


def test_el_personal_levanta_la_medida_con_motivo(consumidora, funcionario, proveedor):
    reclamo = _denuncia(consumidora)
    with time_machine.travel(ORDEN, tick=False):
        medida = servicio.ordenar_medida(por=funcionario, reclamo=reclamo, **BASE)
    with time_machine.travel(ORDEN + dt.timedelta(days=2), tick=False):
        with pytest.raises(AccesoDenegado):
            servicio.levantar_medida(medida, por=proveedor, motivo="Ya cumplí")
        with pytest.raises(DatosInvalidos) as error:
            servicio.levantar_medida(medida, por=funcionario, motivo="")
        assert "motivo" in error.value.campos
        medida = servicio.levantar_medida(
            medida, por=funcionario, motivo="La empresa retiró el lote."
        )
        with pytest.raises(ConflictoDeEstado):
            servicio.levantar_medida(medida, por=funcionario, motivo="Otra vez")
        with pytest.raises(ConflictoDeEstado):
            servicio.apelar_medida(medida, por=proveedor, fundamentos="Tarde")
    assert medida.estado == MedidaPreventiva.Estado.LEVANTADA
    assert medida.levantada_en == dt.date(2026, 3, 6)
    assert _plazo(medida).estado == Plazo.Estado.CANCELADO
    entrada = Actuacion.objects.get(reclamo=reclamo, codigo="medida_preventiva.levantada")
    assert "retiró el lote" in entrada.texto


def test_medida_en_un_sumario_de_oficio_y_plazo_fechado(funcionario, proveedor):
    # Staff changed the dated value of CABA-13 (L): it wins over the definition's default.
    ValorReferencia.objects.create(
        tipo="PLAZO-CABA-13",
        vigente_desde=dt.date(2026, 1, 1),
        valor=Decimal("8"),
        fuente="Configuración de la Dirección",
        confianza="L",
    )
    sumario = denuncia.abrir_de_oficio(
        por=funcionario,
        razon_social="Telefonía Ejemplo S.A.",
        cuit="30712345671",
        domicilio="Av. Corrientes 1234",
        hechos="Acta de inspección 12/2026: venta de productos vencidos.",
    )
    with time_machine.travel(ORDEN, tick=False):
        medida = servicio.ordenar_medida(
            por=funcionario, sumario=sumario, **{**BASE, "tipo": "no_innovar"}
        )
        servicio.apelar_medida(medida, por=proveedor, fundamentos="No corresponde.")
    assert medida.reclamo is None and medida.sumario == sumario
    assert medida.documento.snapshot["es_sumario"] is True
    assert medida.documento.snapshot["plazo_apelacion"] == "8 días hábiles administrativos"
    # 8 DHA from Wed 04/03/2026: Mon 16/03.
    assert _plazo(medida).vence == dt.date(2026, 3, 16)
    assert "No innovar" in html_del_documento(medida.documento)
    # No denuncia: no expediente entry, nothing else touched.
    assert not Actuacion.objects.filter(codigo__startswith="medida_preventiva").exists()


# --- ejecución fiscal ------------------------------------------------------------------------


def _sumario_firme(consumidora, funcionario, administrador, proveedor) -> Sumario:
    cargar_valores()
    audiencia = denuncia_con_audiencia(consumidora, funcionario)
    celebrar(audiencia, funcionario, "sin_acuerdo", texto="No hubo acuerdo.")
    with time_machine.travel(DURANTE, tick=False):
        audiencia.reclamo.refresh_from_db()
        sumario = denuncia.cerrar_sin_acuerdo(audiencia.reclamo, por=funcionario)
        sumarios.imputar(sumario, por=funcionario, hechos="Bien roto.", normas="LDC art. 19")
        sumarios.pasar_a_resolver(sumario, por=funcionario)
        sumarios.dictar_disposicion(
            sumario,
            por=administrador,
            tipo="sancion",
            fundamentos="Se acreditó la infracción.",
            sanciones=["multa"],
            multa_cbt="10",
            criterios={"perjuicio": "Dos meses sin heladera."},
        )
    return sumario


def test_la_multa_firme_e_impaga_se_remite_con_el_valor_usado_sin_bloquear(
    consumidora, funcionario, administrador, proveedor
):
    sumario = _sumario_firme(consumidora, funcionario, administrador, proveedor)
    disposicion = sumario.disposicion
    base = {"referencia": "EJF-1234/2026", "fecha": "2026-04-30", "firme_e_impaga": True}
    hoy = DURANTE + dt.timedelta(days=60)
    with time_machine.travel(hoy, tick=False):
        with pytest.raises(ConflictoDeEstado):  # not firm yet
            servicio.remitir_a_ejecucion_fiscal(por=funcionario, disposicion=disposicion, **base)
        sumarios.declarar_firme(sumario, por=funcionario)
        with pytest.raises(AccesoDenegado):
            servicio.remitir_a_ejecucion_fiscal(por=proveedor, disposicion=disposicion, **base)
        for cambio, campo in [
            ({"firme_e_impaga": False}, "firme_e_impaga"),
            ({"referencia": ""}, "referencia"),
            ({"fecha": "30/04/2026"}, "fecha"),
            ({"fecha": "2026-12-31"}, "fecha"),
        ]:
            with pytest.raises(DatosInvalidos) as error:
                servicio.remitir_a_ejecucion_fiscal(
                    por=funcionario, disposicion=disposicion, **{**base, **cambio}
                )
            assert campo in error.value.campos, cambio
        remision = servicio.remitir_a_ejecucion_fiscal(
            por=funcionario, disposicion=disposicion, **base
        )
        with pytest.raises(ConflictoDeEstado):
            servicio.remitir_a_ejecucion_fiscal(por=funcionario, disposicion=disposicion, **base)
        # Nothing else waits on it: the publication is still proved.
        sumarios.acreditar_publicacion(sumario, por=proveedor)
    assert (remision.unidades, remision.unidad, remision.valor_unidad) == (10, "CBT", CBT)
    assert remision.monto == 10 * CBT and remision.fuente_valor == "INDEC, enero 2026"
    assert remision.fecha == dt.date(2026, 4, 30)
    sumario.refresh_from_db()
    assert sumario.estado == Sumario.Estado.FIRME
    entrada = Actuacion.objects.get(codigo="ejecucion_fiscal.remitida")
    assert "$ 11.000.000,00" in entrada.texto and "EJF-1234/2026" in entrada.texto
    assert entrada.visible_para_partes is False


def test_la_multa_por_incomparecencia_se_remite_en_uf(consumidora, funcionario):
    cargar_valores()
    audiencia = denuncia_con_audiencia(consumidora, funcionario)
    celebrar(audiencia, funcionario, "incomparecencia_proveedor", proveedor=False)
    with time_machine.travel(DURANTE, tick=False):
        audiencia.reclamo.refresh_from_db()
        multa = denuncia.multar_incomparecencia(
            audiencia.reclamo, por=funcionario, unidades="500", fundamentos="No justificó."
        )
        remision = servicio.remitir_a_ejecucion_fiscal(
            por=funcionario,
            multa=multa,
            referencia="Boleta 77",
            fecha=dt.date(2026, 3, 10),
            firme_e_impaga=True,
        )
        # The sumario goes on.
        sumarios.imputar(
            multa.reclamo.sumario, por=funcionario, hechos="Incomparecencia.", normas="L757 9 d"
        )
    assert (remision.unidades, remision.unidad, remision.valor_unidad) == (500, "UF", UF)
    assert remision.monto == 500 * UF
    assert EjecucionFiscal.objects.get(multa_incomparecencia=multa) == remision


def test_una_disposicion_sin_multa_no_va_a_ejecucion_fiscal(
    consumidora, funcionario, administrador, proveedor
):
    audiencia = denuncia_con_audiencia(consumidora, funcionario)
    celebrar(audiencia, funcionario, "sin_acuerdo", texto="No hubo acuerdo.")
    with time_machine.travel(DURANTE, tick=False):
        audiencia.reclamo.refresh_from_db()
        sumario = denuncia.cerrar_sin_acuerdo(audiencia.reclamo, por=funcionario)
        sumarios.pasar_a_resolver(
            sumarios.imputar(sumario, por=funcionario, hechos="H", normas="N"), por=funcionario
        )
        disposicion = sumarios.dictar_disposicion(
            sumario,
            por=administrador,
            tipo="sancion",
            fundamentos="F",
            sanciones=["apercibimiento"],
            criterios={"reincidencia": "Sin antecedentes."},
        )
        with pytest.raises(ConflictoDeEstado):
            servicio.remitir_a_ejecucion_fiscal(
                por=funcionario,
                disposicion=disposicion,
                referencia="R",
                fecha="2026-03-10",
                firme_e_impaga=True,
            )


# --- cuarto intermedio -----------------------------------------------------------------------


def _cuarto_intermedio(audiencia, audiencista, continuacion, pedido_por="ambas", **presentes):
    from audiencias.services import mediacion

    with time_machine.travel(DURANTE, tick=False):
        return mediacion.celebrar_audiencia(
            audiencia,
            por=audiencista,
            asistencias=asistencias(audiencia, **presentes),
            resultado="nueva_audiencia",
            texto="Las partes piden tiempo para evaluar una propuesta de cambio.",
            continuacion=continuacion,
            pedido_por=pedido_por,
        )


def test_cuarto_intermedio_fija_la_continuacion_y_avisa_a_las_partes(
    consumidora, funcionario, proveedor
):
    audiencia = denuncia_con_audiencia(consumidora, funcionario)
    reclamo = audiencia.reclamo
    for continuacion, campo in [
        (None, "continuacion"),
        (dt.datetime(2026, 3, 9, 11, 0, tzinfo=BA), "continuacion"),  # before now
        (dt.datetime(2026, 3, 14, 11, 0, tzinfo=BA), "continuacion"),  # Saturday
        (dt.datetime(2026, 3, 17, 16, 0, tzinfo=BA), "continuacion"),  # after hours
    ]:
        with pytest.raises(DatosInvalidos) as error:
            _cuarto_intermedio(audiencia, funcionario, continuacion)
        assert campo in error.value.campos, continuacion
    with pytest.raises(DatosInvalidos) as sin_pedido:  # who asked is recorded (Q5)
        _cuarto_intermedio(audiencia, funcionario, CONTINUA, pedido_por="")
    assert "pedido_por" in sin_pedido.value.campos
    with pytest.raises(DatosInvalidos) as ausente:  # with a party absent it is its absence
        _cuarto_intermedio(audiencia, funcionario, CONTINUA, proveedor=False)
    assert "resultado" in ausente.value.campos
    antes = Notificacion.objects.count()

    acta = _cuarto_intermedio(audiencia, funcionario, CONTINUA)

    audiencia.refresh_from_db()
    assert audiencia.estado == Audiencia.Estado.CELEBRADA
    assert audiencia.resultado == Audiencia.Resultado.NUEVA_AUDIENCIA
    siguiente = reclamo.audiencias.get(estado=Audiencia.Estado.FIJADA)
    assert siguiente.inicio == CONTINUA and siguiente.orden == 2
    assert siguiente.funcionario == funcionario  # same audiencista
    assert siguiente.modalidad == audiencia.modalidad
    reclamo.refresh_from_db()
    assert reclamo.estado == Estado.AUDIENCIA_FIJADA  # neither failed nor agreed
    entrada = Actuacion.objects.get(reclamo=reclamo, codigo="audiencia.cuarto_intermedio")
    assert entrada.datos["continuacion"] == "17/03/2026 11:00" and "17/03/2026" in entrada.texto
    # The acta says so, and both parties get the new date.
    assert acta.snapshot["continuacion"] == "17/03/2026 11:00"
    html = html_del_documento(acta)
    assert "A pedido de ambas partes, la audiencia pasa a cuarto intermedio" in html
    assert "continúa el 17/03/2026 11:00" in html
    assert entrada.datos["pedido_por"] == "ambas"
    avisos = Notificacion.objects.order_by("pk")[antes:]
    destinatarios = {n.destinatario_id for n in avisos if "cuarto intermedio" in n.cuerpo}
    assert {consumidora.pk, proveedor.pk} <= destinatarios
    assert all("17/03/2026 11:00" in n.cuerpo for n in avisos if "cuarto intermedio" in n.cuerpo)


def test_la_tolerancia_y_la_incomparecencia_rigen_en_la_continuacion(consumidora, funcionario):
    from audiencias.services import mediacion

    audiencia = denuncia_con_audiencia(consumidora, funcionario)
    _cuarto_intermedio(audiencia, funcionario, CONTINUA)
    siguiente = audiencia.reclamo.audiencias.get(estado=Audiencia.Estado.FIJADA)
    datos = {
        "por": funcionario,
        "asistencias": asistencias(siguiente, proveedor=False),
        "resultado": "incomparecencia_proveedor",
    }
    with (
        time_machine.travel(CONTINUA + dt.timedelta(minutes=10), tick=False),
        pytest.raises(ConflictoDeEstado) as error,
    ):
        mediacion.celebrar_audiencia(siguiente, **datos)
    assert "30 minutos de tolerancia" in str(error.value) and "11:30" in str(error.value)
    with time_machine.travel(CONTINUA + dt.timedelta(minutes=31), tick=False):
        mediacion.celebrar_audiencia(siguiente, **datos)
    reclamo = audiencia.reclamo
    reclamo.refresh_from_db()
    assert reclamo.estado == Estado.INCOMPARECENCIA_PROVEEDOR
    caba01 = Plazo.objects.get(content_type__model="reclamo", object_id=reclamo.pk, tipo="CABA-01")
    # 3 DHA from the continuation's date (Tue 17/03): Fri 20/03/2026.
    assert caba01.vence == dt.date(2026, 3, 20)


def test_la_tolerancia_rige_tambien_en_la_primera_audiencia(consumidora, funcionario):
    from audiencias.services import mediacion

    audiencia = denuncia_con_audiencia(consumidora, funcionario)
    with (
        pytest.raises(ConflictoDeEstado),
        time_machine.travel(INICIO + dt.timedelta(minutes=5), tick=False),
    ):
        mediacion.celebrar_audiencia(
            audiencia,
            por=funcionario,
            asistencias=asistencias(audiencia, consumidor=False),
            resultado="incomparecencia_consumidor",
        )
