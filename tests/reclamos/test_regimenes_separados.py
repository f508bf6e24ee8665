"""The régimen abstraction is real (issue 9): a Peru claim never shows COPREC wording or acts,
and a COPREC claim never shows Peru's."""

import re

import pytest
from django.urls import reverse

from conciliacion.errores import ConflictoDeEstado
from normativa.regimenes.coprec_transiciones import TRANSICIONES as TRANSICIONES_COPREC
from normativa.regimenes.peru_transiciones import TRANSICIONES as TRANSICIONES_PERU
from reclamos.estados import Estado
from reclamos.services import mediacion
from reclamos.transiciones import transicionar
from tests.reclamos.factories import reclamo_en
from tests.reclamos.mediacion import con_propuesta, consumidora_pe, en_mediacion, proveedor_pe

pytestmark = pytest.mark.django_db

# Wording and acts of the COPREC procedure (seed 000, Decreto 202/2015) and Argentine Spanish.
COPREC = [
    "COPREC",
    "CUIT",
    "conciliador",
    "Decreto 202",
    "Ley 26.993",
    "homolog",
    "Seleccionar Turno",
    "Revisar admisibilidad",
    "Revisión del tope",
    "Elegí",
    "Podés",
    "Revisá",
    "$ ",
]
# Peru's procedure and wording (seed 001).
PERU = ["Indecopi", "Reclama Virtual", "RUC", "S/ ", "conformidad", "usted", "Ingrese"]


def _principal(respuesta) -> str:
    """The page's own content (the shared header and footer name the portal, not a régimen)."""
    html = respuesta.content.decode()
    return re.search(r"<main .*?</main>", html, re.S).group(0)


def _sin(texto: str, palabras: list[str]) -> list[str]:
    """The words found, case-sensitive except at a word's start ("Conciliador", "conciliador")."""
    return [p for p in palabras if p in texto or p[0].swapcase() + p[1:] in texto]


@pytest.fixture
def escena(db, funcionario):
    carmen = consumidora_pe()
    _organizacion, representante = proveedor_pe()
    propuesta = con_propuesta(carmen, funcionario, representante)
    mediacion.enviar_mensaje(propuesta.reclamo, por=carmen, texto="Gracias, la reviso.")
    return propuesta, carmen, representante


def test_la_pagina_del_reclamo_peruano_no_muestra_nada_de_coprec(client, escena, funcionario):
    propuesta, carmen, representante = escena
    reclamo = propuesta.reclamo
    paginas = [
        (carmen, reverse("reclamos:mediacion", args=[reclamo.pk])),
        (carmen, reverse("reclamos:mediacion_propuesta", args=[reclamo.pk, propuesta.pk])),
        (carmen, reverse("reclamos:mediacion_nuevo")),
        (carmen, reverse("reclamos:mediacion_registro")),
        (representante, reverse("reclamos:mediacion", args=[reclamo.pk])),
        (funcionario, reverse("reclamos:mediacion", args=[reclamo.pk])),
        (funcionario, reverse("reclamos:mediacion_bandeja")),
    ]
    for usuario, url in paginas:
        client.force_login(usuario)
        respuesta = client.get(url)
        assert respuesta.status_code == 200, url
        assert _sin(_principal(respuesta), COPREC) == [], url
    client.force_login(carmen)
    pagina = _principal(client.get(reverse("reclamos:mediacion", args=[reclamo.pk])))
    assert "RUC 20100000009" in pagina and "S/ 1,234.50" in pagina


def test_el_detalle_comun_lleva_al_expediente_de_mediacion(client, escena):
    propuesta, carmen, _ = escena
    client.force_login(carmen)
    respuesta = client.get(reverse("reclamos:detalle", args=[propuesta.reclamo_id]))
    assert respuesta.status_code == 302
    assert respuesta.url == reverse("reclamos:mediacion", args=[propuesta.reclamo_id])


def test_la_pagina_del_reclamo_coprec_no_muestra_nada_de_peru(
    client, consumidora, proveedor_activo, agente_admision
):
    reclamo = reclamo_en(Estado.EN_ADMISION, consumidor=consumidora, organizacion=proveedor_activo)
    for usuario in (consumidora, agente_admision):
        client.force_login(usuario)
        respuesta = client.get(reverse("reclamos:detalle", args=[reclamo.pk]))
        assert respuesta.status_code == 200
        assert _sin(_principal(respuesta), PERU) == []


def test_las_paginas_de_mediacion_no_existen_para_un_reclamo_coprec(
    client, consumidora, proveedor_activo
):
    reclamo = reclamo_en(Estado.EN_ADMISION, consumidor=consumidora, organizacion=proveedor_activo)
    client.force_login(consumidora)
    assert client.get(reverse("reclamos:mediacion", args=[reclamo.pk])).status_code == 404
    respuesta = client.post(
        reverse("reclamos:mediacion_mensaje", args=[reclamo.pk]), {"texto": "x"}
    )
    assert respuesta.status_code == 404
    with pytest.raises(ConflictoDeEstado, match="no se tramita por mediación"):
        mediacion.enviar_mensaje(reclamo, por=consumidora, texto="x")


def test_cada_regimen_solo_admite_los_actos_de_su_tabla(escena, consumidora, agente_admision):
    propuesta, _carmen, _ = escena
    with pytest.raises(ConflictoDeEstado, match="no existe en este régimen"):
        transicionar(propuesta.reclamo, "admitir", por=agente_admision)
    coprec = reclamo_en(Estado.EN_ADMISION, consumidor=consumidora)
    with pytest.raises(ConflictoDeEstado, match="no existe en este régimen"):
        transicionar(coprec, "dar_conformidad", por=consumidora, datos={"sha256": "x"})
    # The Peru table only reaches its own states (plus the shared end states).
    comunes = {Estado.BORRADOR, Estado.ARCHIVADO, Estado.DESISTIDO}
    peru = {f.hacia for f in TRANSICIONES_PERU.values()} | {
        e for f in TRANSICIONES_PERU.values() for e in f.desde
    }
    argentina = {f.hacia for f in TRANSICIONES_COPREC.values()} | {
        e for f in TRANSICIONES_COPREC.values() for e in f.desde
    }
    assert peru & argentina <= comunes


def test_el_funcionario_solo_ve_actos_de_la_tabla_peruana(client, funcionario):
    carmen = consumidora_pe()
    proveedor_pe()
    reclamo = en_mediacion(carmen, funcionario)
    client.force_login(funcionario)
    pagina = _principal(client.get(reverse("reclamos:mediacion", args=[reclamo.pk])))
    assert "Convocar audiencia de conciliación" in pagina
    assert "Concluir sin acuerdo" in pagina
    assert _sin(pagina, ["Admitir", "Requerir", "Designar", "Fijar audiencia"]) == []
