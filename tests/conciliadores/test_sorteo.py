"""The verifiable draw: commitment at admission, eligibility, fair load, verification."""

import datetime
import hashlib
import json
import random

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from conciliadores import verificacion
from conciliadores.models import Designacion, Licencia, Sancion, Sorteo
from conciliadores.services.sorteo import SinConciliadoresDisponibles, sortear_conciliador
from plazos.models import Plazo
from plazos.selectors import plazos_de
from reclamos.estados import Estado
from reclamos.models import Actuacion
from tests.conciliadores.conftest import crear_conciliador
from tests.fechas import fecha_en
from tests.reclamos.factories import reclamo_en

pytestmark = pytest.mark.django_db


def _tipos(reclamo, estado=None):
    qs = plazos_de(reclamo)
    if estado:
        qs = qs.filter(estado=estado)
    return set(qs.values_list("tipo", flat=True))


def test_al_admitir_se_publica_el_compromiso_y_la_semilla_queda_secreta(reclamo_a):
    sorteo = Sorteo.objects.get(reclamo=reclamo_a)
    assert reclamo_a.estado == Estado.ESPERA_TURNO
    assert sorteo.ronda == 1 and not sorteo.realizado
    assert sorteo.compromiso == hashlib.sha256(sorteo.semilla.encode()).hexdigest()
    assert sorteo.semilla_publica == ""
    entrada = Actuacion.objects.get(reclamo=reclamo_a, codigo="sorteo.compromiso")
    assert sorteo.compromiso in entrada.texto
    assert sorteo.semilla not in json.dumps(entrada.datos)


def test_el_metodo_c_no_compromete_sorteo(reclamo_c):
    assert not Sorteo.objects.filter(reclamo=reclamo_c).exists()


