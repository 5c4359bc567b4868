"""The model's closed vocabularies, with the Spanish, Portuguese (and plain) labels datasets
may use.

Matching ignores case, accents, spaces, hyphens and underscores, so "Clúster",
"cadena de valor", "cadeia de valor" and "value-chain" all resolve to their canonical value.
"""

import unicodedata
from enum import StrEnum

from loaders.suggestions import closest


class InitiativeType(StrEnum):
    CLUSTER = "CLUSTER"
    VALUE_CHAIN = "VALUE_CHAIN"
    LOCAL_PRODUCTIVE = "LOCAL_PRODUCTIVE"
    BUSINESS_NETWORK = "BUSINESS_NETWORK"
    SUPPLIER_DEVELOPMENT = "SUPPLIER_DEVELOPMENT"


class InitiativeStatus(StrEnum):
    PLANNED = "PLANNED"
    ACTIVE = "ACTIVE"
    SUSPENDED = "SUSPENDED"
    CONCLUDED = "CONCLUDED"


class FirmSize(StrEnum):
    MICRO = "MICRO"
    SMALL = "SMALL"
    MEDIUM = "MEDIUM"
    LARGE = "LARGE"


class InstitutionKind(StrEnum):
    GOVERNMENT = "GOVERNMENT"
    ACADEMIA = "ACADEMIA"
    BUSINESS_ASSOCIATION = "BUSINESS_ASSOCIATION"
    CIVIL_SOCIETY = "CIVIL_SOCIETY"
    DEVELOPMENT_AGENCY = "DEVELOPMENT_AGENCY"
    FINANCIAL = "FINANCIAL"
    INTERNATIONAL = "INTERNATIONAL"


class InstitutionLevel(StrEnum):
    SUPRANATIONAL = "SUPRANATIONAL"
    NATIONAL = "NATIONAL"
    SUBNATIONAL = "SUBNATIONAL"
    LOCAL = "LOCAL"


class ParticipationRole(StrEnum):
    MEMBER = "MEMBER"
    LEADER = "LEADER"
    ANCHOR = "ANCHOR"
    SUPPLIER = "SUPPLIER"
    CLIENT = "CLIENT"
    PARTNER = "PARTNER"


class GovernanceRole(StrEnum):
    CHAIR = "CHAIR"
    BOARD_MEMBER = "BOARD_MEMBER"
    TECHNICAL_SECRETARIAT = "TECHNICAL_SECRETARIAT"
    FUNDER = "FUNDER"
    ADVISOR = "ADVISOR"


class TerritoryLevel(StrEnum):
    COUNTRY = "COUNTRY"
    REGION = "REGION"
    MUNICIPALITY = "MUNICIPALITY"


# The national sector classifications of the reference data, by the prefix their codes carry
# (`SCIAN:336390`); codes without a prefix are ISIC Rev.4.
SECTOR_CLASSIFICATIONS = {"SCIAN": "SCIAN 2018", "CIIU-CO": "CIIU Rev.4 A.C."}


class SectorLevel(StrEnum):
    SECTOR = "SECTOR"  # SCIAN's top level (ISIC's is the section)
    SECTION = "SECTION"
    DIVISION = "DIVISION"
    GROUP = "GROUP"
    CLASS = "CLASS"


