"""The names a dataset's header may give each column: the format's own, and Spanish and
Portuguese ones (the README's column-name table lists them all).

Headers match ignoring case, accents, spaces, hyphens and underscores, as enumeration labels
do: `Razón social`, `razon_social` and `RAZÓN SOCIAL` all name `name`. A name that means one
column in one table may mean another elsewhere (`tipo` is an initiative's `type`, an
institution's `kind`); within a table each name means one column.
"""

from loaders.suggestions import closest
from loaders.tables import TABLES, Table
from loaders.vocabulary import fold

# column -> (Spanish names, Portuguese names)
NAMES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "id": (("identificador", "código"), ("identificador", "código")),
    "name": (("nombre", "razón social", "denominación"),
             ("nome", "razão social", "denominação")),
    "type": (("tipo", "tipo de iniciativa"), ("tipo", "tipo de iniciativa")),
    "status": (("estado", "situación"), ("situação",)),
    "start_year": (("año de inicio", "año inicio", "inicio"),
                   ("ano de início", "ano início", "início")),
    "end_year": (("año de fin", "año fin", "año de finalización", "fin"),
                 ("ano de término", "ano de fim", "término", "fim")),
    "territory_codes": (("territorios", "códigos de territorio"),
                        ("territórios", "códigos de território")),
    "sector_codes": (("sectores", "códigos de sector", "ciiu", "códigos ciiu"),
                     ("setores", "códigos de setor", "cnae", "códigos cnae")),
    "description": (("descripción",), ("descrição",)),
    "website": (("sitio web", "página web", "web"), ("site", "sítio", "página web")),
    "contact": (("contacto", "correo", "correo electrónico"), ("contato", "e-mail")),
    "size": (("tamaño", "tamaño de empresa"), ("porte", "tamanho")),
    "territory_code": (("territorio", "código de territorio", "ubicación"),
                       ("território", "código de território", "localização")),
    "employees": (("empleados", "número de empleados", "trabajadores"),
                  ("empregados", "número de empregados", "funcionários")),
    "founded_year": (("año de fundación", "fundación"), ("ano de fundação", "fundação")),
    "tax_id": (("nit", "rut", "rfc", "ruc", "cuit", "identificación tributaria"),
               ("cnpj", "identificação fiscal")),
    "kind": (("tipo", "clase", "tipo de institución"), ("tipo", "tipo de instituição")),
    "level": (("nivel", "nivel de gobierno"), ("nível", "esfera")),
    "instrument": (("instrumento",), ("instrumento",)),
    "institution_id": (("institución", "id de institución", "entidad"),
                       ("instituição", "id da instituição")),
    "budget": (("presupuesto",), ("orçamento",)),
    "currency": (("moneda", "divisa"), ("moeda",)),
    "actor_id": (("actor", "id de actor"), ("ator", "id do ator")),
    "initiative_id": (("iniciativa", "id de iniciativa"), ("iniciativa", "id da iniciativa")),
    "role": (("rol", "papel"), ("papel", "função")),
    "since": (("desde",), ("desde",)),
    "until": (("hasta",), ("até",)),
    "source": (("fuente",), ("fonte",)),
    "confidence": (("confianza",), ("confiança",)),
    "program_id": (("programa", "id de programa"), ("programa", "id do programa")),
    "amount": (("monto", "importe", "valor"), ("valor", "montante")),
    "supplier_id": (("proveedor", "id de proveedor"), ("fornecedor", "id do fornecedor")),
    "client_id": (("cliente", "id de cliente"), ("cliente", "id do cliente")),
    "weight": (("peso",), ("peso",)),
    "partner_initiative_id": (("iniciativa socia", "iniciativa aliada"),
                              ("iniciativa parceira",)),
    "partner_institution_id": (("institución socia", "institución aliada"),
                               ("instituição parceira",)),
    "code": (("código",), ("código",)),
    "parent_code": (("código padre", "código superior", "padre"),
                    ("código pai", "código superior", "pai")),
}


def _index(table: Table) -> dict[str, str]:
    """Folded name -> column, for one table; a name meaning two of its columns is an error."""
    index: dict[str, str] = {}
    for column in table.all_columns:
        spanish, portuguese = NAMES[column.name]
        for name in (column.name, *spanish, *portuguese):
            if index.setdefault(fold(name), column.name) != column.name:
                raise ValueError(f"{table.name}: {name!r} names two columns")
    return index


INDEX: dict[str, dict[str, str]] = {table.name: _index(table) for table in TABLES}


def column_of(table: str, header: str) -> str | None:
    """The column of `table` a header names, or None."""
    return INDEX[table].get(fold(header))


def near(table: str, header: str) -> list[str]:
    """The columns of `table` whose names are closest to an unknown header."""
    index = INDEX[table]
    return list(dict.fromkeys(index[name] for name in closest(fold(header), index)))


def alternatives(column: str) -> list[str]:
    """The first Spanish and Portuguese names of a column, for a hint."""
    spanish, portuguese = NAMES[column]
    return list(dict.fromkeys(names[0] for names in (spanish, portuguese) if names))
