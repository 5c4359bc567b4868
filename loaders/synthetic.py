"""Synthetic datasets of any size: deterministic per seed, with real territory and ISIC codes.

The structure imitates the real thing: initiatives cluster by region and sector, a few
actors take part in many initiatives and most in none or one, large anchor firms sit at
the top of supplier chains, institutions act at every level and mostly within a country.
Everything is drawn with numpy, a whole table at a time; nothing loops over rows in Python.
Names are in one language per country: Portuguese in Brazil, French in Haiti, English in the
English-speaking Caribbean, Spanish elsewhere.
"""

import csv
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

import numpy as np
import numpy.typing as npt
import pandas as pd
import pycountry

from loaders import division_titles
from loaders.tables import BY_NAME
from loaders.vocabulary import (
    FirmSize,
    GovernanceRole,
    InitiativeStatus,
    InitiativeType,
    InstitutionKind,
    InstitutionLevel,
    ParticipationRole,
)
from service.messages import say

REFERENCE = Path(__file__).parent / "reference"
YEAR = 2025
"""The present of the synthetic world; fixed, so that the output depends on the seed alone."""

OUTPUT = ("territories", "firms", "institutions", "initiatives", "programs", "participations",
          "governance", "supports", "supplies", "collaborations", "agreements")
"""The tables written, in the order `generate` reports them."""

Ints = npt.NDArray[np.int64]
Floats = npt.NDArray[np.float64]
Bools = npt.NDArray[np.bool_]
Texts = npt.NDArray[np.object_]
Progress = Callable[[str], None]

ES, PT, EN, FR = range(4)
LANGUAGE = {"BR": PT, "HT": FR} | dict.fromkeys(
    ("AG", "BB", "BS", "BZ", "DM", "GD", "GY", "JM", "KN", "LC", "SR", "TT", "VC"), EN)
POPULATION = {  # millions, rounded: only relative sizes matter
    "AG": 0.09, "AR": 46.0, "BB": 0.28, "BO": 12.2, "BR": 216.0, "BS": 0.41, "BZ": 0.41,
    "CL": 19.6, "CO": 52.1, "CR": 5.2, "CU": 11.1, "DM": 0.07, "DO": 11.3, "EC": 18.2,
    "GD": 0.13, "GT": 18.1, "GY": 0.81, "HN": 10.6, "HT": 11.7, "JM": 2.8, "KN": 0.05,
    "LC": 0.18, "MX": 128.5, "NI": 7.0, "PA": 4.5, "PE": 34.4, "PY": 6.9, "SR": 0.62,
    "SV": 6.4, "TT": 1.5, "UY": 3.4, "VC": 0.10, "VE": 28.8,
}
CURRENCY = {  # ISO 4217 code and rough units per US dollar, to keep budgets plausible
    "AG": ("XCD", 2.7), "AR": ("ARS", 900.0), "BB": ("BBD", 2.0), "BO": ("BOB", 6.9),
    "BR": ("BRL", 5.2), "BS": ("BSD", 1.0), "BZ": ("BZD", 2.0), "CL": ("CLP", 900.0),
    "CO": ("COP", 4000.0), "CR": ("CRC", 510.0), "CU": ("CUP", 24.0), "DM": ("XCD", 2.7),
    "DO": ("DOP", 60.0), "EC": ("USD", 1.0), "GD": ("XCD", 2.7), "GT": ("GTQ", 7.8),
    "GY": ("GYD", 209.0), "HN": ("HNL", 25.0), "HT": ("HTG", 132.0), "JM": ("JMD", 157.0),
    "KN": ("XCD", 2.7), "LC": ("XCD", 2.7), "MX": ("MXN", 18.0), "NI": ("NIO", 36.6),
    "PA": ("USD", 1.0), "PE": ("PEN", 3.7), "PY": ("PYG", 7500.0), "SR": ("SRD", 35.0),
    "SV": ("USD", 1.0), "TT": ("TTD", 6.8), "UY": ("UYU", 40.0), "VC": ("XCD", 2.7),
    "VE": ("VES", 40.0),
}
LEGAL_FORM = {
    "AR": "S.R.L.", "BO": "S.R.L.", "BR": "Ltda.", "CL": "SpA", "CO": "S.A.S.", "CR": "S.A.",
    "CU": "S.A.", "DO": "S.R.L.", "EC": "Cía. Ltda.", "GT": "S.A.", "HN": "S. de R.L.",
    "MX": "S.A. de C.V.", "NI": "S.A.", "PA": "S.A.", "PE": "S.A.C.", "PY": "S.A.",
    "SV": "S.A. de C.V.", "UY": "S.A.", "VE": "C.A.", "HT": "S.A.", "SR": "N.V.",
}
SECTION_WEIGHT = {
    "A": 3.0, "B": 0.6, "C": 4.0, "D": 0.3, "E": 0.3, "F": 1.2, "G": 2.5, "H": 1.0, "I": 1.5,
    "J": 1.0, "K": 0.3, "L": 0.3, "M": 1.0, "N": 0.6, "O": 0.0, "P": 0.4, "Q": 0.5, "R": 0.5,
    "S": 0.6, "T": 0.0, "U": 0.0,
}
SECTION_WORD = {  # es, pt, en, fr
    "A": ("Agropecuaria", "Agropecuária", "Farms", "Agricole"),
    "B": ("Minera", "Mineração", "Mining", "Minière"),
    "C": ("Industrias", "Indústria", "Industries", "Industries"),
    "D": ("Energía", "Energia", "Power", "Énergie"),
    "E": ("Ambiental", "Ambiental", "Environmental", "Environnement"),
    "F": ("Construcciones", "Construtora", "Construction", "Construction"),
    "G": ("Comercial", "Comercial", "Trading", "Commerce"),
    "H": ("Transportes", "Transportes", "Logistics", "Transport"),
    "I": ("Turismo", "Turismo", "Hospitality", "Tourisme"),
    "J": ("Tecnologías", "Tecnologia", "Technologies", "Technologies"),
    "K": ("Inversiones", "Investimentos", "Finance", "Finance"),
    "L": ("Inmobiliaria", "Imobiliária", "Properties", "Immobilier"),
    "M": ("Consultores", "Consultoria", "Consulting", "Conseil"),
    "N": ("Servicios", "Serviços", "Services", "Services"),
    "O": ("Servicios", "Serviços", "Services", "Services"),
    "P": ("Educación", "Educação", "Education", "Éducation"),
    "Q": ("Salud", "Saúde", "Health", "Santé"),
    "R": ("Cultural", "Cultural", "Creative", "Culture"),
    "S": ("Servicios", "Serviços", "Services", "Services"),
    "T": ("Servicios", "Serviços", "Services", "Services"),
    "U": ("Servicios", "Serviços", "Services", "Services"),
}
SURNAMES = (
    ("González", "Rodríguez", "Gómez", "Fernández", "López", "Díaz", "Martínez", "Pérez",
     "García", "Sánchez", "Romero", "Torres", "Ramírez", "Flores", "Vargas", "Castro",
     "Rojas", "Morales", "Herrera", "Mendoza"),
    ("Silva", "Santos", "Oliveira", "Souza", "Lima", "Pereira", "Ferreira", "Costa",
     "Almeida", "Carvalho", "Ribeiro", "Gomes", "Martins", "Araújo", "Barbosa", "Rocha",
     "Cardoso", "Teixeira", "Moreira", "Correia"),
    ("Campbell", "Williams", "Brown", "Thomas", "Joseph", "Charles", "Henry", "Francis",
     "James", "Clarke", "Walker", "Edwards", "Baptiste", "Richards", "Stewart", "Alexander",
     "Phillips", "Samuel", "Browne", "Mitchell"),
    ("Jean", "Pierre", "Joseph", "Louis", "Charles", "Baptiste", "Michel", "Paul", "Etienne",
     "Auguste", "Desir", "Noël", "Alexis", "Jacques", "François", "Simon", "Laguerre",
     "Dorval", "Célestin", "Toussaint"),
)
AND = (" y ", " e ", " & ", " et ")
PLACE = (
    ("San José", "Santa Rosa", "San Pedro", "Santa Ana", "San Miguel", "Santa Cruz",
     "San Juan", "Santa María", "San Antonio", "San Francisco", "Concepción", "Santiago",
     "Trinidad", "Esperanza", "Candelaria", "Rosario", "Guadalupe", "Dolores", "Victoria",
     "Palmira"),
    ("São José", "Santa Rita", "São Pedro", "Santana", "São Miguel", "Santa Cruz", "São João",
     "Santa Maria", "Santo Antônio", "São Francisco", "Conceição", "Boa Vista", "Bom Jesus",
     "Esperança", "Vitória", "Campo Alegre", "Nova Esperança", "Palmeira", "Rio Claro",
     "Serra Azul"),
    ("Mount Pleasant", "Spring Garden", "Green Hill", "Bay Town", "Rose Hall", "Palm Grove",
     "Cedar Valley", "Orange Walk", "Hope Bay", "Grand Anse", "Old Harbour", "New Market",
     "Coral Bay", "Victoria", "Belle Vue", "Fair View", "Union", "Friendship", "Mount Royal",
     "Saint Mary"),
    ("Saint-Marc", "Sainte-Anne", "Saint-Louis", "Bel-Air", "Port-Salut", "Morne-Rouge",
     "Belle-Anse", "Grand-Bois", "Petit-Trou", "Fond-Verrettes", "Anse-à-Pitre", "Bois-Neuf",
     "Mont-Organisé", "Saint-Michel", "Terre-Rouge", "Cap-Rouge", "Bassin-Bleu",
     "Roche-à-Bateau", "Dame-Marie", "Ravine-Sèche"),
)
PLACE_SUFFIX = (
    ("", " del Norte", " del Sur", " de la Sierra", " del Valle", " del Río", " de la Costa",
     " de Oriente", " de los Llanos", " del Monte"),
    ("", " do Norte", " do Sul", " da Serra", " do Vale", " do Rio", " da Costa", " do Oeste",
     " dos Campos", " do Monte"),
    ("", " North", " South", " East", " West", " Heights", " Village", " Estate", " Gardens",
     " Point"),
    ("", " Nord", " Sud", " Est", " Ouest", " Haut", " Bas", " Centre", " Plaine",
     " Montagne"),
)
INITIATIVE_LABEL = (  # per language, in TYPES order
    ("Clúster", "Cadena de valor", "Iniciativa productiva local", "Red empresarial",
     "Desarrollo de proveedores"),
    ("Cluster", "Cadeia de valor", "Arranjo produtivo local", "Rede empresarial",
     "Desenvolvimento de fornecedores"),
    ("Cluster", "Value chain", "Local productive initiative", "Business network",
     "Supplier development"),
    ("Grappe", "Chaîne de valeur", "Initiative productive locale", "Réseau d'entreprises",
     "Développement des fournisseurs"),
)

