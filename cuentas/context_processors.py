from cuentas.permisos import puede_ver_panel


def rol_actual(request):
    usuario = getattr(request, "user", None)
    if usuario is None or not usuario.is_authenticated:
        return {"rol_actual": None, "es_panel": False}
    from cuentas.menu import organizaciones_del_menu

    return {
        "rol_actual": usuario.get_rol_display(),
        "es_panel": puede_ver_panel(usuario),
        # A callable: the template calls it only in a representative's menu.
        "menu_organizaciones": lambda: organizaciones_del_menu(usuario),
    }
