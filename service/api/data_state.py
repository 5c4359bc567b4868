"""`extensions.dataState`: every GraphQL answer given while a large load is under way says
so, with the loads and their progress (service/data_state.py)."""

from typing import Any

from strawberry.extensions import SchemaExtension

from service.data_state import load_state


class DataStateExtension(SchemaExtension):
    async def get_results(self) -> dict[str, Any]:
        db = getattr(self.execution_context.context, "db", None)
        if db is None:
            return {}
        state = await load_state(db)
        return {} if state is None else state.extensions()
