"""Staff's per-régimen scope (decision 0038): Peru and CABA both name the `funcionario` role, so
in a deployment offering both an official reaches only the régimenes in his scope
(Usuario.regimenes). Outside it a claim is a 404 on pages and API, an act is refused, a tray is
empty or closed, and notices go only to officials in scope."""

import importlib
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.test import override_settings
from django.urls import reverse
from rest_framework.test import APIClient

from conciliacion.errores import AccesoDenegado
from cuentas.alcance import regimenes_a_cargo, regimenes_por_defecto
from cuentas.models import Usuario
from cuentas.roles import Rol
from normativa.regimenes.caba import CODIGO as CABA
from reclamos.estados import Estado
from reclamos.ganchos_mediacion import _funcionarios
from reclamos.models import Reclamo
from reclamos.permisos import reclamos_visibles
from reclamos.services import mediacion
from reclamos.transiciones import transicionar
from sumarios.services import denuncia as servicio
from tests.conftest import crear_usuario
from tests.reclamos.mediacion import consumidora_pe, en_mediacion, presentado, proveedor_pe
from tests.sumarios.caba import datos_denuncia

pytestmark = pytest.mark.django_db
PERU = "PE-INDECOPI"


@pytest.fixture
def oficial_pe(db) -> Usuario:
    return crear_usuario("rosa@indecopi.example", Rol.FUNCIONARIO, mfa=True, regimenes=[PERU])


@pytest.fixture
def oficial_caba(db) -> Usuario:
    return crear_usuario("pablo@dgdypc.example", Rol.FUNCIONARIO, mfa=True, regimenes=[CABA])


@pytest.fixture
def reclamo_pe(oficial_pe) -> Reclamo:
    proveedor_pe()
    return en_mediacion(consumidora_pe(), oficial_pe)


@pytest.fixture
def denuncia(consumidora, proveedor_activo) -> Reclamo:
    return servicio.presentar_denuncia(consumidor=consumidora, datos=datos_denuncia())


def _api(usuario) -> APIClient:
    api = APIClient()
    api.force_authenticate(usuario)
    return api


# --- the scope itself ----------------------------------------------------------------------------


def test_el_personal_nuevo_recibe_los_regimenes_ofrecidos_de_su_rol(db):
    todos = crear_usuario("a@x.example", Rol.FUNCIONARIO)
    assert sorted(todos.regimenes) == sorted([PERU, CABA])
    with override_settings(REGIMENES_OFRECIDOS=[CABA]):
        solo_caba = crear_usuario("b@x.example", Rol.FUNCIONARIO)
        assert solo_caba.regimenes == [CABA]
        # A role no offered régimen names keeps what its definitions give (today's reach).
        assert regimenes_por_defecto(Rol.ADMISION) != []
    consumidora = crear_usuario("c@x.example", Rol.CONSUMIDOR)
    assert consumidora.regimenes == [] and regimenes_a_cargo(consumidora) == frozenset()
    # An explicit scope is kept; one the role does not serve gives nothing.
    assert crear_usuario("d@x.example", Rol.FUNCIONARIO, regimenes=[CABA]).regimenes == [CABA]
    admision = crear_usuario("e@x.example", Rol.ADMISION, regimenes=[CABA])
    assert regimenes_a_cargo(admision) == frozenset()


def test_la_migracion_asigna_a_quienes_ya_existian_su_alcance_de_hoy(db):
    oficial = crear_usuario("a@x.example", Rol.FUNCIONARIO)
    representante = crear_usuario("r@x.example", Rol.REPRESENTANTE)
    Usuario.objects.update(regimenes=[])
    migracion = importlib.import_module("cuentas.migrations.0004_alcance_por_regimen")
    with override_settings(REGIMENES_OFRECIDOS=[PERU]):
        migracion.asignar_alcance(apps, None)
    oficial.refresh_from_db()
    representante.refresh_from_db()
    assert oficial.regimenes == [PERU]
    assert representante.regimenes == []


def test_un_oficial_sin_regimenes_no_ve_nada(reclamo_pe, denuncia, oficial_pe):
    Usuario.objects.filter(pk=oficial_pe.pk).update(regimenes=[])
    oficial_pe.refresh_from_db()
    assert not reclamos_visibles(oficial_pe).exists()


# --- the access matrix ---------------------------------------------------------------------------


def test_el_oficial_de_peru_no_ve_ni_actua_en_una_denuncia_de_caba(
    client, reclamo_pe, denuncia, oficial_pe
):
    assert list(reclamos_visibles(oficial_pe)) == [reclamo_pe]
    client.force_login(oficial_pe)
    assert client.get(reverse("sumarios:denuncia", args=[denuncia.pk])).status_code == 404
    acto = client.post(
        reverse("sumarios:denuncia_acto", args=[denuncia.pk]), {"accion": "admitir_denuncia"}
    )
    assert acto.status_code == 404
    assert client.get(reverse("sumarios:bandeja")).status_code == 403
    assert client.get(reverse("sumarios:lista")).status_code == 403
    assert client.get(reverse("sumarios:denunciar")).status_code == 403
    assert _api(oficial_pe).get(f"/api/v1/reclamos/{denuncia.pk}/").status_code == 404
    with pytest.raises(AccesoDenegado):
        transicionar(denuncia, "admitir_denuncia", por=oficial_pe)
    with pytest.raises(AccesoDenegado):
        servicio.abrir_de_oficio(
            por=oficial_pe, razon_social="K", cuit="30712345671", domicilio="D", hechos="H"
        )
    denuncia.refresh_from_db()
    assert denuncia.estado == Estado.EN_ADMISION
    # His own claim is still his.
    assert client.get(reverse("reclamos:mediacion", args=[reclamo_pe.pk])).status_code == 200


