"""Issue 13, decision 0043: the mediation file reads with the claim which of its tables hold rows
(the mediation page's marks) and queries only those; the running plazos are read once."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from reclamos.services import mediacion
from tests.reclamos.mediacion import con_propuesta, consumidora_pe, en_mediacion, proveedor_pe

pytestmark = pytest.mark.django_db


@pytest.fixture
def carmen(db):
    return consumidora_pe()


@pytest.fixture
def andina(db):
    return proveedor_pe()


def _pagina(client, usuario, reclamo):
    client.force_login(usuario)
    with CaptureQueriesContext(connection) as consultas:
        respuesta = client.get(reverse("reclamos:mediacion", args=[reclamo.pk]))
    assert respuesta.status_code == 200
    return respuesta.content.decode(), [c["sql"] for c in consultas]


def _de_la_tabla(consultas, tabla: str) -> list[str]:
    """The statements that read or write `tabla` itself (not in a subquery: Django aliases a
    subquery's tables U0, V0...)."""
    return [sql for sql in consultas if re.search(rf'(FROM|INTO) "{tabla}"(?! [A-Z]\d)', sql)]


@pytest.mark.parametrize("quien", ["consumidora", "funcionario"])
def test_el_expediente_no_consulta_las_tablas_vacias(client, carmen, funcionario, quien):
    reclamo = en_mediacion(carmen, funcionario)
    pagina, consultas = _pagina(client, carmen if quien == "consumidora" else funcionario, reclamo)
    assert "Todavía no hay mensajes." in pagina
    for tabla in (
        "reclamos_mensajemediacion",
        "reclamos_propuestamediacion",
        "audiencias_audiencia",
        "documentos_archivosubido",
        # Joined to the claim's own query.
        "reclamos_mediacion",
    ):
        assert not _de_la_tabla(consultas, tabla), tabla
    # The timeline's and the box's running plazos: one read.
    assert len(_de_la_tabla(consultas, "plazos_plazo")) == 1
    # The compliance report comes from the timeline (the consumer's notice in
    # CUMPLIMIENTO_COMUNICADO, tests/audiencias/test_mediacion.py).
    assert not [sql for sql in consultas if "cumplimiento.comunicado" in sql]
    assert len(_de_la_tabla(consultas, "reclamos_actuacion")) == 1


def test_el_expediente_con_filas_las_muestra_con_consultas_constantes(
    client, carmen, andina, funcionario
):
    propuesta = con_propuesta(carmen, funcionario, andina[1])
    reclamo = propuesta.reclamo
    mediacion.enviar_mensaje(reclamo, por=carmen, texto="Primer mensaje")
    _pagina(client, funcionario, reclamo)  # the process' caches (content types, calendars)
    mediacion.enviar_mensaje(reclamo, por=carmen, texto="Segundo mensaje")
    pagina, pocas = _pagina(client, funcionario, reclamo)
    assert "Primer mensaje" in pagina
    assert "Propuesta N.º 1" in pagina
    for i in range(5):
        mediacion.enviar_mensaje(reclamo, por=andina[1], texto=f"Mensaje {i}")
    pagina, muchas = _pagina(client, funcionario, reclamo)
    assert "Mensaje 4" in pagina
    assert len(muchas) == len(pocas)
    # The official's read receipts were recorded: the thread was read.
    assert _de_la_tabla(muchas, "reclamos_mensajemediacion")
