"""Staff publish slots at the agency's offices (issue 7) for the conciliators who serve there,
with the conciliator's own forms and services; "Elegir Turno" offers them with the office's
address as the place, the draw stays among those at that office, and the cédula shows it."""

import datetime as dt
import io
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from pypdf import PdfReader
from rest_framework.test import APIClient

from audiencias import disponibilidad
from audiencias.models import Cedula, FranjaSemanal, TurnoPuntual
from audiencias.services import agenda, turnos
from conciliacion.errores import AccesoDenegado, DatosInvalidos
from cuentas.models import Organizacion
from cuentas.roles import Rol
from tests.audiencias.conftest import publicar_horario
from tests.conciliadores.conftest import crear_conciliador
from tests.conftest import crear_usuario, sin_mfa

BA = ZoneInfo("America/Argentina/Buenos_Aires")
pytestmark = pytest.mark.django_db
LUGAR = "Oficina Microcentro, Av. Roque Sáenz Peña 501, CABA"


def _oficina(nombre="Oficina Microcentro", domicilio="Av. Roque Sáenz Peña 501, CABA", n=1):
    return Organizacion.objects.create(
        tipo=Organizacion.Tipo.OFICINA,
        tipo_identificador="CUIT",
        identificador=f"OF-{n}",
        razon_social=nombre,
        domicilio_legal=domicilio,
        estado=Organizacion.Estado.ACTIVA,
    )


@pytest.fixture
def oficina(db):
    return _oficina()


@pytest.fixture
def de_la_oficina(oficina):
    """One conciliator authorised under art. 4 b and one of the mediation registry, both listed
    at the office; a third one is not."""
    del_4b = crear_conciliador("OF-0001", tipo="b")
    del_4a = crear_conciliador("OF-0002")
    for conciliador in (del_4b, del_4a):
        conciliador.oficinas.add(oficina)
    return del_4b, del_4a


@pytest.fixture
def ajeno(db):
    return crear_conciliador("OF-0099")


@pytest.fixture
def personal(agente_admision, oficina):
    agente_admision.oficina = oficina
    agente_admision.save(update_fields=["oficina"])
    return agente_admision


def _franja(conciliador, por, oficina, **cambios):
    datos = {
        "dia_semana": 1,  # Tuesdays
        "desde": dt.time(9),
        "hasta": dt.time(12),
        "modalidad": "presencial",
        "vigente_desde": dt.date(2026, 1, 1),
    }
    datos.update(cambios)
    return agenda.publicar_franja(conciliador, por=por, oficina=oficina, **datos)


# --- the services ------------------------------------------------------------------------------


def test_el_personal_publica_para_quien_actua_en_su_oficina(personal, oficina, de_la_oficina):
    del_4b, del_4a = de_la_oficina
    for conciliador in de_la_oficina:
        franja = _franja(conciliador, personal, oficina)
        assert (franja.oficina, franja.publicada_por, franja.lugar) == (oficina, personal, "")
    libres = disponibilidad.libres(
        [del_4b.pk, del_4a.pk], desde=dt.date(2026, 3, 10), hasta=dt.date(2026, 3, 10), zona=BA
    )
    assert {(f.inicio.hour, f.lugar, f.sede) for f in libres} == {
        (h, LUGAR, oficina.pk) for h in (9, 10, 11)
    }


def test_no_publica_para_otro_conciliador_ni_en_otra_oficina(
    personal, oficina, de_la_oficina, ajeno, administrador
):
    with pytest.raises(AccesoDenegado):
        _franja(ajeno, personal, oficina)
    otra = _oficina("Oficina Córdoba", "Colón 100, Córdoba", n=2)
    de_la_oficina[0].oficinas.add(otra)
    with pytest.raises(AccesoDenegado):
        _franja(de_la_oficina[0], personal, otra)
    # An administrator manages every office.
    assert _franja(de_la_oficina[0], administrador, otra).oficina == otra
    assert not FranjaSemanal.objects.filter(conciliador=ajeno).exists()


def test_el_conciliador_del_art_4_b_atiende_presencial_solo_en_oficinas(oficina, de_la_oficina):
    del_4b, _del_4a = de_la_oficina
    with pytest.raises(DatosInvalidos) as error:
        _franja(del_4b, del_4b.usuario, None, lugar="Lavalle 1000")
    assert "art. 4 b" in error.value.mensaje
    assert _franja(del_4b, del_4b.usuario, None, modalidad="video").oficina is None
    assert _franja(del_4b, del_4b.usuario, oficina, dia_semana=2).oficina == oficina