SYNONYMS: dict[type[StrEnum], dict[str, str]] = {  # Spanish and English labels
    InitiativeType: {
        "cluster": "CLUSTER", "clúster": "CLUSTER", "iniciativa cluster": "CLUSTER",
        "iniciativa de cluster": "CLUSTER", "cadena de valor": "VALUE_CHAIN",
        "cadena productiva": "VALUE_CHAIN", "value chain": "VALUE_CHAIN",
        "iniciativa productiva local": "LOCAL_PRODUCTIVE",
        "sistema productivo local": "LOCAL_PRODUCTIVE", "desarrollo productivo local":
        "LOCAL_PRODUCTIVE", "local productive initiative": "LOCAL_PRODUCTIVE",
        "red empresarial": "BUSINESS_NETWORK", "red de empresas": "BUSINESS_NETWORK",
        "desarrollo de proveedores": "SUPPLIER_DEVELOPMENT",
        "programa de desarrollo de proveedores": "SUPPLIER_DEVELOPMENT",
    },
    InitiativeStatus: {
        "planificada": "PLANNED", "planificado": "PLANNED", "en diseño": "PLANNED",
        "activa": "ACTIVE", "activo": "ACTIVE", "vigente": "ACTIVE", "en curso": "ACTIVE",
        "suspendida": "SUSPENDED", "suspendido": "SUSPENDED",
        "finalizada": "CONCLUDED", "finalizado": "CONCLUDED", "concluida": "CONCLUDED",
        "concluido": "CONCLUDED", "terminada": "CONCLUDED", "cerrada": "CONCLUDED",
        "finished": "CONCLUDED", "completed": "CONCLUDED",
    },
    FirmSize: {
        "micro": "MICRO", "microempresa": "MICRO", "pequeña": "SMALL", "pequeña empresa":
        "SMALL", "mediana": "MEDIUM", "mediana empresa": "MEDIUM", "grande": "LARGE",
        "gran empresa": "LARGE",
    },
    InstitutionKind: {
        "gobierno": "GOVERNMENT", "sector público": "GOVERNMENT", "public sector": "GOVERNMENT",
        "academia": "ACADEMIA", "universidad": "ACADEMIA", "university": "ACADEMIA",
        "gremio": "BUSINESS_ASSOCIATION", "asociación empresarial": "BUSINESS_ASSOCIATION",
        "cámara de comercio": "BUSINESS_ASSOCIATION", "sociedad civil": "CIVIL_SOCIETY",
        "ong": "CIVIL_SOCIETY", "ngo": "CIVIL_SOCIETY",
        "agencia de desarrollo": "DEVELOPMENT_AGENCY", "financiera": "FINANCIAL",
        "financiero": "FINANCIAL", "banca": "FINANCIAL", "internacional": "INTERNATIONAL",
        "organismo internacional": "INTERNATIONAL",
    },
    InstitutionLevel: {
        "supranacional": "SUPRANATIONAL", "regional internacional": "SUPRANATIONAL",
        "nacional": "NATIONAL", "subnacional": "SUBNATIONAL", "regional": "SUBNATIONAL",
        "departamental": "SUBNATIONAL", "estatal": "SUBNATIONAL", "provincial": "SUBNATIONAL",
        "local": "LOCAL", "municipal": "LOCAL",
    },
    ParticipationRole: {
        "miembro": "MEMBER", "socio": "PARTNER", "aliado": "PARTNER", "líder": "LEADER",
        "lider": "LEADER", "ancla": "ANCHOR", "empresa ancla": "ANCHOR",
        "proveedor": "SUPPLIER", "cliente": "CLIENT",
    },
    GovernanceRole: {
        "presidencia": "CHAIR", "presidente": "CHAIR", "junta directiva": "BOARD_MEMBER",
        "miembro de junta": "BOARD_MEMBER", "consejo directivo": "BOARD_MEMBER",
        "secretaría técnica": "TECHNICAL_SECRETARIAT", "financiador": "FUNDER",
        "financiadora": "FUNDER", "asesor": "ADVISOR", "asesora": "ADVISOR",
    },
    TerritoryLevel: {
        "país": "COUNTRY", "pais": "COUNTRY", "región": "REGION", "departamento": "REGION",
        "estado": "REGION", "provincia": "REGION", "municipio": "MUNICIPALITY",
        "comuna": "MUNICIPALITY", "distrito": "MUNICIPALITY", "cantón": "MUNICIPALITY",
    },
}


