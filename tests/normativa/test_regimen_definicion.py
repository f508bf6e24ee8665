"""The régimen definition (decision 0030): each régimen's table, roles and papeles are data the
services read; these tests hold the definitions consistent."""

import pytest

from normativa.regimenes import (
    Papel,
    codigo_unico,
    codigos_de,
    obtener,
    por_identificador,
    todos,
)
from reclamos.estados import SISTEMA, Estado, tabla


@pytest.mark.parametrize("regimen", todos(), ids=lambda r: r.codigo)
def test_cada_papel_nombra_un_plazo_del_regimen(regimen):
    assert regimen.papeles, regimen.codigo
    for papel, codigo in regimen.papeles.items():
        assert isinstance(papel, Papel)
        assert codigo in regimen.plazos, (papel, codigo)
        assert regimen.codigo_de(papel) == codigo
        assert regimen.plazo_de(papel).codigo == codigo
        assert regimen.papel_de(codigo) == papel
    # A code plays one part only.
    assert len(set(regimen.papeles.values())) == len(regimen.papeles)


@pytest.mark.parametrize("regimen", todos(), ids=lambda r: r.codigo)
def test_la_tabla_solo_abre_y_cierra_plazos_propios_y_usa_estados_del_reclamo(regimen):
    assert regimen.transiciones
    assert tabla(regimen.codigo) is regimen.transiciones
    for accion, fila in regimen.transiciones.items():
        assert set(fila.abre) | set(fila.cierra) <= set(regimen.plazos), accion
        assert {fila.hacia, *fila.desde} <= set(Estado.values), accion
        # Staff rows name only the régimen's own staff (or the portal itself / the parties).
        personal = fila.roles - {SISTEMA, "consumidor", "representante", "conciliador"}
        assert personal <= regimen.roles, (accion, personal)


@pytest.mark.parametrize("regimen", todos(), ids=lambda r: r.codigo)
def test_consecuencias_y_acciones_apuntan_a_plazos_y_filas_propios(regimen):
    assert set(regimen.plazos_con_consecuencia) <= set(regimen.plazos)
    for papel, accion in regimen.acciones_al_vencer.items():
        assert regimen.codigo_de(papel) in regimen.plazos_con_consecuencia
        assert accion in regimen.transiciones, accion
    assert regimen.identificadores


def test_un_papel_que_el_regimen_no_tiene_es_un_error_claro():
    peru = obtener("PE-INDECOPI")
    assert not peru.tiene(Papel.HOMOLOGACION)
    with pytest.raises(LookupError, match="homologacion"):
        peru.codigo_de(Papel.HOMOLOGACION)


def test_busquedas_entre_regimenes():
    assert codigos_de(Papel.JUSTIFICACION_PROVEEDOR) == [
        obtener("COPREC").codigo_de(Papel.JUSTIFICACION_PROVEEDOR),
        obtener("AR-CABA-757").codigo_de(Papel.JUSTIFICACION_PROVEEDOR),
    ]
    assert codigo_unico(Papel.RESPUESTA_MEDIACION) == "PE-SAC-2"
    assert codigo_unico(Papel.DESCARGO) == "CABA-07"  # only CABA has a sumario
    with pytest.raises(LookupError):
        codigo_unico(Papel.JUSTIFICACION_PROVEEDOR)  # COPREC and CABA both define it
    assert por_identificador("RUC").codigo == "PE-INDECOPI"
    assert por_identificador("CUIT").codigo == "COPREC"
    with pytest.raises(LookupError):
        por_identificador("NIF")


def test_banderas_de_coprec_y_peru():
    coprec, peru = obtener("COPREC"), obtener("PE-INDECOPI")
    assert coprec.requiere_homologacion and not peru.requiere_homologacion
    assert coprec.honorarios and not peru.honorarios
    assert coprec.multa_incomparecencia.unidad == "SMVM"
    assert coprec.multa_incomparecencia.fija
    assert peru.multa_incomparecencia is None
