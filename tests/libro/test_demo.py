"""The demo command: a Peruvian provider with one virtual book and its representative."""

import pytest
from django.contrib.auth import authenticate
from django.core.management import call_command

from cuentas.models import Membresia, Organizacion
from libro.models import Hoja, Libro


@pytest.mark.django_db
def test_cargar_demo_libro_es_idempotente(capsys):
    call_command("cargar_demo_libro")
    call_command("cargar_demo_libro")
    organizacion = Organizacion.objects.get(tipo_identificador="RUC", identificador="20100000009")
    assert organizacion.activa and organizacion.pais == "PE"
    libro = Libro.objects.get()
    assert libro.organizacion == organizacion and libro.canal == Libro.Canal.WEB
    assert Hoja.objects.count() == 1
    usuario = authenticate(
        email="representante.pe@demo.conciliacion.pe", password="conciliar-demo-2026"
    )
    assert usuario is not None and usuario.rol == "representante"
    assert Membresia.objects.filter(usuario=usuario, organizacion=organizacion).count() == 1
    assert "/libro/tienda-virtual-demo/" in capsys.readouterr().out
