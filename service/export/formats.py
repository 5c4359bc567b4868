"""The formats of an export: GraphML, GEXF 1.3, and a zip of two CSV tables.

All three hold every node (isolated ones too) with the same columns under the same names
(service.export.columns), absent where a node has no value, and every edge with `type` and
`weight` (FULL and GOVERNANCE may hold two between the same pair: readers then build a
multigraph). Several codes in one cell (an initiative's countries, territories, sectors) are
one string, sorted and ';'-joined, since neither XML format has a list type that every
reader takes.
"""

import io
import json
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from service import csv_cells
from service.export.columns import Table, Value, ValueType
from service.export.timeline import Spell, Timeline


class ExportFormat(StrEnum):
    GRAPHML = "graphml"
    GEXF = "gexf"
    CSV = "csv"


GRAPHML_TYPES = {ValueType.STRING: "string", ValueType.DOUBLE: "double",
                 ValueType.INTEGER: "int"}
GEXF_TYPES = {ValueType.STRING: "string", ValueType.DOUBLE: "double",
              ValueType.INTEGER: "integer"}


def _text(value: Value) -> str:
    return repr(value) if isinstance(value, float) else str(value)


def _xml(root: ET.Element) -> bytes:
    ET.indent(root)
    out: bytes = ET.tostring(root, encoding="utf-8", xml_declaration=True)
    return out


def graphml(table: Table) -> bytes:
    """GraphML with a typed key per column (`label`, which Gephi shows, is the name), edge
    `type` (string) and `weight` (double), and the graph's `about` (JSON) as graph data."""
    graph = table.graph
    ns = "http://graphml.graphdrawing.org/xmlns"
    root = ET.Element("graphml", {
        "xmlns": ns,
        "xmlns:xsi": "http://www.w3.org/2001/XMLSchema-instance",
        "xsi:schemaLocation": f"{ns} {ns}/1.0/graphml.xsd",
    })
    ET.SubElement(root, "key", {"id": "g_about", "for": "graph", "attr.name": "about",
                                "attr.type": "string"})
    for column in table.columns:
        ET.SubElement(root, "key", {"id": f"n_{column.name}", "for": "node",
                                    "attr.name": column.name,
                                    "attr.type": GRAPHML_TYPES[column.type]})
    ET.SubElement(root, "key", {"id": "e_type", "for": "edge", "attr.name": "type",
                                "attr.type": "string"})
    ET.SubElement(root, "key", {"id": "e_weight", "for": "edge", "attr.name": "weight",
                                "attr.type": "double"})
    g = ET.SubElement(root, "graph", {
        "id": graph.projection.value,
        "edgedefault": "directed" if graph.directed else "undirected",
    })
    ET.SubElement(g, "data", {"key": "g_about"}).text = json.dumps(table.about())
    for i, n in enumerate(graph.nodes):
        node = ET.SubElement(g, "node", {"id": n.id})
        for column in table.columns:
            value = column.values[i]
            if value is not None:
                ET.SubElement(node, "data", {"key": f"n_{column.name}"}).text = _text(value)
    for e in graph.edges:
        edge = ET.SubElement(g, "edge", {"id": e.id, "source": e.source, "target": e.target})
        ET.SubElement(edge, "data", {"key": "e_type"}).text = e.type
        ET.SubElement(edge, "data", {"key": "e_weight"}).text = repr(e.weight)
    return _xml(root)


