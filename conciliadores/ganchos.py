"""What conciliadores registers upstream (ARCHITECTURE.md: downstream apps plug in, upstream apps
never import them): transition hooks on the claim's acts, who else sees a claim (and so its files)
and who is reminded before the conciliator's plazos fall due."""

from conciliadores.models import Designacion, Recusacion
from conciliadores.permisos import filtro_reclamos_del_conciliador
from conciliadores.selectors import fuentes_del_conciliador
from conciliadores.services.designacion import (
    al_acumular,
    apartar_seguidores,
    designar_al_admitir,
    designar_al_admitir_en_eleccion,
    retirar_propuestas,
)
from conciliadores.services.sorteo import comprometer_al_admitir
from cuentas.roles import Rol
from normativa.regimenes import Papel, codigos_de, registro_de_conciliadores
from plazos import registro
from reclamos import recorridos
from reclamos.estados import Estado
from reclamos.permisos import registrar_acceso
from reclamos.secciones import registrar_seccion
from reclamos.services.acumulacion import registrar_al_acumular
from reclamos.transiciones import registrar_hook

# Method a commits to the draw's seed when the claim is admitted (also on appeal).
registrar_hook("admitir", comprometer_al_admitir)
registrar_hook("admitir_recurso", comprometer_al_admitir)
# A claim that ends leaves no proposal waiting for an answer.
for _accion in ("desistir", "caducar", "cerrar_por_tope"):
    registrar_hook(_accion, retirar_propuestas)

registrar_acceso(filtro_reclamos_del_conciliador)
# ... and their API list walks their own designations (decision 0041).
recorridos.registrar(Rol.CONCILIADOR, fuentes_del_conciliador)
# D202-I.2: a lead designated before the set was joined hands its conciliator to the others.
registrar_al_acumular(al_acumular)
# ... a joined claim admitted after its lead was designated takes that conciliator then;
registrar_hook("esperar_turno", designar_al_admitir)
registrar_hook("esperar_documento_autonomo", designar_al_admitir)
registrar_hook("admitir", designar_al_admitir_en_eleccion)
registrar_hook("admitir_recurso", designar_al_admitir_en_eleccion)
# ... and the joined claims lose the conciliator who steps aside on the lead, with the lead.
registrar_hook("redesignar", apartar_seguidores)


def _conciliador_designado(plazo):
    designacion = (
        Designacion.objects.filter(reclamo_id=plazo.object_id, activa=True)
        .select_related("conciliador__usuario")
        .first()
    )
    return [designacion.conciliador.usuario] if designacion else []


def _conciliador_recusado(plazo):
    recusacion = (
        Recusacion.objects.filter(reclamo_id=plazo.object_id, estado=Recusacion.Estado.EN_TRAMITE)
        .select_related("conciliador__usuario")
        .first()
    )
    return [recusacion.conciliador.usuario] if recusacion else []


for _codigo in codigos_de(Papel.EXCUSACION):
    registro.registrar_responsable(_codigo, _conciliador_designado)
for _codigo in codigos_de(Papel.RESPUESTA_RECUSACION):
    registro.registrar_responsable(_codigo, _conciliador_recusado)


# Before admission nobody conciliates yet; Peru's régimen has no conciliators of this registry.
ANTES_DE_DESIGNAR = {
    Estado.BORRADOR,
    Estado.PRESENTADO,
    Estado.EN_ADMISION,
    Estado.REQUERIMIENTO,
    Estado.INADMITIDO,
    Estado.RECURSO_EN_TRAMITE,
    Estado.INADMITIDO_FIRME,
}


def _contexto_designacion(request, reclamo):
    """The claim page's "Conciliador/a" section (the template calls designacion_de)."""
    if not reclamo.metodo_designacion or reclamo.estado in ANTES_DE_DESIGNAR:
        return None
    return {"visible": True}


registrar_seccion("conciliadores/_seccion_reclamo.html", _contexto_designacion, orden=10)


def _registrar_disciplina():
    """Anexo II: the AR-D consequences, the case's documents and files, its reminders."""
    from conciliadores.disciplina.consecuencias import CONSECUENCIAS
    from conciliadores.disciplina.permisos import puede_ver_caso
    from conciliadores.models import CasoDisciplinario
    from documentos.permisos import registrar_acceso as registrar_acceso_documentos

    regimen = registro_de_conciliadores()
    for papel, funcion in CONSECUENCIAS.items():
        registro.registrar_consecuencia(regimen.codigo_de(papel), funcion)
    # The investigated conciliator must file the defence and the closing brief.
    propios = set(regimen.codigos(Papel.DISCIPLINA_DESCARGO, Papel.DISCIPLINA_ALEGATO))
    registrar_acceso_documentos(CasoDisciplinario, puede_ver_caso)

    def _investigado(plazo):
        caso = CasoDisciplinario.objects.select_related("conciliador__usuario").get(
            pk=plazo.object_id
        )
        return [caso.conciliador.usuario] if plazo.tipo in propios else []

    registro.registrar_responsable(CasoDisciplinario, _investigado)


_registrar_disciplina()


def _registrar_marcas():
    """Which of conciliadores' tables hold rows for the claim, read with the claim (issue 13)."""
    from django.db.models import Exists, OuterRef

    from conciliadores.models import DocumentoAutonomo, Excusacion, Propuesta, Sorteo
    from reclamos.secciones import registrar_marca

    def existe(modelo, **filtro):
        return lambda usuario: Exists(modelo.objects.filter(reclamo=OuterRef("pk"), **filtro))

    registrar_marca("designaciones", existe(Designacion), fija=True)
    registrar_marca("propuestas", existe(Propuesta, estado=Propuesta.Estado.PENDIENTE), fija=True)
    registrar_marca("recusaciones", existe(Recusacion), fija=True)
    registrar_marca("excusaciones", existe(Excusacion), fija=True)
    registrar_marca("documentos_autonomos", existe(DocumentoAutonomo), fija=True)
    registrar_marca("sorteos", existe(Sorteo), fija=True)
    # The designated conciliator (audiencias.permisos.es_conciliador_de reads it from the page).
    registrar_marca(
        "es_conciliador",
        lambda usuario: Exists(
            Designacion.objects.filter(
                reclamo=OuterRef("pk"), activa=True, conciliador__usuario_id=usuario.pk
            )
        ),
    )


_registrar_marcas()
