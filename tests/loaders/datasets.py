"""A small dataset built in code, written out in each of the three formats."""

import csv
import json
from pathlib import Path
from typing import Any

from openpyxl import Workbook

Tables = dict[str, list[dict[str, Any]]]


def small_network() -> Tables:
    """Two initiatives in Antioquia, their members, governance, support and ties."""
    return {
        "territories": [
            {"code": "CO-ANT-05001", "name": "Medellín", "level": "MUNICIPALITY",
             "parent_code": "CO-ANT"},
        ],
        "initiatives": [
            {"id": "INI-1", "name": "Clúster Energía Sostenible", "type": "CLUSTER",
             "status": "ACTIVE", "start_year": 2009, "end_year": "",
             "territory_codes": "CO-ANT-05001", "sector_codes": "35;D",
             "description": "Energía eléctrica, gas y servicios conexos", "website": ""},
            {"id": "INI-2", "name": "Cadena de valor del café de Antioquia",
             "type": "VALUE_CHAIN", "status": "ACTIVE", "start_year": 2015, "end_year": 2030,
             "territory_codes": "CO-ANT", "sector_codes": "0127", "description": "",
             "website": "https://example.org/cafe"},
        ],
        "firms": [
            {"id": "F-1", "name": "Empresas Públicas de Ejemplo", "size": "LARGE",
             "territory_code": "CO-ANT-05001", "sector_codes": "3510", "employees": 8000,
             "founded_year": 1955, "tax_id": "890904996"},
            {"id": "F-2", "name": "Ingeniería Andina SAS", "size": "SMALL",
             "territory_code": "CO-ANT-05001", "sector_codes": "7110", "employees": 40,
             "founded_year": 2001, "tax_id": ""},
            {"id": "F-3", "name": "Café de la Montaña", "size": "MICRO",
             "territory_code": "CO-ANT", "sector_codes": "0127;1079", "employees": 6,
             "founded_year": 2012, "tax_id": ""},
        ],
        "institutions": [
            {"id": "G-1", "name": "Gobernación de Antioquia", "kind": "GOVERNMENT",
             "level": "SUBNATIONAL", "territory_code": "CO-ANT"},
            {"id": "U-1", "name": "Universidad de Antioquia", "kind": "ACADEMIA",
             "level": "SUBNATIONAL", "territory_code": "CO-ANT-05001"},
            {"id": "M-1", "name": "Ministerio de Comercio, Industria y Turismo",
             "kind": "GOVERNMENT", "level": "NATIONAL", "territory_code": "CO"},
        ],
        "programs": [
            {"id": "P-1", "name": "Rutas Competitivas", "instrument": "cluster programme",
             "institution_id": "M-1", "start_year": 2012, "end_year": "", "budget": 1500000,
             "currency": "COP"},
        ],
        "participations": [
            {"actor_id": "F-1", "initiative_id": "INI-1", "role": "ANCHOR", "since": 2009,
             "until": "", "source": "survey", "confidence": 0.9},
            {"actor_id": "F-2", "initiative_id": "INI-1", "role": "SUPPLIER", "since": "",
             "until": "", "source": "", "confidence": ""},
            {"actor_id": "U-1", "initiative_id": "INI-1", "role": "PARTNER", "since": 2010,
             "until": "", "source": "", "confidence": ""},
            {"actor_id": "F-3", "initiative_id": "INI-2", "role": "MEMBER", "since": 2016,
             "until": 2020, "source": "programme record", "confidence": 0.5},
        ],
        "governance": [
            {"institution_id": "G-1", "initiative_id": "INI-1", "role": "CHAIR", "since": "",
             "until": "", "source": "", "confidence": ""},
        ],
        "supports": [
            {"program_id": "P-1", "initiative_id": "INI-1", "amount": 250000.5,
             "currency": "COP", "since": 2013, "until": 2015, "source": "", "confidence": ""},
        ],
        "supplies": [
            {"supplier_id": "F-2", "client_id": "F-1", "weight": 3, "since": "", "until": "",
             "source": "", "confidence": ""},
        ],
        "collaborations": [
            {"initiative_id": "INI-1", "partner_initiative_id": "INI-2", "kind": "joint event",
             "since": 2018, "until": "", "source": "", "confidence": ""},
        ],
        "agreements": [
            {"institution_id": "G-1", "partner_institution_id": "M-1", "kind": "convenio",
             "since": 2014, "until": "", "source": "agreement", "confidence": 1},
        ],
    }


def write_csv_folder(tables: Tables, folder: Path, *, encoding: str = "utf-8",
                     delimiter: str = ",") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, rows in tables.items():
        columns = list(rows[0]) if rows else []
        with (folder / f"{name}.csv").open("w", encoding=encoding, newline="") as file:
            writer = csv.DictWriter(file, fieldnames=columns, delimiter=delimiter)
            writer.writeheader()
            writer.writerows(rows)
    return folder


def write_xlsx(tables: Tables, path: Path) -> Path:
    workbook = Workbook()
    workbook.remove(workbook.active)  # type: ignore[arg-type]
    for name, rows in tables.items():
        sheet = workbook.create_sheet(name)
        columns = list(rows[0])
        sheet.append(columns)
        for row in rows:
            sheet.append([row[c] if row[c] != "" else None for c in columns])
        for cells in sheet.iter_rows(min_row=2):
            for cell in cells:
                if isinstance(cell.value, str) and cell.value.startswith("="):
                    cell.data_type = "s"  # text that looks like a formula, as a user typed it
    workbook.save(path)
    return path


def write_json(tables: Tables, path: Path) -> Path:
    document = {
        name: [{k: (None if v == "" else v) for k, v in row.items()} for row in rows]
        for name, rows in tables.items()
    }
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    return path