def gexf(table: Table, timeline: Timeline | None = None) -> bytes:
    """GEXF 1.3: a node's `label` is its name, every column (`label` aside) a typed
    attribute; an edge's `label` and `kind` are its type, also its attribute `type`, and
    `weight`; the graph's `about` (JSON) is the description. With a timeline, a dynamic graph
    (integer years) whose nodes and edges carry their spells, which Gephi's timeline plays."""
    graph = table.graph
    ns = "http://gexf.net/1.3"
    root = ET.Element("gexf", {
        "xmlns": ns,
        "xmlns:xsi": "http://www.w3.org/2001/XMLSchema-instance",
        "xsi:schemaLocation": f"{ns} {ns}/gexf.xsd",
        "version": "1.3",
    })
    meta = ET.SubElement(root, "meta")
    ET.SubElement(meta, "creator").text = "Articula"
    about = table.about()
    mode = {"mode": "static"}
    if timeline is not None:
        about |= {"from": timeline.first, "to": timeline.last}
        mode = {"mode": "dynamic", "timeformat": "integer", "timerepresentation": "interval"}
    ET.SubElement(meta, "description").text = json.dumps(about)
    g = ET.SubElement(root, "graph", {
        **mode, "defaultedgetype": "directed" if graph.directed else "undirected"})
    columns = [column for column in table.columns if column.name != "label"]
    node_attributes = ET.SubElement(g, "attributes", {"class": "node", "mode": "static"})
    for column in columns:
        ET.SubElement(node_attributes, "attribute", {"id": column.name, "title": column.name,
                                                     "type": GEXF_TYPES[column.type]})
    edge_attributes = ET.SubElement(g, "attributes", {"class": "edge", "mode": "static"})
    ET.SubElement(edge_attributes, "attribute", {"id": "type", "title": "type",
                                                 "type": "string"})
    nodes = ET.SubElement(g, "nodes")
    for i, n in enumerate(graph.nodes):
        node = ET.SubElement(nodes, "node", {"id": n.id, "label": n.name})
        values = ET.SubElement(node, "attvalues")
        for column in columns:
            value = column.values[i]
            if value is not None:
                ET.SubElement(values, "attvalue", {"for": column.name, "value": _text(value)})
        if timeline is not None:
            _spells(node, timeline.node_spells[n.id])
    edges = ET.SubElement(g, "edges")
    for e in graph.edges:
        edge = ET.SubElement(edges, "edge", {"id": e.id, "source": e.source, "target": e.target,
                                             "label": e.type, "kind": e.type,
                                             "weight": repr(e.weight)})
        values = ET.SubElement(edge, "attvalues")
        ET.SubElement(values, "attvalue", {"for": "type", "value": e.type})
        if timeline is not None:
            _spells(edge, timeline.edge_spells[e.id])
    return _xml(root)


def _spells(element: ET.Element, spells: list[Spell]) -> None:
    out = ET.SubElement(element, "spells")
    for start, end in spells:
        ET.SubElement(out, "spell", {"start": str(start), "end": str(end)})


def nodes_csv(table: Table) -> bytes:
    """Header `id` and the columns; one row per node, isolated ones too; text cells quoted
    and neutralised against formula injection (service.csv_cells), numbers plain, an empty
    cell where a node has no value."""
    out = io.StringIO()
    writer = csv_cells.writer(out)
    writer.writerow(("id", *(column.name for column in table.columns)))
    writer.writerows(csv_cells.row(n.id, *(column.values[i] for column in table.columns))
                     for i, n in enumerate(table.graph.nodes))
    return out.getvalue().encode("utf-8")


def edges_csv(table: Table) -> bytes:
    """Header `source,target,type,weight`; text cells as in nodes_csv."""
    out = io.StringIO()
    writer = csv_cells.writer(out)
    writer.writerow(("source", "target", "type", "weight"))
    writer.writerows(csv_cells.row(e.source, e.target, e.type, float(e.weight))
                     for e in table.graph.edges)
    return out.getvalue().encode("utf-8")


def csv_zip(table: Table) -> bytes:
    """A zip of nodes.csv, edges.csv and about.json: both tables of one read of the graph."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("nodes.csv", nodes_csv(table))
        archive.writestr("edges.csv", edges_csv(table))
        archive.writestr("about.json", json.dumps(table.about(), indent=2))
    return out.getvalue()


@dataclass(frozen=True)
class Writer:
    write: Callable[[Table], bytes]
    media_type: str
    suffix: str


WRITERS: dict[ExportFormat, Writer] = {
    ExportFormat.GRAPHML: Writer(graphml, "application/graphml+xml", "graphml"),
    ExportFormat.GEXF: Writer(gexf, "application/gexf+xml", "gexf"),
    ExportFormat.CSV: Writer(csv_zip, "application/zip", "zip"),
}