KIND = {k.value: i for i, k in enumerate(InstitutionKind)}
LEVELS = (InstitutionLevel.SUPRANATIONAL, InstitutionLevel.NATIONAL,
          InstitutionLevel.SUBNATIONAL, InstitutionLevel.LOCAL)
LEVEL = {v.value: i for i, v in enumerate(LEVELS)}
SIZES = (FirmSize.MICRO, FirmSize.SMALL, FirmSize.MEDIUM, FirmSize.LARGE)
SUPRANATIONAL = (
    ("Banco Regional de Desarrollo", "FINANCIAL"),
    ("Fondo Multilateral de Cooperación Productiva", "INTERNATIONAL"),
    ("Agencia Regional de Cooperación Técnica", "DEVELOPMENT_AGENCY"),
    ("Organismo Regional de Integración Económica", "INTERNATIONAL"),
    ("Red Latinoamericana de Iniciativas Clúster", "BUSINESS_ASSOCIATION"),
    ("Programa Regional de Innovación Productiva", "INTERNATIONAL"),
    ("Consorcio Universitario Latinoamericano", "ACADEMIA"),
    ("Fundación Regional para el Desarrollo Local", "CIVIL_SOCIETY"),
)
NATIONAL = (  # names per language, kind; each country gets the first k
    (("Ministerio de Economía", "Ministério da Economia", "Ministry of Economic Affairs",
      "Ministère de l'Économie"), "GOVERNMENT"),
    (("Agencia Nacional de Desarrollo Productivo", "Agência Nacional de Desenvolvimento "
      "Produtivo", "National Development Agency", "Agence Nationale de Développement"),
     "DEVELOPMENT_AGENCY"),
    (("Ministerio de Agricultura", "Ministério da Agricultura", "Ministry of Agriculture",
      "Ministère de l'Agriculture"), "GOVERNMENT"),
    (("Banco Nacional de Desarrollo", "Banco Nacional de Desenvolvimento",
      "National Development Bank", "Banque Nationale de Développement"), "FINANCIAL"),
    (("Ministerio de Ciencia y Tecnología", "Ministério da Ciência e Tecnologia",
      "Ministry of Science and Technology", "Ministère de la Science et de la Technologie"),
     "GOVERNMENT"),
    (("Confederación Nacional de Industrias", "Confederação Nacional da Indústria",
      "National Chamber of Industry", "Chambre Nationale de l'Industrie"),
     "BUSINESS_ASSOCIATION"),
    (("Consejo Nacional de Investigación", "Conselho Nacional de Pesquisa",
      "National Research Council", "Conseil National de la Recherche"), "ACADEMIA"),
    (("Ministerio de Trabajo", "Ministério do Trabalho", "Ministry of Labour",
      "Ministère du Travail"), "GOVERNMENT"),
)
SUBNATIONAL_GOVERNMENT = (("Gobierno de ", ""), ("Governo de ", ""), ("Government of ", ""),
                          ("Gouvernement de ", ""))
LOCAL_GOVERNMENT = (("Municipalidad de ", ""), ("Prefeitura de ", ""), ("", " Municipal Council"),
                    ("Mairie de ", ""))
OTHER = (  # (prefix, suffix) per language, kind, level, share; named after their municipality
    ((("Universidad de ", ""), ("Universidade de ", ""), ("University of ", ""),
      ("Université de ", "")), "ACADEMIA", "SUBNATIONAL", 0.10),
    ((("Instituto Técnico de ", ""), ("Instituto Técnico de ", ""), ("", " Technical Institute"),
      ("Institut Technique de ", "")), "ACADEMIA", "LOCAL", 0.12),
    ((("Cámara de Comercio de ", ""), ("Associação Comercial de ", ""),
      ("", " Chamber of Commerce"), ("Chambre de Commerce de ", "")),
     "BUSINESS_ASSOCIATION", "LOCAL", 0.15),
    ((("Asociación Empresarial de ", ""), ("Federação das Empresas de ", ""),
      ("", " Business Association"), ("Association des Entreprises de ", "")),
     "BUSINESS_ASSOCIATION", "SUBNATIONAL", 0.12),
    ((("Fundación para el Desarrollo de ", ""), ("Fundação para o Desenvolvimento de ", ""),
      ("", " Development Foundation"), ("Fondation pour le Développement de ", "")),
     "CIVIL_SOCIETY", "LOCAL", 0.18),
    ((("Cooperativa de Productores de ", ""), ("Cooperativa de Produtores de ", ""),
      ("", " Producers' Cooperative"), ("Coopérative des Producteurs de ", "")),
     "CIVIL_SOCIETY", "LOCAL", 0.15),
    ((("Agencia de Desarrollo Económico de ", ""), ("Agência de Desenvolvimento de ", ""),
      ("", " Economic Development Agency"), ("Agence de Développement de ", "")),
     "DEVELOPMENT_AGENCY", "SUBNATIONAL", 0.06),
    ((("Cooperativa de Ahorro y Crédito de ", ""), ("Cooperativa de Crédito de ", ""),
      ("", " Credit Union"), ("Caisse Populaire de ", "")), "FINANCIAL", "LOCAL", 0.12),
)
KIND_WEIGHT = {"GOVERNMENT": 1.5, "ACADEMIA": 3.0, "BUSINESS_ASSOCIATION": 3.0,
               "CIVIL_SOCIETY": 1.0, "DEVELOPMENT_AGENCY": 2.0, "FINANCIAL": 0.7,
               "INTERNATIONAL": 1.5}
INSTRUMENTS = ("GRANT", "MATCHING_FUND", "LOAN", "TECHNICAL_ASSISTANCE", "TRAINING", "VOUCHER",
               "TAX_INCENTIVE")
PROGRAM_NAME = (  # per instrument: es, pt, en, fr
    ("Fondo de Articulación Productiva", "Fundo de Articulação Produtiva",
     "Productive Linkages Fund", "Fonds d'Articulation Productive"),
    ("Programa de Cofinanciamiento de Clústeres", "Programa de Cofinanciamento de Clusters",
     "Cluster Co-financing Programme", "Programme de Cofinancement des Grappes"),
    ("Línea de Crédito para Encadenamientos", "Linha de Crédito para Encadeamentos",
     "Value Chain Credit Line", "Ligne de Crédit pour les Filières"),
    ("Programa de Desarrollo de Proveedores", "Programa de Desenvolvimento de Fornecedores",
     "Supplier Development Programme", "Programme de Développement des Fournisseurs"),
    ("Programa de Formación Empresarial", "Programa de Capacitação Empresarial",
     "Business Skills Programme", "Programme de Formation des Entreprises"),
    ("Bono de Innovación", "Voucher de Inovação", "Innovation Voucher",
     "Chèque Innovation"),
    ("Incentivo Fiscal a la Asociatividad", "Incentivo Fiscal ao Associativismo",
     "Business Networks Tax Incentive", "Incitation Fiscale aux Réseaux d'Entreprises"),
)
SOURCES = ("synthetic:survey", "synthetic:registry", "synthetic:programme-report",
           "synthetic:website", "synthetic:press")
