import pytest

from plazos import registro


@pytest.fixture
def registro_aislado(monkeypatch):
    """Hooks registered by a test live only in that test (the apps' own stay outside)."""
    monkeypatch.setattr(registro, "_CONSECUENCIAS", dict(registro._CONSECUENCIAS))
    monkeypatch.setattr(
        registro, "_RECALCULOS", {k: dict(v) for k, v in registro._RECALCULOS.items()}
    )
    monkeypatch.setattr(registro, "_RESPONSABLES", dict(registro._RESPONSABLES))
    return registro


@pytest.fixture
def sujeto(proveedor_activo):
    """Any saved model can be a plazo's subject; an organisation keeps these tests upstream."""
    return proveedor_activo
