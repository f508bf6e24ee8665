"""Grounds of excusación and recusación (D202-I.7): those of CPCCN arts. 17 and 30 for judges.

Art. 17 lists the grounds of recusación con causa; art. 30 obliges the judge to excuse themself
on any of them and allows it for "graves motivos de decoro o delicadeza". Incs. 5 and 6 of art. 17
(denuncia or querella; denuncia under the magistrates' impeachment law) are one ground here: the
second has no analogue for a conciliator.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Causal(models.TextChoices):
    PARENTESCO = (
        "17.1",
        _(
            "Parentesco (consanguinidad hasta el 4.º grado o afinidad hasta el 2.º) con una parte, "
            "su mandatario o letrado (CPCCN art. 17 inc. 1)"
        ),
    )
    INTERES_SOCIEDAD = (
        "17.2",
        _(
            "Interés en el pleito, o sociedad o comunidad con una parte, su procurador o abogado "
            "(CPCCN art. 17 inc. 2)"
        ),
    )
    PLEITO_PENDIENTE = "17.3", _("Pleito pendiente con una parte (CPCCN art. 17 inc. 3)")
    ACREEDOR_DEUDOR_FIADOR = (
        "17.4",
        _("Ser acreedor, deudor o fiador de una parte (CPCCN art. 17 inc. 4)"),
    )
    DENUNCIA_QUERELLA = (
        "17.5",
        _(
            "Haber denunciado o querellado a una parte, o haber sido denunciado o "
            "querellado por ella antes del reclamo (CPCCN art. 17 incs. 5 y 6)"
        ),
    )
    PREJUZGAMIENTO = (
        "17.7",
        _(
            "Haber sido defensor de una parte, o haber opinado, dictaminado o recomendado sobre el "
            "reclamo (prejuzgamiento, CPCCN art. 17 inc. 7)"
        ),
    )
    BENEFICIOS = (
        "17.8",
        _("Haber recibido beneficios de importancia de una parte (CPCCN art. 17 inc. 8)"),
    )
    AMISTAD = (
        "17.9",
        _(
            "Amistad íntima con una parte, manifestada por gran familiaridad o frecuencia "
            "en el trato (CPCCN art. 17 inc. 9)"
        ),
    )
    ENEMISTAD = (
        "17.10",
        _("Enemistad, odio o resentimiento manifiesto con una parte (CPCCN art. 17 inc. 10)"),
    )
    DECORO = "30", _("Graves motivos de decoro o delicadeza (CPCCN art. 30)")


FUENTE = "D202-I.7; CPCCN arts. 17 y 30"