COLLABORATION_KINDS = ("KNOWLEDGE_EXCHANGE", "JOINT_PROJECT", "SHARED_SERVICES",
                       "MARKET_ACCESS", "TWINNING")
AGREEMENT_KINDS = ("COOPERATION", "FUNDING", "TECHNICAL_ASSISTANCE", "RESEARCH",
                   "MEMORANDUM_OF_UNDERSTANDING")



class _Kind(NamedTuple):
    share: float  # of all initiatives
    size: float  # relative number of member firms
    members: tuple[float, ...]  # where firms come from: same region and division, same
    # municipality, same region, same country and division, same country, same division, any
    territory: tuple[float, ...]  # a municipality, + others nearby, a region, + another,
    # the country, + another


T = InitiativeType
TYPES = {
    T.CLUSTER: _Kind(0.30, 1.3, (0.60, 0.05, 0.15, 0.12, 0.04, 0.02, 0.02),
                     (0.10, 0.00, 0.70, 0.15, 0.03, 0.02)),
    T.VALUE_CHAIN: _Kind(0.20, 1.2, (0.30, 0.02, 0.13, 0.35, 0.08, 0.08, 0.04),
                         (0.00, 0.00, 0.45, 0.20, 0.30, 0.05)),
    T.LOCAL_PRODUCTIVE: _Kind(0.22, 0.7, (0.35, 0.40, 0.15, 0.03, 0.04, 0.01, 0.02),
                              (0.70, 0.30, 0.00, 0.00, 0.00, 0.00)),
    T.BUSINESS_NETWORK: _Kind(0.16, 0.6, (0.30, 0.25, 0.25, 0.08, 0.08, 0.02, 0.02),
                              (0.45, 0.10, 0.40, 0.00, 0.05, 0.00)),
    T.SUPPLIER_DEVELOPMENT: _Kind(0.12, 0.6, (0.60, 0.05, 0.15, 0.12, 0.04, 0.02, 0.02),
                                  (0.00, 0.00, 0.65, 0.05, 0.30, 0.00)),
}
TYPE_LIST = list(TYPES)
SD = TYPE_LIST.index(T.SUPPLIER_DEVELOPMENT)
STATUS_SHARE = {InitiativeStatus.ACTIVE: 0.58, InitiativeStatus.PLANNED: 0.10,
                InitiativeStatus.CONCLUDED: 0.24, InitiativeStatus.SUSPENDED: 0.08}
RUNNERS = ("GOVERNMENT", "DEVELOPMENT_AGENCY", "FINANCIAL", "INTERNATIONAL")
"""Institution kinds that run programmes and fund initiatives."""
MIN_ACTORS = 100
ACTORS_PER_REGION = 1000
"""Datasets under 1000 actors per region use only some regions, drawn by population."""
INSTITUTION_SHARE = 0.13
PARTICIPATIONS_PER_ACTOR = 2.9
SUPPLIES_PER_ACTOR = 1.3
"""Ordinary trade, scaled down with participations in small datasets; supplier-development
chains come on top."""
MAX_INITIATIVE = 3000
OPEN = 9999
"""Stands for an open end while comparing years."""


@dataclass(frozen=True)
class _Pool:
    """Items grouped by a key, for weighted draws within a group."""

    order: Ints
    cum: Floats
    lo: Floats
    hi: Floats
    first: Ints
    last: Ints


def _pool(keys: Ints, weights: Floats, groups: int) -> _Pool:
    """Items with a key of -1 or no weight are left out."""
    items = np.flatnonzero((keys >= 0) & (weights > 0))
    order = items[np.argsort(keys[items], kind="stable")]
    cum = np.cumsum(weights[order])
    counts = np.bincount(keys[order], minlength=groups)
    last = np.cumsum(counts) - 1
    first = last - counts + 1
    before = np.concatenate(([0.0], cum))
    return _Pool(order, cum, before[first], before[last + 1], first, last)


def _sample(pool: _Pool, rng: np.random.Generator, groups: Ints) -> Ints:
    """One item per entry of `groups`, weighted; -1 where the group is empty."""
    u = rng.random(groups.size)
    if pool.order.size == 0:
        return np.full(groups.size, -1)
    g = np.maximum(groups, 0)
    lo, hi = pool.lo[g], pool.hi[g]
    pos = np.searchsorted(pool.cum, lo + u * (hi - lo), side="right")
    pos = np.minimum(np.maximum(pos, pool.first[g]), pool.last[g])
    picked = pool.order[np.clip(pos, 0, pool.order.size - 1)]
    return np.where((groups >= 0) & (hi > lo), picked, -1)


