"""A projected network as a file: GraphML, GEXF 1.3 or a CSV edge list.

All three keep every edge (FULL and GOVERNANCE may hold two between the same pair: readers
then build a multigraph) and the node attributes the GraphQL `Network` has.
"""

import io
import json
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from service import csv_cells
from service.network import Graph

NODE_ATTRIBUTES = ("name", "label", "kind", "country")  # GraphML keys; label = the node's label


class ExportFormat(StrEnum):
    GRAPHML = "graphml"
    GEXF = "gexf"
    CSV = "csv"


def _xml(root: ET.Element) -> bytes:
    ET.indent(root)
    out: bytes = ET.tostring(root, encoding="utf-8", xml_declaration=True)
    return out


def graphml(graph: Graph) -> bytes:
    """GraphML with typed keys: node name/label/kind/country (string), edge type (string)
    and weight (double)."""
    ns = "http://graphml.graphdrawing.org/xmlns"
    root = ET.Element("graphml", {
        "xmlns": ns,
        "xmlns:xsi": "http://www.w3.org/2001/XMLSchema-instance",
        "xsi:schemaLocation": f"{ns} {ns}/1.0/graphml.xsd",
    })
    for key in NODE_ATTRIBUTES:
        ET.SubElement(root, "key", {"id": f"n_{key}", "for": "node", "attr.name": key,
                                    "attr.type": "string"})
    ET.SubElement(root, "key", {"id": "e_type", "for": "edge", "attr.name": "type",
                                "attr.type": "string"})
    ET.SubElement(root, "key", {"id": "e_weight", "for": "edge", "attr.name": "weight",
                                "attr.type": "double"})
    g = ET.SubElement(root, "graph", {
        "id": graph.projection.value,
        "edgedefault": "directed" if graph.directed else "undirected",
    })
    for n in graph.nodes:
        node = ET.SubElement(g, "node", {"id": n.id})
        for key, value in zip(NODE_ATTRIBUTES, (n.name, n.label, n.kind, n.country),
                              strict=True):
            if value is not None:
                ET.SubElement(node, "data", {"key": f"n_{key}"}).text = value
    for e in graph.edges:
        edge = ET.SubElement(g, "edge", {"id": e.id, "source": e.source, "target": e.target})
        ET.SubElement(edge, "data", {"key": "e_type"}).text = e.type
        ET.SubElement(edge, "data", {"key": "e_weight"}).text = repr(e.weight)
    return _xml(root)


def gexf(graph: Graph) -> bytes:
    """GEXF 1.3: node label = name, attributes entity/kind/country; edge label and kind =
    type, weight."""
    ns = "http://gexf.net/1.3"
    root = ET.Element("gexf", {
        "xmlns": ns,
        "xmlns:xsi": "http://www.w3.org/2001/XMLSchema-instance",
        "xsi:schemaLocation": f"{ns} {ns}/gexf.xsd",
        "version": "1.3",
    })
    meta = ET.SubElement(root, "meta")
    ET.SubElement(meta, "creator").text = "Articula"
    ET.SubElement(meta, "description").text = (
        f"{graph.projection.value} projection, scope {json.dumps(graph.scope.describe())}")
    g = ET.SubElement(root, "graph", {
        "mode": "static", "defaultedgetype": "directed" if graph.directed else "undirected"})
    attributes = ET.SubElement(g, "attributes", {"class": "node", "mode": "static"})
    titles = ("entity", "kind", "country")
    for title in titles:
        ET.SubElement(attributes, "attribute", {"id": title, "title": title, "type": "string"})
    nodes = ET.SubElement(g, "nodes")
    for n in graph.nodes:
        node = ET.SubElement(nodes, "node", {"id": n.id, "label": n.name})
        values = ET.SubElement(node, "attvalues")
        for title, value in zip(titles, (n.label, n.kind, n.country), strict=True):
            if value is not None:
                ET.SubElement(values, "attvalue", {"for": title, "value": value})
    edges = ET.SubElement(g, "edges")
    for e in graph.edges:
        ET.SubElement(edges, "edge", {"id": e.id, "source": e.source, "target": e.target,
                                      "label": e.type, "kind": e.type,
                                      "weight": repr(e.weight)})
    return _xml(root)


def edge_list(graph: Graph) -> bytes:
    """CSV edge list with header source,target,type,weight (isolated nodes are not in it);
    text cells quoted and neutralised against formula injection (service.csv_cells)."""
    out = io.StringIO()
    writer = csv_cells.writer(out)
    writer.writerow(("source", "target", "type", "weight"))
    writer.writerows(csv_cells.row(e.source, e.target, e.type, float(e.weight))
                     for e in graph.edges)
    return out.getvalue().encode("utf-8")


@dataclass(frozen=True)
class Writer:
    write: Callable[[Graph], bytes]
    media_type: str
    suffix: str


WRITERS: dict[ExportFormat, Writer] = {
    ExportFormat.GRAPHML: Writer(graphml, "application/graphml+xml", "graphml"),
    ExportFormat.GEXF: Writer(gexf, "application/gexf+xml", "gexf"),
    ExportFormat.CSV: Writer(edge_list, "text/csv; charset=utf-8", "csv"),
}
