// The participants of each initiative of $ids, with the participation's properties, by actor id.
UNWIND $ids AS id
MATCH (:Initiative {id: id})<-[r:PARTICIPATES_IN]-(a:Actor)
WITH id, r, a ORDER BY a.id
RETURN id, collect(
// include: participation
) AS links