def test_el_oficial_de_caba_no_ve_ni_actua_en_un_reclamo_de_peru(
    client, consumidora, proveedor_activo, oficial_caba, oficial_pe
):
    proveedor_pe()
    reclamo_pe = presentado(consumidora_pe())
    denuncia = servicio.presentar_denuncia(consumidor=consumidora, datos=datos_denuncia())
    assert list(reclamos_visibles(oficial_caba)) == [denuncia]
    client.force_login(oficial_caba)
    assert client.get(reverse("reclamos:mediacion", args=[reclamo_pe.pk])).status_code == 404
    registrar = client.post(reverse("reclamos:mediacion_registrar", args=[reclamo_pe.pk]))
    assert registrar.status_code == 404
    bandeja = client.get(reverse("reclamos:mediacion_bandeja"))
    assert bandeja.status_code == 200 and reclamo_pe.numero not in bandeja.content.decode()
    for ruta in (
        f"/api/v1/reclamos/{reclamo_pe.pk}/",
        f"/api/v1/reclamos/{reclamo_pe.pk}/mediacion/",
    ):
        respuesta = _api(oficial_caba).get(ruta)
        assert respuesta.status_code == 404 and respuesta.json()["error"]["codigo"] == "not_found"
    listado = _api(oficial_caba).get("/api/v1/reclamos/").json()
    assert [r["numero"] for r in listado["results"]] == [denuncia.numero]
    antes = reclamo_pe.estado
    with pytest.raises(AccesoDenegado):
        mediacion.registrar_reclamo(reclamo_pe, por=oficial_caba)
    reclamo_pe.refresh_from_db()
    assert reclamo_pe.estado == antes
    # Her own denuncia is still hers: the page and the tray.
    assert client.get(reverse("sumarios:denuncia", args=[denuncia.pk])).status_code == 200
    assert denuncia.numero in client.get(reverse("sumarios:bandeja")).content.decode()


def test_el_recordatorio_de_registro_va_solo_a_los_oficiales_del_regimen(
    reclamo_pe, oficial_pe, oficial_caba
):
    # The registration timer's subject is the claim (plazos.registro's responsables).
    assert _funcionarios(SimpleNamespace(sujeto=reclamo_pe)) == [oficial_pe]


def test_la_bandeja_de_mediacion_del_oficial_con_alcance_tiene_consultas_planas(
    client, oficial_pe, oficial_caba, consumidora, proveedor_activo, django_assert_max_num_queries
):
    proveedor_pe()
    carmen = consumidora_pe()
    presentado(carmen)
    servicio.presentar_denuncia(consumidor=consumidora, datos=datos_denuncia())
    client.force_login(oficial_pe)
    url = reverse("reclamos:mediacion_bandeja")
    client.get(url)  # warm the per-user caches
    with django_assert_max_num_queries(20) as pocas:
        client.get(url)
    for _ in range(4):
        presentado(carmen)
        servicio.presentar_denuncia(consumidor=consumidora, datos=datos_denuncia())
    with django_assert_max_num_queries(len(pocas.captured_queries)):
        respuesta = client.get(url)
    assert respuesta.content.decode().count("/mediacion/") >= 5


# --- managed in the admin ------------------------------------------------------------------------


def test_el_administrador_cambia_el_alcance_en_el_admin(client, administrador, oficial_pe):
    client.force_login(administrador)
    url = reverse("admin:cuentas_usuario_change", args=[oficial_pe.pk])
    pagina = client.get(url)
    assert pagina.status_code == 200 and f'value="{CABA}"' in pagina.content.decode()
    datos = {
        "email": oficial_pe.email,
        "rol": Rol.FUNCIONARIO,
        "regimenes": [PERU, CABA],
        "is_active": "on",
        "creado_en_0": "2026-01-01",
        "creado_en_1": "10:00:00",
    }
    respuesta = client.post(url, datos)
    assert respuesta.status_code == 302, respuesta.content.decode()[:2000]
    oficial_pe.refresh_from_db()
    assert sorted(oficial_pe.regimenes) == sorted([PERU, CABA])
    client.post(url, {**datos, "regimenes": []})
    oficial_pe.refresh_from_db()
    assert oficial_pe.regimenes == []


def test_el_oficial_de_caba_no_revisa_los_registros_de_la_plataforma_peruana(
    client, oficial_pe, oficial_caba
):
    from reclamos.models import AdhesionMediacion
    from reclamos.services.adhesion import revisar_adhesion
    from tests.reclamos.mediacion import adherir

    carmen = consumidora_pe(validada=False)
    adhesion = adherir(usuario=carmen, estado=AdhesionMediacion.Estado.PENDIENTE)
    client.force_login(oficial_caba)
    assert client.get(reverse("reclamos:mediacion_identidades")).status_code == 403
    url = reverse("reclamos:mediacion_validar_identidad", args=[adhesion.pk])
    assert client.get(url).status_code == 403
    with pytest.raises(AccesoDenegado):
        revisar_adhesion(adhesion, por=oficial_caba, decision="observar", observacion="x")
    client.force_login(oficial_pe)
    cola = client.get(reverse("reclamos:mediacion_identidades"))
    assert cola.status_code == 200 and carmen.dni in cola.content.decode()
    assert client.get(url).status_code == 200
