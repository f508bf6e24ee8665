import pytest

from cuentas.models import Membresia, Organizacion
from cuentas.roles import Rol
from tests.conftest import crear_usuario
from tests.webhooks.receptor import Receptor, certificado_autofirmado


@pytest.fixture(scope="session")
def certificado(tmp_path_factory):
    return certificado_autofirmado(tmp_path_factory.mktemp("tls"))


@pytest.fixture
def receptor(certificado, settings):
    """A local HTTPS receiver the sender trusts through the test-only settings."""
    settings.WEBHOOKS_PERMITIR_PRIVADAS = True
    settings.WEBHOOKS_CA_PRUEBAS = str(certificado[0])
    settings.WEBHOOKS_ESPERA_TOTAL = 2
    settings.WEBHOOKS_ESPERA_CONEXION = 1
    r = Receptor(*certificado)
    yield r
    r.cerrar()


@pytest.fixture
def admin_otro(otro_proveedor: Organizacion):
    usuario = crear_usuario("admin@otro.example", Rol.REPRESENTANTE)
    Membresia.objects.create(usuario=usuario, organizacion=otro_proveedor, es_administrador=True)
    return usuario
