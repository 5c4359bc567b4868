"""Portuguese labels for every enumeration: a Brazilian dataset written as its authors would
write it loads, and the README's label table lists every label the loader takes."""

import re
from pathlib import Path
from typing import Any

import neo4j
import pytest

from loaders.load import load
from loaders.vocabulary import (
    PORTUGUESE,
    SYNONYMS,
    FirmSize,
    GovernanceRole,
    InitiativeStatus,
    InitiativeType,
    InstitutionKind,
    InstitutionLevel,
    ParticipationRole,
    TerritoryLevel,
    canonical,
)
from tests.loaders.datasets import write_json
from tests.neo4j_backends import Backend

README = Path(__file__).resolve().parents[2] / "README.md"


@pytest.mark.parametrize(("enum", "label", "value"), [
    (InitiativeType, "APL", "LOCAL_PRODUCTIVE"),
    (InitiativeType, "arranjo produtivo local", "LOCAL_PRODUCTIVE"),
    (InitiativeType, "Arranjos Produtivos Locais", "LOCAL_PRODUCTIVE"),
    (InitiativeType, "Cadeia de Valor", "VALUE_CHAIN"),
    (InitiativeType, "rede de empresas", "BUSINESS_NETWORK"),
    (InitiativeType, "Desenvolvimento de Fornecedores", "SUPPLIER_DEVELOPMENT"),
    (InitiativeStatus, "em andamento", "ACTIVE"),
    (InitiativeStatus, "Concluída", "CONCLUDED"),
    (FirmSize, "média empresa", "MEDIUM"),
    (FirmSize, "Pequena", "SMALL"),
    (InstitutionKind, "Governo", "GOVERNMENT"),
    (InstitutionKind, "universidade", "ACADEMIA"),
    (InstitutionKind, "Agência de Desenvolvimento", "DEVELOPMENT_AGENCY"),
    (InstitutionKind, "instituição financeira", "FINANCIAL"),
    (InstitutionLevel, "Federal", "NATIONAL"),
    (InstitutionLevel, "estadual", "SUBNATIONAL"),
    (ParticipationRole, "Âncora", "ANCHOR"),
    (ParticipationRole, "fornecedor", "SUPPLIER"),
    (ParticipationRole, "parceiro", "PARTNER"),
    (GovernanceRole, "Conselho de Administração", "BOARD_MEMBER"),
    (GovernanceRole, "secretaria executiva", "TECHNICAL_SECRETARIAT"),
    (GovernanceRole, "Presidência", "CHAIR"),
    (TerritoryLevel, "Município", "MUNICIPALITY"),
])
def test_portuguese_labels_name_their_values(enum: Any, label: str, value: str) -> None:
    assert canonical(enum, label) == value


def test_the_readme_table_lists_every_label() -> None:
    text = README.read_text(encoding="utf-8")
    rows = {}
    for line in text.splitlines():
        found = re.match(r"\| `(\w+)`(?: \([a-z]+\))? \| `([A-Z_]+)` \| (.*) \| (.*) \|$", line)
        if found:
            rows[(found[1], found[2])] = (found[3].split(", "), found[4].split(", "))
    columns = {InitiativeType: "type", InitiativeStatus: "status", FirmSize: "size",
               InstitutionKind: "kind", InstitutionLevel: "level", ParticipationRole: "role",
               GovernanceRole: "role", TerritoryLevel: "level"}
    for enum, column in columns.items():
        for labels, side in ((SYNONYMS, 0), (PORTUGUESE, 1)):
            for label, value in labels.get(enum, {}).items():
                assert label in rows[(column, value)][side], (column, value, label)
    assert len(rows) == sum(len(list(enum)) for enum in columns)


