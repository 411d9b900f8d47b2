"""The OpenAPI schema of the indicator value endpoint: both changes are documented."""

import yaml


def test_the_schema_documents_both_changes_as_nullable_change_objects(client, db):
    schema = yaml.safe_load(client.get("/api/schema/").content)
    value = schema["components"]["schemas"]["IndicatorValue"]["properties"]
    for name in ("change_previous_period", "change_previous_year"):
        field = value[name]
        assert field["nullable"] is True, name
        assert field["allOf"] == [{"$ref": "#/components/schemas/Change"}], name
    change = schema["components"]["schemas"]["Change"]["properties"]
    assert change["value"]["type"] == "number" and change["value"]["nullable"] is True