def test_un_horario_superpuesto_o_un_turno_repetido_se_rechazan(
    ahora, personal, oficina, de_la_oficina
):
    del_4b = de_la_oficina[0]
    _franja(del_4b, personal, oficina)
    with pytest.raises(DatosInvalidos) as error:
        _franja(del_4b, personal, oficina, desde=dt.time(11), hasta=dt.time(13))
    assert "Se superpone" in error.value.mensaje
    inicio = dt.datetime(2026, 4, 6, 15, tzinfo=BA)
    with pytest.raises(DatosInvalidos):
        agenda.publicar_turno_puntual(
            del_4b, por=personal, oficina=oficina, inicio=inicio, modalidad="telepatia"
        )
    agenda.publicar_turno_puntual(
        del_4b, por=personal, oficina=oficina, inicio=inicio, modalidad="presencial"
    )
    with pytest.raises(DatosInvalidos) as error:
        agenda.publicar_turno_puntual(
            del_4b, por=personal, oficina=oficina, inicio=inicio, modalidad="presencial"
        )
    assert "ya tiene un turno publicado" in error.value.mensaje


# --- "Elegir Turno" and the cédula -------------------------------------------------------------


@pytest.fixture
def con_oficina_y_estudio(ahora, personal, oficina, de_la_oficina, proveedor_activo):
    """At 9, 10 and 11 on weekdays: the office's two conciliators at the office (published by
    staff), and another conciliator at their own office."""
    for conciliador in de_la_oficina:
        for dia in range(5):
            _franja(conciliador, personal, oficina, dia_semana=dia)
    publicar_horario(crear_conciliador("OF-0050"))
    proveedor_activo.domicilio_electronico = "cedulas@telefonia.example"
    proveedor_activo.save()


def test_elegir_turno_ofrece_la_oficina_con_su_direccion(
    client, espera_turno, con_oficina_y_estudio, consumidora, oficina, de_la_oficina
):
    ofrecidos = disponibilidad.turnos_para(espera_turno, ahora=dt.datetime.now(dt.UTC))
    a_las_9 = [t for t in ofrecidos if t.inicio == dt.datetime(2026, 3, 10, 9, tzinfo=BA)]
    assert {(t.oficina_id, t.lugar) for t in a_las_9} == {(oficina.pk, LUGAR), (None, "")}
    client.force_login(consumidora)
    html = client.get(reverse("audiencias:elegir_turno", args=[espera_turno.pk])).content.decode()
    assert LUGAR in html
    assert "En el estudio del conciliador/a" in html
    assert "Lavalle" not in html  # nobody's own office before the draw
    for conciliador in de_la_oficina:
        assert conciliador.nombre not in html

    en_la_oficina = next(t for t in a_las_9 if t.oficina_id)
    respuesta = client.post(
        reverse("audiencias:elegir_turno", args=[espera_turno.pk]), {"turno": en_la_oficina.clave}
    )
    assert respuesta.status_code == 302
    audiencia = espera_turno.audiencias.get()
    assert audiencia.lugar == LUGAR
    assert audiencia.conciliador in de_la_oficina