PORTUGUESE: dict[type[StrEnum], dict[str, str]] = {
    InitiativeType: {
        "cluster": "CLUSTER", "arranjo produtivo local": "LOCAL_PRODUCTIVE",
        "arranjos produtivos locais": "LOCAL_PRODUCTIVE", "apl": "LOCAL_PRODUCTIVE",
        "sistema produtivo local": "LOCAL_PRODUCTIVE",
        "iniciativa produtiva local": "LOCAL_PRODUCTIVE",
        "cadeia de valor": "VALUE_CHAIN", "cadeia produtiva": "VALUE_CHAIN",
        "rede de empresas": "BUSINESS_NETWORK", "rede empresarial": "BUSINESS_NETWORK",
        "desenvolvimento de fornecedores": "SUPPLIER_DEVELOPMENT",
        "programa de desenvolvimento de fornecedores": "SUPPLIER_DEVELOPMENT",
    },
    InitiativeStatus: {
        "planejada": "PLANNED", "planejado": "PLANNED", "em planejamento": "PLANNED",
        "ativa": "ACTIVE", "ativo": "ACTIVE", "em andamento": "ACTIVE",
        "suspensa": "SUSPENDED", "suspenso": "SUSPENDED",
        "concluída": "CONCLUDED", "concluído": "CONCLUDED", "encerrada": "CONCLUDED",
        "encerrado": "CONCLUDED",
    },
    FirmSize: {
        "micro": "MICRO", "microempresa": "MICRO", "pequena": "SMALL",
        "pequena empresa": "SMALL", "média": "MEDIUM", "média empresa": "MEDIUM",
        "grande": "LARGE", "grande empresa": "LARGE",
    },
    InstitutionKind: {
        "governo": "GOVERNMENT", "setor público": "GOVERNMENT", "academia": "ACADEMIA",
        "universidade": "ACADEMIA",
        "associação empresarial": "BUSINESS_ASSOCIATION", "entidade empresarial":
        "BUSINESS_ASSOCIATION", "câmara de comércio": "BUSINESS_ASSOCIATION",
        "federação de indústrias": "BUSINESS_ASSOCIATION", "sociedade civil": "CIVIL_SOCIETY",
        "ong": "CIVIL_SOCIETY", "agência de desenvolvimento": "DEVELOPMENT_AGENCY",
        "instituição financeira": "FINANCIAL", "financeira": "FINANCIAL", "banco": "FINANCIAL",
        "internacional": "INTERNATIONAL", "organismo internacional": "INTERNATIONAL",
    },
    InstitutionLevel: {
        "supranacional": "SUPRANATIONAL", "nacional": "NATIONAL", "federal": "NATIONAL",
        "subnacional": "SUBNATIONAL", "estadual": "SUBNATIONAL", "regional": "SUBNATIONAL",
        "local": "LOCAL", "municipal": "LOCAL",
    },
    ParticipationRole: {
        "membro": "MEMBER", "líder": "LEADER", "âncora": "ANCHOR", "empresa âncora": "ANCHOR",
        "fornecedor": "SUPPLIER", "fornecedora": "SUPPLIER", "cliente": "CLIENT",
        "parceiro": "PARTNER", "parceira": "PARTNER",
    },
    GovernanceRole: {
        "presidência": "CHAIR", "presidente": "CHAIR", "conselho diretor": "BOARD_MEMBER",
        "conselho de administração": "BOARD_MEMBER",
        "membro do conselho": "BOARD_MEMBER", "conselheiro": "BOARD_MEMBER",
        "conselheira": "BOARD_MEMBER", "secretaria técnica": "TECHNICAL_SECRETARIAT",
        "secretaria executiva": "TECHNICAL_SECRETARIAT", "financiador": "FUNDER",
        "financiadora": "FUNDER", "assessor": "ADVISOR", "assessora": "ADVISOR",
        "consultor": "ADVISOR",
    },
    TerritoryLevel: {
        "país": "COUNTRY", "região": "REGION", "estado": "REGION", "unidade federativa": "REGION",
        "município": "MUNICIPALITY",
    },
}
"""Portuguese labels (Brazil's: APL for local productive arrangements); some fold to a Spanish
label of the same value ("presidência", "nacional"), which is no conflict."""


def fold(text: str) -> str:
    """Lower-case, accent-free, with spaces, hyphens and underscores collapsed to one space."""
    decomposed = unicodedata.normalize("NFKD", text.strip().lower())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(plain.replace("_", " ").replace("-", " ").split())


def _index(enum: type[StrEnum]) -> dict[str, str]:
    index = {fold(member.value): member.value for member in enum}
    for labels in (SYNONYMS, PORTUGUESE):
        for label, value in labels.get(enum, {}).items():
            if index.setdefault(fold(label), value) != value:
                raise ValueError(f"{enum.__name__}: {label!r} names two values")
    return index


INDEX: dict[type[StrEnum], dict[str, str]] = {
    enum: _index(enum)
    for enum in (
        InitiativeType, InitiativeStatus, FirmSize, InstitutionKind, InstitutionLevel,
        ParticipationRole, GovernanceRole, TerritoryLevel, SectorLevel,
    )
}


def _shown(enum: type[StrEnum]) -> dict[str, str]:
    """Folded label -> how a suggestion shows it: the value, with the label as written."""
    shown = {fold(member.value): member.value for member in enum}
    for labels in (SYNONYMS, PORTUGUESE):
        for label, value in labels.get(enum, {}).items():
            shown.setdefault(fold(label), f"{value} ({label})")
    return shown


SHOWN: dict[type[StrEnum], dict[str, str]] = {enum: _shown(enum) for enum in INDEX}


def canonical(enum: type[StrEnum], text: str) -> str | None:
    """The canonical value `text` names in `enum`, or None when it names none."""
    return INDEX[enum].get(fold(text))


def values(enum: type[StrEnum]) -> str:
    """The accepted values, for error messages."""
    return ", ".join(member.value for member in enum)


def near(enum: type[StrEnum], text: str) -> list[str]:
    """The values whose labels are closest to `text`, each as "MEDIUM (mediana)"."""
    index = INDEX[enum]
    found: dict[str, str] = {}
    for label in closest(fold(text), index):
        found.setdefault(index[label], SHOWN[enum][label])
    return list(found.values())
