"""Decision 0030: hooks and permissions are built from the régimen definitions, so a new
régimen's terms get their consequences and its staff their claims without touching reclamos."""

import dataclasses

import pytest

from normativa.regimenes import Papel, obtener, todos
from plazos import registro
from reclamos import ganchos
from reclamos.etapas import ETAPAS_COPREC, linea_de_etapas
from reclamos.permisos import PERSONAL_POR_REGIMEN


@pytest.mark.parametrize("regimen", todos(), ids=lambda r: r.codigo)
def test_cada_plazo_con_consecuencia_tiene_una_registrada(regimen):
    for codigo in regimen.plazos_con_consecuencia:
        assert registro.consecuencia(codigo) is not None, codigo


def test_las_acciones_al_vencer_salen_de_la_definicion():
    coprec = obtener("COPREC")
    assert ganchos.accion_al_vencer(coprec, "AR-11") == "cerrar_por_incomparecencia"
    assert ganchos.accion_al_vencer(coprec, "AR-03") == "caducar"
    assert ganchos.accion_al_vencer(coprec, "AR-07") == ""
    # Another régimen mapping the same papel to its own code gets the same action.
    otro = dataclasses.replace(
        coprec,
        codigo="OTRO",
        papeles={Papel.JUSTIFICACION_PROVEEDOR: "X-03"},
        acciones_al_vencer={Papel.JUSTIFICACION_PROVEEDOR: "cerrar_por_incomparecencia"},
    )
    assert ganchos.accion_al_vencer(otro, "X-03") == "cerrar_por_incomparecencia"
    assert ganchos.accion_al_vencer(otro, "AR-11") == ""


def test_el_personal_de_cada_regimen_sale_de_sus_roles():
    esperado: dict[str, set[str]] = {}
    for regimen in todos():
        for rol in regimen.roles:
            esperado.setdefault(rol, set()).add(regimen.codigo)
    assert esperado == PERSONAL_POR_REGIMEN
    assert PERSONAL_POR_REGIMEN["funcionario"] == {"PE-INDECOPI", "AR-CABA-757"}
    assert PERSONAL_POR_REGIMEN["administrador"] == {"COPREC", "PE-INDECOPI", "AR-CABA-757"}


@pytest.mark.django_db
def test_las_etapas_listan_plazos_por_papel_no_por_codigo():
    """A régimen that calls the proof term by another code still shows it in its step."""

    class Plazo:
        def __init__(self, tipo):
            self.tipo, self.explicacion = tipo, {}

        @property
        def tipo_plazo(self):
            raise LookupError

    coprec = obtener("COPREC")
    otro = dataclasses.replace(coprec, papeles={**coprec.papeles, Papel.ACREDITACION: "X-01"})

    class Reclamo:
        regimen = otro
        regimen_codigo = "OTRO"
        estado = next(iter(ETAPAS_COPREC[0].estados - {"PRESENTADO"}))

        def get_estado_display(self):
            return ""

    filas = linea_de_etapas(
        Reclamo(), actuaciones=[], plazos=[Plazo("X-01")], rol_del_lector="consumidor"
    )
    actual = next(f for f in filas if f["estado"] == "actual")
    assert [p["plazo"].tipo for p in actual["plazos"]] == ["X-01"]
    assert actual["plazos"][0]["tuyo"]
