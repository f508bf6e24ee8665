"""Sheets are numbered per book and year (correlative), under a unique constraint, without
repeating a number when two consumers file at the same moment."""

import threading

import pytest
from django.db import IntegrityError, connection, connections, transaction

from libro.models import Hoja
from tests.libro.conftest import datos_hoja, presentar, viajar


@pytest.mark.django_db
def test_correlativo_por_libro_y_por_anio(libro_web, libro_tienda):
    with viajar(2026, 3, 2):
        primera = presentar(libro_web)
        segunda = presentar(libro_web)
        de_la_tienda = presentar(libro_tienda)
    with viajar(2027, 1, 4):
        del_anio_siguiente = presentar(libro_web)
    assert (primera.correlativo, primera.anio, primera.numero) == (1, 2026, "000001-2026")
    assert segunda.numero == "000002-2026"
    assert de_la_tienda.numero == "000001-2026"
    assert del_anio_siguiente.numero == "000001-2027"


@pytest.mark.django_db
def test_el_anio_es_el_de_lima(libro_web):
    # 31/12/2026 23:30 in Lima is already 2027 in UTC.
    with viajar(2026, 12, 31, 23, 30):
        hoja = presentar(libro_web)
    assert hoja.numero == "000001-2026"


@pytest.mark.django_db
def test_la_restriccion_unica_impide_repetir_un_numero(libro_web):
    with viajar(2026, 3, 2):
        hoja = presentar(libro_web)
    copia = Hoja.objects.filter(pk=hoja.pk).values().get()
    copia.update(id=None, clave="otra-clave")
    with pytest.raises(IntegrityError), transaction.atomic():
        Hoja.objects.create(**copia)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_presentaciones_simultaneas_no_repiten_numero(libro_web):
    from libro import services

    hilos, errores, barrera = [], [], threading.Barrier(6)

    def presentar_en_hilo(i):
        try:
            barrera.wait()
            services.presentar_hoja(
                libro=libro_web, datos=datos_hoja(numero_documento=f"4567{i:04d}")
            )
        except Exception as error:
            errores.append(error)
        finally:
            connections.close_all()

    for i in range(6):
        hilo = threading.Thread(target=presentar_en_hilo, args=(i,))
        hilos.append(hilo)
        hilo.start()
    for hilo in hilos:
        hilo.join()
    assert errores == []
    assert connection.vendor == "postgresql"
    assert sorted(Hoja.objects.values_list("correlativo", flat=True)) == [1, 2, 3, 4, 5, 6]