def test_el_sorteo_designa_publica_la_semilla_y_compromete_la_ronda_siguiente(
    reclamo_a, consumidora, cinco_conciliadores, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        designacion = sortear_conciliador(reclamo_a, candidatos=None, por=consumidora)
    reclamo_a.refresh_from_db()
    sorteo = Sorteo.objects.get(reclamo=reclamo_a, ronda=1)
    assert reclamo_a.estado == Estado.CONCILIADOR_DESIGNADO
    assert designacion.sorteo == sorteo and designacion.conciliador == sorteo.resultado
    assert sorteo.semilla_publica == sorteo.semilla
    assert [f["matricula"] for f in sorteo.padron] == [c.matricula for c in cinco_conciliadores]
    # Art. 4: the conciliator is deemed notified the next calendar day.
    assert designacion.notificado_el == timezone.localdate() + datetime.timedelta(days=1)
    assert Sorteo.objects.get(reclamo=reclamo_a, ronda=2).realizado_en is None
    assert {"AR-05", "AR-07"} <= _tipos(reclamo_a, Plazo.Estado.CORRIENDO)
    assert "AR-24" in _tipos(reclamo_a, Plazo.Estado.CUMPLIDO)
    destinatarios = {m.to[0] for m in mailoutbox}
    assert designacion.conciliador.usuario.email in destinatarios
    assert reclamo_a.consumidor_email in destinatarios
    datos = next(
        m for m in mailoutbox if m.to == [reclamo_a.consumidor_email] and "designado" in m.subject
    )
    assert designacion.conciliador.matricula in datos.body


def _con_licencia(conciliador, desde, hasta, estado=Licencia.Estado.APROBADA):
    return Licencia.objects.create(
        conciliador=conciliador,
        desde=desde,
        hasta=hasta,
        motivo="Viaje",
        estado=estado,
        solicitada_por=conciliador.usuario,
    )


def test_no_entra_quien_esta_de_licencia_el_dia_del_turno(reclamo_a, consumidora, agente_registro):
    libre, licenciado, pedido = (crear_conciliador() for _ in range(3))
    turno = timezone.localdate() + datetime.timedelta(days=10)
    _con_licencia(licenciado, turno, turno + datetime.timedelta(days=5))
    _con_licencia(pedido, turno, turno, estado=Licencia.Estado.SOLICITADA)
    sortear_conciliador(reclamo_a, candidatos=None, por=consumidora, momento=turno)
    padron = {f["matricula"] for f in Sorteo.objects.get(reclamo=reclamo_a, ronda=1).padron}
    assert padron == {libre.matricula, pedido.matricula}


@pytest.mark.parametrize(
    ("tipo", "hasta", "levantada"),
    [
        (Sancion.Tipo.SUSPENSION, 30, False),
        (Sancion.Tipo.EXCLUSION, None, False),
        (Sancion.Tipo.SUSPENSION_PREVENTIVA, None, False),
    ],
)
def test_no_entra_quien_tiene_una_sancion_vigente(
    reclamo_a, consumidora, agente_registro, tipo, hasta, levantada
):
    libre, sancionado = crear_conciliador(), crear_conciliador()
    hoy = timezone.localdate()
    Sancion.objects.create(
        conciliador=sancionado,
        tipo=tipo,
        desde=hoy - datetime.timedelta(days=2),
        hasta=hoy + datetime.timedelta(days=hasta) if hasta else None,
        causal="Anexo II art. 4 g",
        resolucion="RESOL-2026-1-SJ",
        registrada_por=agente_registro,
    )
    designacion = sortear_conciliador(reclamo_a, candidatos=None, por=consumidora)
    assert designacion.conciliador == libre


def test_una_suspension_preventiva_levantada_ya_no_bloquea(reclamo_a, consumidora, agente_registro):
    unico = crear_conciliador()
    hoy = timezone.localdate()
    Sancion.objects.create(
        conciliador=unico,
        tipo=Sancion.Tipo.SUSPENSION_PREVENTIVA,
        desde=hoy - datetime.timedelta(days=9),
        causal="Anexo II art. 15",
        resolucion="RESOL-2026-2-SJ",
        registrada_por=agente_registro,
        levantada_el=hoy,
    )
    assert sortear_conciliador(reclamo_a, candidatos=None, por=consumidora).conciliador == unico


def test_solo_entran_quienes_actuan_en_la_jurisdiccion(
    consumidora, proveedor_activo, agente_admision
):
    from tests.conciliadores.conftest import admitido

    reclamo = admitido(
        consumidora,
        proveedor_activo,
        agente_admision,
        lugar="Mi domicilio — Ciudad Autónoma de Buenos Aires",
    )
    porteno = crear_conciliador(jurisdicciones=["caba"])
    crear_conciliador(jurisdicciones=["Córdoba"])
    designacion = sortear_conciliador(reclamo, candidatos=None, por=consumidora)
    assert designacion.conciliador == porteno
    assert len(Sorteo.objects.get(reclamo=reclamo, ronda=1).padron) == 1


def test_solo_entran_los_candidatos_libres_en_el_turno(reclamo_a, consumidora, cinco_conciliadores):
    libres = cinco_conciliadores[1:3]
    designacion = sortear_conciliador(reclamo_a, candidatos=libres, por=consumidora)
    sorteo = Sorteo.objects.get(reclamo=reclamo_a, ronda=1)
    assert designacion.conciliador in libres
    assert {f["matricula"] for f in sorteo.padron} == {c.matricula for c in libres}
    assert sorteo.con_candidatos


def test_sin_habilitados_no_se_escribe_nada(reclamo_a, consumidora):
    crear_conciliador(activo=False)
    with pytest.raises(SinConciliadoresDisponibles):
        sortear_conciliador(reclamo_a, candidatos=None, por=consumidora)
    reclamo_a.refresh_from_db()
    assert reclamo_a.estado == Estado.ESPERA_TURNO
    assert not Designacion.objects.exists()
    assert Sorteo.objects.get(reclamo=reclamo_a).realizado_en is None


def _sortear_nuevo(consumidora, candidatos=None):
    reclamo = reclamo_en(Estado.ESPERA_TURNO, consumidor=consumidora)
    return sortear_conciliador(reclamo, candidatos=candidatos, por=consumidora).conciliador_id


def test_trescientos_sorteos_entre_cinco_reparten_parejo(consumidora, cinco_conciliadores):
    """Least load first, then the draw among ties: with the same five eligible, after every draw
    the counts differ by at most one, so 300 draws give exactly 60 each."""
    conteo = {c.pk: 0 for c in cinco_conciliadores}
    for _ in range(300):
        conteo[_sortear_nuevo(consumidora)] += 1
        assert max(conteo.values()) - min(conteo.values()) <= 1
    assert set(conteo.values()) == {60}


def test_con_disponibilidad_variable_nadie_queda_afuera(consumidora, cinco_conciliadores):
    """Each draw among a random three of the five (those free at the slot). A conciliator who
    falls behind wins every slot where they are free and the least loaded, and they are free in
    3 of 5 slots, so the gap closes within a few draws: over 300 draws nobody starves, the gap
    never exceeds 6 (4 observed with several random seeds) and all end within 60 ± 3."""
    azar = random.Random(2026)
    conteo = {c.pk: 0 for c in cinco_conciliadores}
    for _ in range(300):
        conteo[_sortear_nuevo(consumidora, azar.sample(cinco_conciliadores, 3))] += 1
        assert max(conteo.values()) - min(conteo.values()) <= 6
    assert all(57 <= n <= 63 for n in conteo.values())


def test_la_carga_se_cuenta_en_el_mes_en_curso(reclamo_a, consumidora):
    este_mes, mes_pasado = crear_conciliador("C-1"), crear_conciliador("C-2")
    hace_40_dias = timezone.now() - datetime.timedelta(days=40)
    for conciliador, fecha, veces in [(este_mes, timezone.now(), 1), (mes_pasado, hace_40_dias, 3)]:
        for _ in range(veces):
            Designacion.objects.create(
                reclamo=reclamo_en(Estado.CONCILIADOR_DESIGNADO, consumidor=consumidora),
                conciliador=conciliador,
                metodo="a",
                fecha=fecha,
                notificado_el=fecha_en(fecha),
            )
    designacion = sortear_conciliador(reclamo_a, candidatos=None, por=consumidora)
    padron = Sorteo.objects.get(reclamo=reclamo_a, ronda=1).padron
    assert [(f["matricula"], f["carga"]) for f in padron] == [("C-1", 1), ("C-2", 0)]
    assert designacion.conciliador == mes_pasado


def _verificar(sorteo, **cambios):
    datos = {
        "semilla": sorteo.semilla,
        "numero": sorteo.reclamo.numero,
        "padron": sorteo.padron,
        "ronda": sorteo.ronda,
        "compromiso_publicado": sorteo.compromiso,
        "hmac_publicado": sorteo.hmac,
        "matricula_publicada": sorteo.resultado_matricula,
    }
    datos.update(cambios)
    return verificacion.verificar(**datos)


@pytest.fixture
def sorteo_hecho(reclamo_a, consumidora, cinco_conciliadores):
    sortear_conciliador(reclamo_a, candidatos=None, por=consumidora)
    return Sorteo.objects.get(reclamo=reclamo_a, ronda=1)


def test_la_verificacion_recalcula_el_mismo_resultado(sorteo_hecho):
    resultado = _verificar(sorteo_hecho)
    assert resultado.coincide
    assert resultado.calculado.elegido["matricula"] == sorteo_hecho.resultado.matricula


def test_una_semilla_alterada_no_verifica(sorteo_hecho):
    otra = "f" * 64 if sorteo_hecho.semilla != "f" * 64 else "e" * 64
    resultado = _verificar(sorteo_hecho, semilla=otra)
    assert not resultado.coincide and not resultado.compromiso_ok and not resultado.hmac_ok


@pytest.mark.parametrize("alteracion", ["quitar", "carga", "agregar"])
def test_una_lista_alterada_no_verifica(sorteo_hecho, alteracion):
    padron = [dict(f) for f in sorteo_hecho.padron]
    if alteracion == "quitar":
        padron = [f for f in padron if f["matricula"] != sorteo_hecho.resultado_matricula]
    elif alteracion == "carga":
        padron[0]["carga"] += 1
    else:
        padron.append({"matricula": "Z-9999", "nombre": "Intruso", "carga": 0})
    resultado = _verificar(sorteo_hecho, padron=padron)
    assert resultado.compromiso_ok and not resultado.hmac_ok and not resultado.coincide


def test_el_comando_verifica_y_rechaza_lo_alterado(sorteo_hecho, tmp_path, capsys):
    numero = sorteo_hecho.reclamo.numero
    call_command("verificar_sorteo", numero)
    assert "COINCIDE" in capsys.readouterr().out
    with pytest.raises(CommandError, match="NO COINCIDE"):
        call_command("verificar_sorteo", numero, "--semilla", "0" * 64)
    lista = tmp_path / "padron.json"
    alterado = [
        dict(f, carga=f["carga"] + 1) if i == 0 else f for i, f in enumerate(sorteo_hecho.padron)
    ]
    lista.write_text(json.dumps(alterado), encoding="utf-8")
    with pytest.raises(CommandError, match="NO COINCIDE"):
        call_command("verificar_sorteo", numero, "--lista", str(lista))


def test_el_comando_no_verifica_una_ronda_sin_sortear(reclamo_a):
    with pytest.raises(CommandError, match="todavía no se sorteó"):
        call_command("verificar_sorteo", reclamo_a.numero)