def brazilian_dataset() -> dict[str, list[dict[str, Any]]]:
    """An APL and a supplier-development programme in São Paulo, labelled in Portuguese."""
    return {
        "territories": [{"code": "BR:3509502", "name": "Campinas", "level": "município",
                         "parent_code": "BR-SP"}],
        "initiatives": [
            {"id": "APL-1", "name": "APL de Tecnologia de Campinas", "type": "APL",
             "status": "em andamento", "territory_codes": "BR:3509502", "sector_codes": "62"},
            {"id": "PDF-1", "name": "Programa de Desenvolvimento de Fornecedores Automotivos",
             "type": "Desenvolvimento de Fornecedores", "status": "Concluída",
             "start_year": 2015, "end_year": 2020, "territory_codes": "BR-SP",
             "sector_codes": "29"},
            {"id": "CV-1", "name": "Cadeia do Café Paulista", "type": "cadeia de valor",
             "status": "planejada", "territory_codes": "BR-SP", "sector_codes": "0127"},
            {"id": "RE-1", "name": "Rede de Empresas de Software", "type": "rede de empresas",
             "status": "suspensa", "territory_codes": "BR:3509502"},
        ],
        "firms": [
            {"id": "F-ANC", "name": "Montadora Paulista S.A.", "size": "grande empresa",
             "territory_code": "BR-SP", "sector_codes": "2910"},
            {"id": "F-FOR", "name": "Autopeças Campinas Ltda.", "size": "média",
             "territory_code": "BR:3509502", "sector_codes": "2930"},
            {"id": "F-SW", "name": "Software Livre Ltda.", "size": "pequena empresa",
             "territory_code": "BR:3509502", "sector_codes": "6201"},
            {"id": "F-MIC", "name": "Café do Sítio", "size": "microempresa",
             "territory_code": "BR-SP", "sector_codes": "0127"},
        ],
        "institutions": [
            {"id": "I-FED", "name": "Ministério do Desenvolvimento", "kind": "governo",
             "level": "federal", "territory_code": "BR"},
            {"id": "I-SP", "name": "Secretaria de Desenvolvimento Econômico de São Paulo",
             "kind": "Governo", "level": "estadual", "territory_code": "BR-SP"},
            {"id": "I-UNI", "name": "Universidade Estadual de Campinas", "kind": "universidade",
             "level": "estadual", "territory_code": "BR:3509502"},
            {"id": "I-FIESP", "name": "Federação das Indústrias", "kind": "entidade empresarial",
             "level": "estadual", "territory_code": "BR-SP"},
            {"id": "I-SEB", "name": "Agência de Apoio às Micro e Pequenas Empresas",
             "kind": "agência de desenvolvimento", "level": "municipal",
             "territory_code": "BR:3509502"},
            {"id": "I-BNK", "name": "Banco de Desenvolvimento", "kind": "instituição financeira",
             "level": "nacional", "territory_code": "BR"},
            {"id": "I-ONG", "name": "Instituto Cidadania", "kind": "sociedade civil",
             "level": "local", "territory_code": "BR:3509502"},
        ],
        "participations": [
            {"actor_id": "F-ANC", "initiative_id": "PDF-1", "role": "âncora"},
            {"actor_id": "F-FOR", "initiative_id": "PDF-1", "role": "fornecedor"},
            {"actor_id": "F-SW", "initiative_id": "APL-1", "role": "membro"},
            {"actor_id": "I-UNI", "initiative_id": "APL-1", "role": "parceiro"},
            {"actor_id": "F-MIC", "initiative_id": "CV-1", "role": "Líder"},
            {"actor_id": "F-SW", "initiative_id": "RE-1", "role": "cliente"},
        ],
        "governance": [
            {"institution_id": "I-SP", "initiative_id": "APL-1", "role": "Presidência"},
            {"institution_id": "I-FIESP", "initiative_id": "APL-1", "role": "conselheiro"},
            {"institution_id": "I-SEB", "initiative_id": "APL-1",
             "role": "secretaria executiva"},
            {"institution_id": "I-BNK", "initiative_id": "PDF-1", "role": "financiador"},
            {"institution_id": "I-FED", "initiative_id": "PDF-1", "role": "assessor"},
        ],
    }


def test_a_dataset_labelled_in_portuguese_loads(
    reference_db: neo4j.Driver, neo4j_backend: Backend, tmp_path: Path
) -> None:
    database = neo4j_backend.settings.neo4j_database
    tables = brazilian_dataset()
    summary = load(write_json(tables, tmp_path / "apl.json"), reference_db, database,
                   progress=False)
    assert summary.created > 0

    def values(query: str) -> dict[str, Any]:
        records, _, _ = reference_db.execute_query(query, database_=database)
        return {r["key"]: r["value"] for r in records}

    assert values("MATCH (i:Initiative) RETURN i.id AS key, [i.type, i.status] AS value") == {
        "APL-1": ["LOCAL_PRODUCTIVE", "ACTIVE"], "PDF-1": ["SUPPLIER_DEVELOPMENT", "CONCLUDED"],
        "CV-1": ["VALUE_CHAIN", "PLANNED"], "RE-1": ["BUSINESS_NETWORK", "SUSPENDED"]}
    assert values("MATCH (f:Firm) RETURN f.id AS key, f.size AS value") == {
        "F-ANC": "LARGE", "F-FOR": "MEDIUM", "F-SW": "SMALL", "F-MIC": "MICRO"}
    assert values("MATCH (i:Institution) RETURN i.id AS key, [i.kind, i.level] AS value") == {
        "I-FED": ["GOVERNMENT", "NATIONAL"], "I-SP": ["GOVERNMENT", "SUBNATIONAL"],
        "I-UNI": ["ACADEMIA", "SUBNATIONAL"], "I-FIESP": ["BUSINESS_ASSOCIATION", "SUBNATIONAL"],
        "I-SEB": ["DEVELOPMENT_AGENCY", "LOCAL"], "I-BNK": ["FINANCIAL", "NATIONAL"],
        "I-ONG": ["CIVIL_SOCIETY", "LOCAL"]}
    assert values("MATCH (a)-[p:PARTICIPATES_IN]->(i) RETURN a.id + '>' + i.id AS key, "
                  "p.role AS value") == {
        "F-ANC>PDF-1": "ANCHOR", "F-FOR>PDF-1": "SUPPLIER", "F-SW>APL-1": "MEMBER",
        "I-UNI>APL-1": "PARTNER", "F-MIC>CV-1": "LEADER", "F-SW>RE-1": "CLIENT"}
    assert values("MATCH (a)-[g:GOVERNS]->(i) RETURN a.id + '>' + i.id AS key, "
                  "g.role AS value") == {
        "I-SP>APL-1": "CHAIR", "I-FIESP>APL-1": "BOARD_MEMBER",
        "I-SEB>APL-1": "TECHNICAL_SECRETARIAT", "I-BNK>PDF-1": "FUNDER",
        "I-FED>PDF-1": "ADVISOR"}
    assert values("MATCH (t:Territory {code: 'BR:3509502'})-[:PART_OF]->(p) "
                  "RETURN t.level AS key, p.code AS value") == {"MUNICIPALITY": "BR-SP"}