def test_la_cedula_dice_la_oficina(
    espera_turno,
    con_oficina_y_estudio,
    consumidora,
    oficina,
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        audiencia = turnos.elegir_turno(
            espera_turno,
            inicio=dt.datetime(2026, 3, 10, 9, tzinfo=BA),
            modalidad="presencial",
            sede=oficina.pk,
            por=consumidora,
        )
    cedula = Cedula.objects.get(audiencia=audiencia)
    assert cedula.documento.snapshot["audiencia"]["lugar"] == LUGAR
    cedula.documento.refresh_from_db()
    with cedula.documento.archivo.open("rb") as archivo:
        paginas = PdfReader(io.BytesIO(archivo.read())).pages
    texto = " ".join(" ".join(p.extract_text().split()) for p in paginas)
    assert LUGAR in texto


def test_en_el_estudio_no_se_sortea_a_los_de_la_oficina(
    espera_turno, con_oficina_y_estudio, consumidora, de_la_oficina
):
    audiencia = turnos.elegir_turno(
        espera_turno,
        inicio=dt.datetime(2026, 3, 10, 9, tzinfo=BA),
        modalidad="presencial",
        sede=None,
        por=consumidora,
    )
    assert audiencia.conciliador.matricula == "OF-0050"
    assert audiencia.lugar == "Av. Julio A. Roca 651, CABA"


def test_la_api_muestra_la_oficina_y_reserva_en_ella(
    espera_turno, con_oficina_y_estudio, consumidora, oficina, de_la_oficina
):
    api = APIClient()
    api.force_authenticate(consumidora)
    url = f"/api/v1/reclamos/{espera_turno.pk}/turnos/"
    ofrecidos = api.get(url, {"tamano": 200}).json()["results"]
    en_la_oficina = next(t for t in ofrecidos if t["oficina"] == oficina.pk)
    assert en_la_oficina["lugar"] == LUGAR
    reserva = api.post(
        url,
        {"inicio": en_la_oficina["inicio"], "modalidad": "presencial", "oficina": oficina.pk},
        format="json",
    )
    assert reserva.status_code == 201 and reserva.json()["lugar"] == LUGAR


# --- the staff page ----------------------------------------------------------------------------


def _datos_franja(conciliador, **cambios):
    datos = {
        "tipo": "franja",
        "franja-conciliador": str(conciliador.pk),
        "franja-dia_semana": "3",
        "franja-desde": "14:00",
        "franja-hasta": "17:00",
        "franja-duracion_minutos": "60",
        "franja-intervalo_minutos": "0",
        "franja-modalidad": "presencial",
        "franja-vigente_desde": "2026-03-01",
    }
    datos.update(cambios)
    return datos


def test_la_pagina_de_la_oficina_publica_y_quita(
    client, ahora, personal, oficina, de_la_oficina, ajeno
):
    del_4b, _del_4a = de_la_oficina
    client.force_login(personal)
    url = reverse("audiencias:agenda_oficina", args=[oficina.pk])
    pagina = client.get(url).content.decode()
    assert LUGAR in pagina and del_4b.nombre in pagina and ajeno.nombre not in pagina
    assert 'name="franja-lugar"' not in pagina  # the office is the place

    respuesta = client.post(url, _datos_franja(del_4b, **{"franja-hasta": "13:00"}))
    html = respuesta.content.decode()
    assert respuesta.status_code == 200
    assert "Tiene que ser posterior" in html and 'value="14:00"' in html
    respuesta = client.post(url, _datos_franja(ajeno))
    assert respuesta.status_code == 200 and "Revisá lo que cargaste" in respuesta.content.decode()

    assert client.post(url, _datos_franja(del_4b)).status_code == 302
    franja = FranjaSemanal.objects.get(conciliador=del_4b)
    assert (franja.oficina, franja.publicada_por) == (oficina, personal)
    pagina = client.get(url).content.decode()
    assert "Publicamos el turno" in pagina
    libres = pagina.split("turnos-libres-oficina")[1]
    assert "Jue 5/03 14:00" in libres and del_4b.nombre in libres  # the next 14 days

    respuesta = client.post(
        url,
        {
            "tipo": "puntual",
            "puntual-conciliador": str(del_4b.pk),
            "puntual-inicio": "2026-03-20T10:00",
            "puntual-duracion_minutos": "60",
            "puntual-modalidad": "presencial",
        },
    )
    assert respuesta.status_code == 302
    turno = TurnoPuntual.objects.get(conciliador=del_4b)
    assert turno.oficina == oficina and turno.inicio == dt.datetime(2026, 3, 20, 10, tzinfo=BA)

    quitar = reverse("audiencias:quitar_de_oficina", args=[oficina.pk, "franja", franja.pk])
    assert client.post(quitar).status_code == 302
    assert not FranjaSemanal.objects.filter(pk=franja.pk).exists()


def test_el_conciliador_ve_en_su_agenda_lo_que_publico_la_oficina(
    client, personal, oficina, de_la_oficina
):
    del_4b = de_la_oficina[0]
    _franja(del_4b, personal, oficina)
    client.force_login(del_4b.usuario)
    html = client.get(reverse("audiencias:mi_agenda")).content.decode()
    assert "Oficina Microcentro" in html and "publicado por la oficina" in html
    assert 'name="franja-oficina"' in html  # they may publish there too


@pytest.mark.parametrize("quien", ["consumidor", "conciliador", "admision_sin_oficina", "registro"])
def test_quien_no_gestiona_oficinas_no_entra(client, oficina, de_la_oficina, quien):
    usuarios = {
        "consumidor": lambda: crear_usuario("x@example.com", Rol.CONSUMIDOR),
        "conciliador": lambda: de_la_oficina[0].usuario,
        "admision_sin_oficina": lambda: crear_usuario(
            "y@autoridad.example", Rol.ADMISION, mfa=True
        ),
        "registro": lambda: crear_usuario("z@autoridad.example", Rol.REGISTRO, mfa=True),
    }
    client.force_login(usuarios[quien]())
    assert client.get(reverse("audiencias:agenda_oficinas")).status_code == 403
    url = reverse("audiencias:agenda_oficina", args=[oficina.pk])
    assert client.get(url).status_code == 403
    assert client.post(url, _datos_franja(de_la_oficina[0])).status_code == 403
    assert not FranjaSemanal.objects.exists()


def test_la_oficina_ajena_no_existe_para_el_personal_y_sin_mfa_no_se_entra(
    client, personal, oficina
):
    otra = _oficina("Oficina Córdoba", "Colón 100, Córdoba", n=2)
    client.force_login(personal)
    assert client.get(reverse("audiencias:agenda_oficinas")).status_code == 302  # its own
    assert client.get(reverse("audiencias:agenda_oficina", args=[otra.pk])).status_code == 404
    sin_mfa(personal)
    respuesta = client.get(reverse("audiencias:agenda_oficina", args=[oficina.pk]))
    assert respuesta.status_code == 302 and "/cuentas/" in respuesta["Location"]


# --- the hearing carries its office (issue 7) ---------------------------------------------------


def test_dos_oficinas_con_el_mismo_texto_de_lugar_no_se_confunden(
    espera_turno, administrador, consumidora, proveedor_activo
):
    """Two offices whose name and address read the same once joined ("Oficina Centro" at
    "Florida 100, CABA" and "Oficina Centro, Florida 100" at "CABA"): the hearing keeps the
    office of the slot it was booked in, the redraw after an excusación stays at that office,
    and renaming the office later changes nothing."""
    from conciliadores.services import apartamiento

    primera = _oficina("Oficina Centro", "Florida 100, CABA", n=1)
    segunda = _oficina("Oficina Centro, Florida 100", "CABA", n=2)
    assert disponibilidad.lugar_de_oficina(primera) == disponibilidad.lugar_de_oficina(segunda)
    en_la_primera = crear_conciliador("OF-0101")
    en_la_segunda = [crear_conciliador("OF-0201"), crear_conciliador("OF-0202")]
    en_la_primera.oficinas.add(primera)
    for conciliador in en_la_segunda:
        conciliador.oficinas.add(segunda)
    for conciliador, oficina in [(en_la_primera, primera)] + [(c, segunda) for c in en_la_segunda]:
        for dia in range(5):
            _franja(conciliador, administrador, oficina, dia_semana=dia)
    proveedor_activo.domicilio_electronico = "cedulas@telefonia.example"
    proveedor_activo.save()

    audiencia = turnos.elegir_turno(
        espera_turno,
        inicio=dt.datetime(2026, 3, 10, 9, tzinfo=BA),
        modalidad="presencial",
        sede=segunda.pk,
        por=consumidora,
    )
    assert audiencia.oficina == segunda and audiencia.conciliador in en_la_segunda
    assert disponibilidad.sede_de_audiencia(audiencia) == segunda.pk

    segunda.razon_social = "Oficina Centro (2.º piso)"
    segunda.save(update_fields=["razon_social"])
    saliente = audiencia.conciliador
    apartamiento.excusarse(espera_turno, por=saliente.usuario, causal="30", fundamento="Decoro.")
    nueva = espera_turno.audiencias.get(estado="fijada")
    assert nueva.oficina == segunda
    assert nueva.conciliador in en_la_segunda and nueva.conciliador != saliente


def test_la_migracion_toma_la_oficina_del_lugar_solo_si_es_inequivoca(
    espera_turno, con_oficina_y_estudio, consumidora, oficina
):
    import importlib

    from django.apps import apps

    migracion = importlib.import_module("audiencias.migrations.0006_audiencia_oficina")
    audiencia = turnos.elegir_turno(
        espera_turno,
        inicio=dt.datetime(2026, 3, 10, 9, tzinfo=BA),
        modalidad="presencial",
        sede=oficina.pk,
        por=consumidora,
    )
    audiencia.__class__.objects.filter(pk=audiencia.pk).update(oficina=None)
    migracion.oficina_desde_el_lugar(apps, None)
    audiencia.refresh_from_db()
    assert audiencia.oficina == oficina

    # A second office with the same place text: the old rows cannot tell them apart.
    _oficina("Oficina Microcentro", "Av. Roque Sáenz Peña 501, CABA", n=2)
    audiencia.__class__.objects.filter(pk=audiencia.pk).update(oficina=None)
    migracion.oficina_desde_el_lugar(apps, None)
    audiencia.refresh_from_db()
    assert audiencia.oficina is None