def _fill(rng: np.random.Generator, target: Ints, pools: Sequence[_Pool],
          owner_keys: Sequence[Ints], cdf: Floats, owner_kind: Ints, n_items: int,
          self_item: Ints | None = None, rounds: int = 5) -> tuple[Ints, Ints]:
    """Distinct (owner, item) pairs, about `target` per owner, sorted by owner then item.

    Each draw picks a level (a row of `cdf` per owner kind) and an item from the owner's
    group at that level, widening to the next level where that group is empty. Draws
    lost as duplicates are drawn again: once at the same level, then ever wider.
    """
    keys = np.empty(0, dtype=np.int64)
    deficit = target.astype(np.int64)
    for round_ in range(rounds):
        owner = np.repeat(np.arange(target.size), deficit)
        if owner.size == 0:
            break
        u = rng.random(owner.size)
        level = np.zeros(owner.size, dtype=np.int64)
        for column in range(cdf.shape[1] - 1):
            level += u > cdf[owner_kind[owner], column]
        level = np.minimum(level + max(round_ - 1, 0), len(pools) - 1)
        item = np.full(owner.size, -1)
        for depth, (pool, key) in enumerate(zip(pools, owner_keys, strict=True)):
            todo = np.flatnonzero((level <= depth) & (item < 0))
            if todo.size:
                item[todo] = _sample(pool, rng, key[owner[todo]])
        ok = item >= 0
        if self_item is not None:
            ok &= item != self_item[owner]
        keys = _unique(np.concatenate((keys, owner[ok] * n_items + item[ok])))[0]
        deficit = np.maximum(target - np.bincount(keys // n_items, minlength=target.size), 0)
    return keys // n_items, keys % n_items


def _unique(keys: Ints) -> tuple[Ints, Ints]:
    """The distinct keys, sorted, and where each first occurs (np.unique, but faster here)."""
    order = np.argsort(keys, kind="stable")
    ordered = keys[order]
    first = np.ones(ordered.size, dtype=bool)
    first[1:] = ordered[1:] != ordered[:-1]
    return ordered[first], order[first]


def _levels(rows: Sequence[Sequence[float]]) -> Floats:
    p = np.asarray(rows, dtype=np.float64)
    return np.cumsum(p / p.sum(axis=1, keepdims=True), axis=1)


def _rank(group: Ints, score: Floats) -> Ints:
    """Rank of each row within its group, by descending score (0 is the best)."""
    order = np.lexsort((-score, group))
    g = group[order]
    start = np.flatnonzero(np.r_[True, g[1:] != g[:-1]])
    pos = np.arange(g.size) - np.repeat(start, np.diff(np.r_[start, g.size]))
    rank = np.empty_like(pos)
    rank[order] = pos
    return rank


def _cat(*parts: Texts | str) -> Texts:
    out = np.asarray(parts[0], dtype=object)
    for part in parts[1:]:
        out = np.add(out, np.asarray(part, dtype=object))
    return out


def _texts(values: npt.NDArray[np.integer[Any]]) -> Texts:
    return values.astype(str).astype(object)


def _zeros(n: int) -> Ints:
    return np.zeros(n, dtype=np.int64)


def _ids(prefix: str, n: int, width: int) -> Texts:
    digits = np.char.zfill(np.arange(1, n + 1).astype(str), max(width, len(str(n))))
    return np.char.add(prefix, digits).astype(object)


def _dedupe(names: Texts, group: Ints | None = None) -> Texts:
    """Names repeated (within a group) get " (2)", " (3)", … in order of appearance, again
    while one so made is another's name."""
    key = names if group is None else _cat(_texts(group), "|", names)
    series = pd.Series(key, dtype=object)
    n = series.groupby(series, sort=False).cumcount().to_numpy() + 1
    if n.max(initial=1) == 1:
        return names
    return _dedupe(np.where(n > 1, _cat(names, " (", _texts(n), ")"), names), group)


def _ints(values: Ints, missing: Bools | None = None) -> pd.api.extensions.ExtensionArray:
    """Whole numbers, written empty where `missing`."""
    mask = np.zeros(values.size, dtype=bool) if missing is None else missing
    return pd.arrays.IntegerArray(values.astype(np.int64), mask)


def _provenance(rng: np.random.Generator, n: int) -> dict[str, Any]:
    return {"source": np.asarray(SOURCES, dtype=object)[rng.integers(0, len(SOURCES), n)],
            "confidence": np.round(rng.beta(8.0, 2.0, n), 2)}


def _pick(rng: np.random.Generator, n: int, p: Sequence[float]) -> Ints:
    q = np.asarray(p, dtype=np.float64)
    return rng.choice(q.size, size=n, p=q / q.sum()).astype(np.int64)


def _within(rng: np.random.Generator, start: Ints, count: Ints) -> Ints:
    """A uniform draw from each range [start, start + count)."""
    return start + np.minimum((rng.random(start.size) * count).astype(np.int64),
                              np.maximum(count - 1, 0))


def _other(rng: np.random.Generator, start: Ints, count: Ints, this: Ints) -> Ints:
    """Another member of each range than `this`, or -1 where the range has no other."""
    offset = 1 + (rng.random(start.size) * np.maximum(count - 1, 1)).astype(np.int64)
    other = start + (this - start + offset) % np.maximum(count, 1)
    return np.where(count > 1, other, -1)


def _write(out: Path, table: str, columns: dict[str, Any], progress: Progress | None) -> int:
    names = [c.name for c in BY_NAME[table].all_columns]
    frame = pd.DataFrame({name: columns[name] for name in names}, columns=names)
    frame.to_csv(out / f"{table}.csv", index=False, encoding="utf-8", lineterminator="\n",
                 quoting=csv.QUOTE_MINIMAL, chunksize=200_000)
    if progress is not None:
        progress(say("cli.generate_table", table=table, rows=len(frame)))
    return len(frame)


@dataclass(frozen=True)
class _Geo:
    """Countries, then first-level subdivisions (regions), then municipalities, in one index."""

    codes: Texts
    names: Texts
    n_cty: int
    n_sub: int
    sub_cty: Ints
    mun_sub: Ints
    mun_share: Floats
    lang: Ints

    @property
    def n_mun(self) -> int:
        return self.mun_sub.size

    @property
    def mun_cty(self) -> Ints:
        return self.sub_cty[self.mun_sub]

    def sub(self, index: Ints) -> Ints:
        return self.n_cty + index

    def mun(self, index: Ints) -> Ints:
        return self.n_cty + self.n_sub + index


def _geography(rng: np.random.Generator, actors: int) -> _Geo:
    """LAC countries and their regions, weighted by population; municipalities made up."""
    countries = pd.read_csv(REFERENCE / "lac_countries.csv", dtype=str, keep_default_na=False)
    cty_codes = countries["code"].tolist()
    lang = np.asarray([LANGUAGE.get(c, ES) for c in cty_codes], dtype=np.int64)
    cty_names = np.where(lang == EN, countries["name_en"], countries["name_es"]).astype(object)
    cty_names[np.asarray(cty_codes) == "HT"] = "Haïti"  # French; Brasil is Brasil in Portuguese
    sub_codes: list[str] = []
    sub_names: list[str] = []
    sub_cty_list: list[int] = []
    for i, code in enumerate(cty_codes):
        found = pycountry.subdivisions.get(country_code=code)  # type: ignore[no-untyped-call]
        for sub in sorted(found or [], key=lambda s: str(s.code)):
            if sub.parent_code is None:
                sub_codes.append(str(sub.code))
                sub_names.append(str(sub.name))
                sub_cty_list.append(i)
    sub_cty = np.asarray(sub_cty_list, dtype=np.int64)
    n_sub = len(sub_codes)
    cty_share = np.asarray([POPULATION.get(c, 1.0) for c in cty_codes]) ** 0.85
    cty_share /= cty_share.sum()
    sub_weight = rng.lognormal(0.0, 0.9, n_sub)
    sub_share = cty_share[sub_cty] * sub_weight / np.bincount(sub_cty, sub_weight)[sub_cty]
    k = int(np.clip(actors // ACTORS_PER_REGION, 3, n_sub))  # small datasets stay compact
    active = rng.choice(n_sub, size=k, replace=False, p=sub_share / sub_share.sum())
    total = int(np.clip(actors // 60, k, 16_000))
    per_sub = np.zeros(n_sub, dtype=np.int64)
    per_sub[active] = 1 + rng.multinomial(total - k, sub_share[active] / sub_share[active].sum())
    mun_sub = np.repeat(np.arange(n_sub), per_sub)
    local = np.arange(mun_sub.size) - (np.cumsum(per_sub) - per_sub)[mun_sub] + 1
    zipf = 1.0 / local ** 1.1
    mun_share = sub_share[mun_sub] * zipf / np.bincount(mun_sub, zipf)[mun_sub]
    mun_lang = lang[sub_cty[mun_sub]]
    place = np.asarray([p for group in PLACE for p in group], dtype=object)
    suffix = np.asarray([s for group in PLACE_SUFFIX for s in group], dtype=object)
    mun_names = _cat(place[mun_lang * 20 + rng.integers(0, 20, mun_sub.size)],
                     suffix[mun_lang * 10 + rng.integers(0, 10, mun_sub.size)])
    sub_code_arr = np.asarray(sub_codes, dtype=object)
    mun_codes = _cat(sub_code_arr[mun_sub], "-M", np.char.zfill(local.astype(str), 4))
    return _Geo(
        codes=np.concatenate((np.asarray(cty_codes, dtype=object), sub_code_arr, mun_codes)),
        names=np.concatenate((cty_names, np.asarray(sub_names, dtype=object),
                              _dedupe(mun_names, mun_sub))),
        n_cty=len(cty_codes), n_sub=n_sub, sub_cty=sub_cty, mun_sub=mun_sub,
        mun_share=mun_share / mun_share.sum(), lang=lang,
    )


@dataclass(frozen=True)
class _Isic:
    div_codes: Texts
    div_names: Texts  # [language, division]: titles in ES, PT, EN, FR
    div_section: Texts
    div_weight: Floats
    class_codes: Texts
    class_start: Ints
    class_count: Ints


def _isic(rng: np.random.Generator) -> _Isic:
    """ISIC divisions, weighted towards the sectors articulation policies target, and classes."""
    isic = pd.read_csv(REFERENCE / "isic_rev4.csv", dtype=str, keep_default_na=False)
    divs = isic[isic["level"] == "DIVISION"].sort_values("code")
    classes = isic[isic["level"] == "CLASS"].sort_values("code")
    div_codes = divs["code"].to_numpy(dtype=object)
    class_codes = classes["code"].to_numpy(dtype=object)
    class_div = np.searchsorted(div_codes.astype(str), class_codes.astype(str).astype("<U2"))
    count = np.bincount(class_div, minlength=div_codes.size).astype(np.int64)
    section = divs["parent_code"].to_numpy(dtype=object)
    per_section = pd.Series(section).map(pd.Series(section).value_counts()).to_numpy(float)
    weight = np.asarray([SECTION_WEIGHT[s] for s in section]) / per_section
    weight = weight * rng.lognormal(0.0, 0.5, weight.size) * (count > 0)
    titles = {ES: divs["name_es"].tolist(), PT: [division_titles.PT[c] for c in div_codes],
              EN: divs["name_en"].tolist(), FR: [division_titles.FR[c] for c in div_codes]}
    names = np.asarray([titles[language] for language in sorted(titles)], dtype=object)
    return _Isic(div_codes, names, section, weight / weight.sum(),
                 class_codes, np.cumsum(count) - count, count)


def _sector_codes(rng: np.random.Generator, isic: _Isic, div: Ints, p_second: float) -> Texts:
    """A class of each division, and another class of it with probability `p_second`."""
    start, count = isic.class_start[div], isic.class_count[div]
    first = _within(rng, start, count)
    second = _other(rng, start, count, first)
    two = (rng.random(div.size) < p_second) & (second >= 0)
    both = _cat(isic.class_codes[first], ";", isic.class_codes[np.maximum(second, 0)])
    return np.where(two, both, isic.class_codes[first])


@dataclass(frozen=True)
class _Firms:
    ids: Texts
    names: Texts
    mun: Ints
    sub: Ints
    cty: Ints
    div: Ints
    size: Ints
    employees: Ints
    founded: Ints  # lowered, as participations are drawn, to the first year of taking part
    weight: Floats  # propensity to join initiatives
    trade: Floats  # propensity to sell to other firms

    @property
    def n(self) -> int:
        return self.ids.size


def _firms(rng: np.random.Generator, geo: _Geo, isic: _Isic, n: int) -> _Firms:
    """Firms where people live, in their region's specialties, mostly micro and small."""
    mun = rng.choice(geo.n_mun, size=n, p=geo.mun_share).astype(np.int64)
    sub = geo.mun_sub[mun]
    cty = geo.sub_cty[sub]
    n_div = isic.div_codes.size
    specialties = rng.choice(n_div, size=(geo.n_sub, 4), p=isic.div_weight)
    div = np.where(rng.random(n) < 0.55, specialties[sub, rng.integers(0, 4, n)],
                   rng.choice(n_div, size=n, p=isic.div_weight)).astype(np.int64)
    size = _pick(rng, n, (0.50, 0.30, 0.15, 0.05))
    lo, hi = np.asarray([1, 11, 51, 201])[size], np.asarray([10, 50, 200, 201])[size]
    employees = lo + (rng.random(n) * (hi - lo + 1)).astype(np.int64)
    large = size == 3
    employees[large] = np.minimum(201 + rng.lognormal(6.0, 1.1, int(large.sum())), 150_000)
    age = rng.lognormal(2.4, 0.8, n) * np.where(large, 2.0, 1.0)
    by_size = np.asarray([0.6, 1.0, 1.8, 3.0])[size]
    joins = np.where(rng.random(n) < 0.4, 0.1, 1.0)  # many firms never join anything
    return _Firms(
        ids=_ids("F", n, 7), names=_firm_names(rng, geo, isic, cty, div, size),
        mun=mun, sub=sub, cty=cty, div=div, size=size, employees=employees,
        founded=np.maximum(YEAR - age.astype(np.int64), 1900),
        weight=rng.lognormal(0.0, 1.2, n) * by_size * joins,
        trade=rng.lognormal(0.0, 1.0, n) * by_size,
    )


def _firm_names(rng: np.random.Generator, geo: _Geo, isic: _Isic, cty: Ints, div: Ints,
                size: Ints) -> Texts:
    n = cty.size
    lang = geo.lang[cty]
    surnames = np.asarray([s for group in SURNAMES for s in group], dtype=object)
    sections = sorted(SECTION_WORD)
    words = np.asarray([w for s in sections for w in SECTION_WORD[s]], dtype=object)
    section = np.searchsorted(np.asarray(sections), isic.div_section.astype(str))
    legal = np.asarray([LEGAL_FORM.get(c, "Ltd.") for c in geo.codes[:geo.n_cty]], dtype=object)
    two = rng.random(n) < 0.25
    first = surnames[lang * 20 + rng.integers(0, 20, n)]
    second = surnames[lang * 20 + rng.integers(0, 20, n)]
    first, second = np.where(first < second, first, second), np.where(first < second, second, first)
    name = np.where(two & (first != second),
                    _cat(first, np.asarray(AND, dtype=object)[lang], second), first)
    # a registry gives no two firms of one country the same name, whatever their legal form
    name = _dedupe(_cat(name, " ", words[section[div] * 4 + lang]), cty)
    return np.where((size == 0) & (rng.random(n) < 0.4), name, _cat(name, " ", legal[cty]))


def _firm_columns(rng: np.random.Generator, geo: _Geo, isic: _Isic, firms: _Firms
                  ) -> dict[str, Any]:
    n = firms.n
    tax = np.char.zfill(rng.choice(999_999_999, n, replace=False).astype(str), 9)
    return {
        "id": firms.ids, "name": firms.names,
        "size": np.asarray([s.value for s in SIZES], dtype=object)[firms.size],
        "territory_code": geo.codes[geo.mun(firms.mun)],
        "sector_codes": _sector_codes(rng, isic, firms.div, 0.2),
        "employees": _ints(firms.employees, rng.random(n) < 0.05),
        "founded_year": _ints(firms.founded, rng.random(n) < 0.05),
        "tax_id": np.where(rng.random(n) < 0.95, _cat(geo.codes[firms.cty], tax), ""),
    }


@dataclass(frozen=True)
class _Institutions:
    ids: Texts
    kind: Ints
    level: Ints
    mun: Ints  # -1 unless local
    sub: Ints  # -1 for national and supranational ones
    cty: Ints  # -1 for supranational ones
    weight: Floats
    pools: tuple[_Pool, ...]  # by municipality, region, country, and all together

    @property
    def n(self) -> int:
        return self.ids.size


def _by_density(values: Ints, groups: int) -> Ints:
    """The groups that occur in `values`, most frequent first."""
    count = np.bincount(values, minlength=groups)
    found = np.flatnonzero(count)
    return found[np.argsort(-count[found], kind="stable")]


def _institutions(rng: np.random.Generator, geo: _Geo, firms: _Firms, n: int
                  ) -> tuple[_Institutions, dict[str, Any]]:
    """Supranational, national, regional and local government first, then the rest."""
    countries = _by_density(firms.cty, geo.n_cty)
    n_supra = min(len(SUPRANATIONAL), max(1, n // 40), n)
    per_cty = int(np.clip(round(0.08 * n / countries.size), 1, len(NATIONAL)))
    n_nat = min(n - n_supra, per_cty * countries.size)
    subgov = _by_density(firms.sub, geo.n_sub)[:max(0, min(n - n_supra - n_nat,
                                                          round(0.15 * n)))]
    locgov = _by_density(firms.mun, geo.n_mun)[:max(0, min(n - n_supra - n_nat - subgov.size,
                                                         round(0.25 * n)))]
    n_other = n - n_supra - n_nat - subgov.size - locgov.size
    nat_cty, nat_type = countries[np.arange(n_nat) // per_cty], np.arange(n_nat) % per_cty
    other_type = _pick(rng, n_other, [o[3] for o in OTHER])
    other_mun = firms.mun[rng.integers(0, firms.n, n_other)]
    other_sub = geo.mun_sub[other_mun]
    other_lang = geo.lang[geo.sub_cty[other_sub]]

    def named(pairs: Sequence[tuple[str, str]], index: Ints, place: Texts) -> Texts:
        pre = np.asarray([p for p, _ in pairs], dtype=object)
        post = np.asarray([s for _, s in pairs], dtype=object)
        return _cat(pre[index], place, post[index])

    nat_names = np.asarray([name for t in NATIONAL for name in t[0]], dtype=object)
    name = np.concatenate((
        np.asarray([s[0] for s in SUPRANATIONAL[:n_supra]], dtype=object),
        _cat(nat_names[nat_type * 4 + geo.lang[nat_cty]], " (", geo.names[nat_cty], ")"),
        named(SUBNATIONAL_GOVERNMENT, geo.lang[geo.sub_cty[subgov]],
              geo.names[geo.sub(subgov)]),
        named(LOCAL_GOVERNMENT, geo.lang[geo.mun_cty[locgov]], geo.names[geo.mun(locgov)]),
        named([pair for o in OTHER for pair in o[0]], other_type * 4 + other_lang,
              geo.names[geo.mun(other_mun)]),
    ))
    kind = np.concatenate((
        np.asarray([KIND[s[1]] for s in SUPRANATIONAL[:n_supra]], dtype=np.int64),
        np.asarray([KIND[t[1]] for t in NATIONAL], dtype=np.int64)[nat_type],
        np.full(subgov.size + locgov.size, KIND["GOVERNMENT"]),
        np.asarray([KIND[o[1]] for o in OTHER], dtype=np.int64)[other_type],
    ))
    level = np.concatenate((
        np.full(n_supra, LEVEL["SUPRANATIONAL"]), np.full(n_nat, LEVEL["NATIONAL"]),
        np.full(subgov.size, LEVEL["SUBNATIONAL"]), np.full(locgov.size, LEVEL["LOCAL"]),
        np.asarray([LEVEL[o[2]] for o in OTHER], dtype=np.int64)[other_type],
    ))
    local = level == LEVEL["LOCAL"]
    mun = np.concatenate((np.full(n_supra + n_nat + subgov.size, -1), locgov, other_mun))
    mun = np.where(local, mun, -1)
    sub = np.concatenate((np.full(n_supra + n_nat, -1), subgov, geo.mun_sub[locgov], other_sub))
    cty = np.concatenate((np.full(n_supra, -1), nat_cty, geo.sub_cty[subgov],
                          geo.mun_cty[locgov], geo.sub_cty[other_sub]))
    territory = np.select([local, level == LEVEL["SUBNATIONAL"], cty >= 0],
                          [geo.mun(mun), geo.sub(sub), cty], -1)
    weight = (np.asarray([KIND_WEIGHT[k] for k in KIND])[kind]
              * np.asarray([6.0, 4.0, 2.0, 1.0])[level] * rng.lognormal(0.0, 1.0, n))
    pools = (_pool(mun, weight, geo.n_mun), _pool(sub, weight, geo.n_sub),
             _pool(cty, weight, geo.n_cty), _pool(_zeros(n), weight, 1))
    found = _Institutions(_ids("N", n, 6), kind, level, mun, sub, cty, weight, pools)
    return found, {
        "id": found.ids, "name": _dedupe(name),
        "kind": np.asarray(list(KIND), dtype=object)[kind],
        "level": np.asarray(list(LEVEL), dtype=object)[level],
        "territory_code": np.where(territory >= 0, geo.codes[np.maximum(territory, 0)], ""),
    }


@dataclass(frozen=True)
class _Initiatives:
    ids: Texts
    type: Ints
    anchor: Ints  # the anchor firm of a supplier-development initiative, else -1
    mun: Ints
    sub: Ints
    cty: Ints
    div: Ints
    start: Ints
    end: Ints  # -1 when open
    planned: Bools
    concluded: Bools
    size: Ints  # how many firms it aims to have

    @property
    def n(self) -> int:
        return self.ids.size


def _initiatives(rng: np.random.Generator, geo: _Geo, isic: _Isic, firms: _Firms, n: int,
                 participations: float) -> tuple[_Initiatives, dict[str, Any]]:
    """Initiatives grown around a seed firm, a large anchor for supplier development."""
    n_div = isic.div_codes.size
    kind = rng.permutation(np.concatenate((  # every type at least once
        np.arange(len(TYPES)), _pick(rng, n - len(TYPES), [t.share for t in TYPES.values()]))))
    sd = kind == SD
    cell = firms.sub * n_div + firms.div  # in a region, initiatives form where firms cluster
    mass = np.bincount(cell)[cell] / np.bincount(firms.sub)[firms.sub]
    seed = rng.choice(firms.n, size=n, p=mass / mass.sum()).astype(np.int64)
    large = _pool(np.where(firms.size == 3, 0, -1), (firms.employees ** 0.7).astype(np.float64), 1)
    anchors = _sample(large, rng, _zeros(int(sd.sum())))
    seed[sd] = np.where(anchors >= 0, anchors, seed[sd])
    mun, sub, cty, div = firms.mun[seed], firms.sub[seed], firms.cty[seed], firms.div[seed]

    statuses = list(STATUS_SHARE)
    status = _pick(rng, n, list(STATUS_SHARE.values()))
    planned = status == statuses.index(InitiativeStatus.PLANNED)
    concluded = status == statuses.index(InitiativeStatus.CONCLUDED)
    start = YEAR - np.minimum(rng.geometric(0.09, n) - 1, 30)
    ended = YEAR - rng.integers(0, 12, n)
    start = np.where(concluded, ended - rng.integers(2, 11, n), start)
    start = np.where(planned, YEAR + rng.integers(0, 3, n), start)
    end = np.where(concluded, ended,
                   np.where(~planned & (rng.random(n) < 0.2), YEAR + rng.integers(1, 6, n), -1))
    end = np.where(planned & (rng.random(n) < 0.5), start + rng.integers(2, 6, n), end)

    size = (rng.lognormal(0.0, 1.0, n) * np.asarray([t.size for t in TYPES.values()])[kind]
            * np.sqrt(np.bincount(firms.sub, minlength=geo.n_sub)[sub])
            * np.where(planned, 0.3, 1.0))
    smallish = (firms.size == 1) | (firms.size == 2)
    in_country = np.bincount(firms.cty, minlength=geo.n_cty)[cty]
    smallish_in_country = np.bincount(firms.cty[smallish], minlength=geo.n_cty)[cty]
    cap = np.where(sd, np.minimum(smallish_in_country / 3, 400),
                   np.minimum(in_country / 4, MAX_INITIATIVE))
    for _ in range(4):
        size = np.minimum(size / size.sum() * participations, cap)
    found = _Initiatives(
        ids=_ids("I", n, 6), type=kind, anchor=np.where(sd, seed, -1), mun=mun, sub=sub,
        cty=cty, div=div, start=start, end=end, planned=planned, concluded=concluded,
        size=np.maximum(np.round(size), 3).astype(np.int64))

    territory, place = _initiative_places(rng, geo, firms, found)
    lang = geo.lang[cty]
    labels = np.asarray([x for group in INITIATIVE_LABEL for x in group], dtype=object)
    sector = isic.div_names[lang, div]  # the country's language, as the label before it
    topic = np.where(sd, firms.names[seed], sector)
    type_names = np.asarray([t.value for t in TYPE_LIST], dtype=object)
    type_words = np.char.lower(np.char.replace(type_names.astype(str), "_", " "))
    columns = {
        "id": found.ids, "name": _dedupe(_cat(labels[lang * 5 + kind], ": ", topic, " (",
                                              place, ")")),
        "type": type_names[kind],
        "status": np.asarray([s.value for s in statuses], dtype=object)[status],
        "start_year": _ints(start), "end_year": _ints(end, end < 0),
        "territory_codes": territory,
        "sector_codes": np.where(rng.random(n) < 0.55, isic.div_codes[div],
                                 _sector_codes(rng, isic, div, 0.35)),
        "description": _cat("Synthetic ", type_words[kind], " in ", place, ", ",
                            geo.codes[cty], "; ISIC ", isic.div_codes[div], " ",
                            isic.div_names[EN, div], "."),
        "website": np.where(rng.random(n) < 0.6, _cat(
            "https://", np.char.lower(found.ids.astype(str)), ".example.org"), ""),
    }
    # a public contact where there is a website: no draw, so the columns before stay the seed's
    columns["contact"] = np.where(columns["website"] != "", _cat(
        "contacto@", np.char.lower(found.ids.astype(str)), ".example.org"), "")
    return found, columns


def _initiative_places(rng: np.random.Generator, geo: _Geo, firms: _Firms, ini: _Initiatives
                       ) -> tuple[Texts, Texts]:
    """Territory codes (home first) and the name of the home territory of each initiative."""
    n = ini.n
    shape = np.zeros(n, dtype=np.int64)
    u, shapes = rng.random(n), _levels([t.territory for t in TYPES.values()])
    for column in range(shapes.shape[1] - 1):
        shape += u > shapes[ini.type, column]
    mun_count = np.bincount(geo.mun_sub, minlength=geo.n_sub).astype(np.int64)
    mun_start = np.cumsum(mun_count) - mun_count
    mun1 = _other(rng, mun_start[ini.sub], mun_count[ini.sub], ini.mun)
    mun2 = _other(rng, mun_start[ini.sub], mun_count[ini.sub], ini.mun)
    sub_count = np.bincount(geo.sub_cty, minlength=geo.n_cty).astype(np.int64)
    sub_start = np.cumsum(sub_count) - sub_count
    sub1 = _other(rng, sub_start[ini.cty], sub_count[ini.cty], ini.sub)
    countries = _by_density(firms.cty, geo.n_cty)
    cty1 = countries[rng.integers(0, countries.size, n)]
    code = geo.codes
    mun, sub, cty = code[geo.mun(ini.mun)], code[geo.sub(ini.sub)], code[ini.cty]
    muns = np.where(mun1 >= 0, _cat(mun, ";", code[geo.mun(mun1)]), mun)
    muns = np.where((mun2 >= 0) & (mun2 != mun1) & (rng.random(n) < 0.4),
                    _cat(muns, ";", code[geo.mun(mun2)]), muns)
    subs = np.where(sub1 >= 0, _cat(sub, ";", code[geo.sub(sub1)]), sub)
    ctys = np.where(cty1 != ini.cty, _cat(cty, ";", code[cty1]), cty)
    territory = np.select([shape == k for k in range(6)], [mun, muns, sub, subs, cty, ctys])
    place = np.select([shape <= 1, shape <= 3],
                      [geo.names[geo.mun(ini.mun)], geo.names[geo.sub(ini.sub)]],
                      geo.names[ini.cty])
    return territory, place


def _participations(rng: np.random.Generator, geo: _Geo, n_div: int, firms: _Firms,
                    inst: _Institutions, ini: _Initiatives
                    ) -> tuple[dict[str, Any], tuple[Ints, Ints]]:
    """Participations, and the (supplier, anchor) pairs of supplier development."""
    sd = ini.type == SD
    firm_pools = [
        _pool(firms.sub * n_div + firms.div, firms.weight, geo.n_sub * n_div),
        _pool(firms.mun, firms.weight, geo.n_mun), _pool(firms.sub, firms.weight, geo.n_sub),
        _pool(firms.cty * n_div + firms.div, firms.weight, geo.n_cty * n_div),
        _pool(firms.cty, firms.weight, geo.n_cty), _pool(firms.div, firms.weight, n_div),
        _pool(_zeros(firms.n), firms.weight, 1),
    ]
    keys = [ini.sub * n_div + ini.div, ini.mun, ini.sub, ini.cty * n_div + ini.div, ini.cty,
            ini.div, _zeros(ini.n)]
    p_ini, p_firm = _fill(rng, np.where(sd, 0, ini.size), firm_pools, keys,
                          _levels([t.members for t in TYPES.values()]), ini.type, firms.n)
    smallish = np.where((firms.size == 1) | (firms.size == 2), firms.weight, 0.0)
    s_ini, s_firm = _fill(
        rng, np.where(sd, ini.size, 0),
        [_pool(firms.sub, smallish, geo.n_sub), _pool(firms.cty, smallish, geo.n_cty),
         _pool(_zeros(firms.n), smallish, 1)],
        [ini.sub, ini.cty, _zeros(ini.n)], _levels([(0.75, 0.22, 0.03)]), _zeros(ini.n),
        firms.n, self_item=ini.anchor)
    q_ini, q_inst = _fill(rng, rng.poisson(0.04 * ini.size + 1.5), inst.pools,
                          [ini.mun, ini.sub, ini.cty, _zeros(ini.n)],
                          _levels([(0.30, 0.40, 0.25, 0.05)]), _zeros(ini.n), inst.n)

    role = {r: i for i, r in enumerate(ParticipationRole)}
    p_role = np.full(p_ini.size, role[ParticipationRole.MEMBER])
    p_large = firms.size[p_firm] == 3
    p_rank = _rank(p_ini, firms.weight[p_firm])
    vc = ini.type[p_ini] == TYPE_LIST.index(T.VALUE_CHAIN)
    cl = ini.type[p_ini] == TYPE_LIST.index(T.CLUSTER)
    r = rng.random(p_ini.size)
    p_role[vc & p_large & (r < 0.5)] = role[ParticipationRole.CLIENT]
    p_role[vc & ~p_large & (r < 0.4)] = role[ParticipationRole.SUPPLIER]
    p_role[vc & ~p_large & (r > 0.92)] = role[ParticipationRole.CLIENT]
    p_role[(vc | cl) & p_large & (p_rank <= 2)] = role[ParticipationRole.ANCHOR]
    p_role[p_rank == 0] = role[ParticipationRole.LEADER]
    q_role = np.where(rng.random(q_ini.size) < 0.7, role[ParticipationRole.PARTNER],
                      role[ParticipationRole.MEMBER])
    sd_ini = np.flatnonzero(sd)
    actors = firms.n + inst.n
    key, first = _unique(np.concatenate((p_ini, sd_ini, s_ini, q_ini)) * actors
                         + np.concatenate((p_firm, ini.anchor[sd_ini], s_firm,
                                           firms.n + q_inst)))
    a_role = np.concatenate((p_role, np.full(sd_ini.size, role[ParticipationRole.ANCHOR]),
                             np.full(s_ini.size, role[ParticipationRole.SUPPLIER]),
                             q_role))[first]
    a_ini, a_actor = key // actors, key % actors
    is_firm = a_actor < firms.n
    founded = np.where(is_firm, firms.founded[np.minimum(a_actor, firms.n - 1)], 0)
    start, concluded = ini.start[a_ini], ini.concluded[a_ini]
    latest = np.where(concluded, ini.end[a_ini], np.maximum(start, YEAR))
    since = np.minimum(np.maximum(start, founded) + rng.geometric(0.45, key.size) - 1, latest)
    leave = since + rng.geometric(0.25, key.size)
    until = np.where(concluded, ini.end[a_ini], np.where(
        ~ini.planned[a_ini] & (rng.random(key.size) < 0.08) & (leave <= YEAR), leave, -1))
    np.minimum.at(firms.founded, a_actor[is_firm], since[is_firm])
    return {
        "actor_id": np.concatenate((firms.ids, inst.ids))[a_actor],
        "initiative_id": ini.ids[a_ini],
        "role": np.asarray([x.value for x in ParticipationRole], dtype=object)[a_role],
        "since": _ints(since), "until": _ints(until, until < 0),
        **_provenance(rng, key.size),
    }, (s_firm, ini.anchor[s_ini])


def _supplies(rng: np.random.Generator, geo: _Geo, firms: _Firms, tier1: tuple[Ints, Ints],
              per_actor: float) -> dict[str, Any]:
    """Tier-1 suppliers to anchors, tier-2 suppliers to those, and ordinary local trade."""
    n = firms.n
    first_tier = _unique(tier1[0])[0]
    micro_small = np.where(firms.size <= 1, firms.weight, 0.0)
    t2_owner, t2_supplier = _fill(
        rng, rng.poisson(2.5, first_tier.size),
        [_pool(firms.sub, micro_small, geo.n_sub), _pool(firms.cty, micro_small, geo.n_cty),
         _pool(_zeros(n), micro_small, 1)],
        [firms.sub[first_tier], firms.cty[first_tier], _zeros(first_tier.size)],
        _levels([(0.8, 0.18, 0.02)]), _zeros(first_tier.size), n, self_item=first_tier)
    buys = rng.lognormal(0.0, 1.0, n) * np.asarray([0.3, 1.0, 3.0, 8.0])[firms.size]
    b_client, b_supplier = _fill(
        rng, rng.poisson(buys / buys.sum() * per_actor),
        [_pool(firms.sub, firms.trade, geo.n_sub), _pool(firms.cty, firms.trade, geo.n_cty),
         _pool(_zeros(n), firms.trade, 1)],
        [firms.sub, firms.cty, _zeros(n)], _levels([(0.65, 0.30, 0.05)]), _zeros(n), n,
        self_item=np.arange(n))
    key = _unique(np.concatenate((tier1[0] * n + tier1[1],
                                  t2_supplier * n + first_tier[t2_owner],
                                  b_supplier * n + b_client)))[0]
    supplier, client = key // n, key % n
    since = np.minimum(np.maximum(firms.founded[supplier], firms.founded[client])
                       + rng.geometric(0.15, key.size) - 1, YEAR)
    end = since + rng.geometric(0.2, key.size)
    until = np.where((rng.random(key.size) < 0.12) & (end <= YEAR), end, -1)
    return {
        "supplier_id": firms.ids[supplier], "client_id": firms.ids[client],
        "weight": np.round(np.maximum(rng.beta(1.2, 6.0, key.size), 0.001), 3),
        "since": _ints(since), "until": _ints(until, until < 0), **_provenance(rng, key.size),
    }


@dataclass(frozen=True)
class _Programs:
    ids: Texts
    cty: Ints  # -1 for supranational ones
    sub: Ints  # -1 unless run by a regional institution
    start: Ints
    end: Ints  # -1 when open
    budget: Floats
    currency: Texts


def _programs(rng: np.random.Generator, geo: _Geo, inst: _Institutions, n: int
              ) -> tuple[_Programs, dict[str, Any]]:
    """Programmes of national, regional and supranational institutions, in local currency."""
    runs = np.isin(inst.kind, [KIND[k] for k in RUNNERS]) & (inst.level <= LEVEL["SUBNATIONAL"])
    weight = np.where(runs, np.asarray([3.0, 5.0, 1.0, 0.0])[inst.level], 0.0)
    runner = _sample(_pool(_zeros(inst.n), weight, 1), rng, _zeros(n))
    runner = np.where(runner >= 0, runner, rng.integers(0, inst.n, n))
    cty = inst.cty[runner]
    sub = np.where(inst.level[runner] == LEVEL["SUBNATIONAL"], inst.sub[runner], -1)
    instrument = rng.integers(0, len(INSTRUMENTS), n)
    start = YEAR - np.minimum(rng.geometric(0.08, n) - 1, 25)
    end = np.where(rng.random(n) < 0.7, start + rng.integers(2, 9, n), -1)
    money = [CURRENCY.get(c, ("USD", 1.0)) for c in geo.codes[:geo.n_cty]] + [("USD", 1.0)]
    local = np.where(cty >= 0, cty, geo.n_cty)
    currency = np.asarray([m[0] for m in money], dtype=object)[local]
    budget = np.round(rng.lognormal(np.log(1.5e6), 1.2, n)
                      * np.asarray([m[1] for m in money])[local], -3)
    lang = np.where(cty >= 0, geo.lang[np.maximum(cty, 0)], ES)
    place = np.where(sub >= 0, geo.names[geo.sub(np.maximum(sub, 0))],
                     np.where(cty >= 0, geo.names[np.maximum(cty, 0)], "América Latina"))
    names = np.asarray([name for group in PROGRAM_NAME for name in group], dtype=object)
    found = _Programs(_ids("P", n, 4), cty, sub, start, end, budget, currency)
    return found, {
        "id": found.ids,
        "name": _dedupe(_cat(names[instrument * 4 + lang], " ", _texts(start), " (", place,
                             ")")),
        "instrument": np.asarray(INSTRUMENTS, dtype=object)[instrument],
        "institution_id": inst.ids[runner], "start_year": _ints(start),
        "end_year": _ints(end, end < 0), "budget": _ints(budget.astype(np.int64)),
        "currency": currency,
    }


def _governance(rng: np.random.Generator, inst: _Institutions, ini: _Initiatives
                ) -> dict[str, Any]:
    """Seats on the boards of initiatives, mostly for regional and national institutions."""
    v_ini, v_inst = _fill(rng, 2 + rng.poisson(3.0, ini.n), inst.pools,
                          [ini.mun, ini.sub, ini.cty, _zeros(ini.n)],
                          _levels([(0.20, 0.45, 0.30, 0.05)]), _zeros(ini.n), inst.n)
    kind = inst.kind[v_inst]
    chairs = np.isin(kind, [KIND["GOVERNMENT"], KIND["BUSINESS_ASSOCIATION"]])
    rank = _rank(v_ini, rng.random(v_ini.size) + chairs)
    funds = np.isin(kind, [KIND[k] for k in RUNNERS])
    r = rng.random(v_ini.size)
    role = {g: i for i, g in enumerate(GovernanceRole)}
    v_role = np.select(
        [rank == 0, rank == 1, funds & (r < 0.5), (kind == KIND["ACADEMIA"]) & (r < 0.6)],
        [role[GovernanceRole.CHAIR], role[GovernanceRole.TECHNICAL_SECRETARIAT],
         role[GovernanceRole.FUNDER], role[GovernanceRole.ADVISOR]],
        role[GovernanceRole.BOARD_MEMBER])
    concluded = ini.concluded[v_ini]
    since = np.minimum(ini.start[v_ini] + rng.geometric(0.6, v_ini.size) - 1,
                       np.where(concluded, ini.end[v_ini], np.maximum(ini.start[v_ini], YEAR)))
    until = np.where(concluded, ini.end[v_ini], -1)
    return {
        "institution_id": inst.ids[v_inst], "initiative_id": ini.ids[v_ini],
        "role": np.asarray([g.value for g in GovernanceRole], dtype=object)[v_role],
        "since": _ints(since), "until": _ints(until, until < 0),
        **_provenance(rng, v_ini.size),
    }


def _supports(rng: np.random.Generator, geo: _Geo, ini: _Initiatives, prog: _Programs
              ) -> dict[str, Any]:
    """Programmes of the region, the country, supranational ones, while both run."""
    n = prog.ids.size
    ones = np.ones(n)
    u_ini, u_prog = _fill(
        rng, rng.poisson(1.5, ini.n),
        [_pool(prog.sub, ones, geo.n_sub), _pool(prog.cty, ones, geo.n_cty),
         _pool(np.where(prog.cty < 0, 0, -1), ones, 1), _pool(_zeros(n), ones, 1)],
        [ini.sub, ini.cty, _zeros(ini.n), _zeros(ini.n)],
        _levels([(0.30, 0.55, 0.14, 0.01)]), _zeros(ini.n), n)
    since = np.maximum(prog.start[u_prog], ini.start[u_ini])
    until = np.minimum(np.where(prog.end[u_prog] < 0, OPEN, prog.end[u_prog]),
                       np.where(ini.end[u_ini] < 0, OPEN, ini.end[u_ini]))
    keep = until >= since
    u_ini, u_prog, since, until = u_ini[keep], u_prog[keep], since[keep], until[keep]
    share = rng.beta(1.2, 12.0, u_ini.size)
    return {
        "program_id": prog.ids[u_prog], "initiative_id": ini.ids[u_ini],
        "amount": _ints(np.maximum(np.round(prog.budget[u_prog] * share, -2), 100)
                        .astype(np.int64)),
        "currency": prog.currency[u_prog], "since": _ints(since),
        "until": _ints(until, until == OPEN), **_provenance(rng, u_ini.size),
    }


def _collaborations(rng: np.random.Generator, geo: _Geo, n_div: int, ini: _Initiatives
                    ) -> dict[str, Any]:
    """Ties between initiatives nearby or in the same sector, each pair once, lower id first."""
    n = ini.n
    weight = np.sqrt(ini.size.astype(np.float64))
    a, b = _fill(
        rng, rng.poisson(1.5, n),
        [_pool(ini.sub, weight, geo.n_sub),
         _pool(ini.cty * n_div + ini.div, weight, geo.n_cty * n_div),
         _pool(ini.cty, weight, geo.n_cty), _pool(ini.div, weight, n_div),
         _pool(_zeros(n), weight, 1)],
        [ini.sub, ini.cty * n_div + ini.div, ini.cty, ini.div, _zeros(n)],
        _levels([(0.35, 0.25, 0.20, 0.10, 0.10)]), _zeros(n), n, self_item=np.arange(n))
    key = _unique(np.minimum(a, b) * n + np.maximum(a, b))[0]
    a, b = key // n, key % n
    start = np.maximum(ini.start[a], ini.start[b])
    since = np.minimum(start + rng.geometric(0.4, a.size) - 1, np.maximum(start, YEAR))
    until = np.minimum(np.where(ini.concluded[a], ini.end[a], OPEN),
                       np.where(ini.concluded[b], ini.end[b], OPEN))
    since = np.minimum(since, until)
    keep = since >= start
    a, b, since, until = a[keep], b[keep], since[keep], until[keep]
    return {
        "initiative_id": ini.ids[a], "partner_initiative_id": ini.ids[b],
        "kind": np.asarray(COLLABORATION_KINDS, dtype=object)[
            rng.integers(0, len(COLLABORATION_KINDS), a.size)],
        "since": _ints(since), "until": _ints(until, until == OPEN),
        **_provenance(rng, a.size),
    }


def _agreements(rng: np.random.Generator, inst: _Institutions) -> dict[str, Any]:
    """Agreements mostly within a region or a country, each pair once, lower id first."""
    n = inst.n
    a, b = _fill(rng, rng.poisson(np.minimum(inst.weight / inst.weight.mean() * 1.8, 200.0)),
                 inst.pools[1:], [inst.sub, inst.cty, _zeros(n)],
                 _levels([(0.40, 0.45, 0.15)]), _zeros(n), n, self_item=np.arange(n))
    key = _unique(np.minimum(a, b) * n + np.maximum(a, b))[0]
    a, b = key // n, key % n
    since = YEAR - np.minimum(rng.geometric(0.1, a.size) - 1, 30)
    until = np.where(rng.random(a.size) < 0.35, since + rng.integers(2, 9, a.size), -1)
    return {
        "institution_id": inst.ids[a], "partner_institution_id": inst.ids[b],
        "kind": np.asarray(AGREEMENT_KINDS, dtype=object)[
            rng.integers(0, len(AGREEMENT_KINDS), a.size)],
        "since": _ints(since), "until": _ints(until, until < 0), **_provenance(rng, a.size),
    }


def generate(out: Path, actors: int, seed: int,
             progress: Callable[[str], None] | None = None) -> dict[str, int]:
    """Write a synthetic dataset (CSV folder) with `actors` firms+institutions; return rows
    per table."""
    if actors < MIN_ACTORS:
        raise ValueError(f"a synthetic dataset needs at least {MIN_ACTORS} actors")
    rng = np.random.default_rng(seed)
    out.mkdir(parents=True, exist_ok=True)
    rows: dict[str, int] = {}

    def write(table: str, columns: dict[str, Any]) -> None:
        rows[table] = _write(out, table, columns, progress)

    geo, isic = _geography(rng, actors), _isic(rng)
    n_div = isic.div_codes.size
    municipalities = geo.mun(np.arange(geo.n_mun))
    write("territories", {
        "code": geo.codes[municipalities], "name": geo.names[municipalities],
        "level": "MUNICIPALITY", "parent_code": geo.codes[geo.sub(geo.mun_sub)],
    })
    n_inst = max(10, round(actors * INSTITUTION_SHARE))
    firms = _firms(rng, geo, isic, actors - n_inst)
    inst, columns = _institutions(rng, geo, firms, n_inst)
    write("institutions", columns)
    ini, columns = _initiatives(rng, geo, isic, firms, max(5, round(actors / 100)),
                                PARTICIPATIONS_PER_ACTOR * actors)
    write("initiatives", columns)
    columns, tier1 = _participations(rng, geo, n_div, firms, inst, ini)
    write("participations", columns)
    reached = rows["participations"] / (PARTICIPATIONS_PER_ACTOR * actors)  # < 1 when small
    write("supplies", _supplies(rng, geo, firms, tier1,
                                SUPPLIES_PER_ACTOR * actors * min(1.0, reached)))
    write("firms", _firm_columns(rng, geo, isic, firms))
    prog, columns = _programs(rng, geo, inst, max(3, round(ini.n / 4)))
    write("programs", columns)
    write("governance", _governance(rng, inst, ini))
    write("supports", _supports(rng, geo, ini, prog))
    write("collaborations", _collaborations(rng, geo, n_div, ini))
    write("agreements", _agreements(rng, inst))
    return {table: rows[table] for table in OUTPUT}
