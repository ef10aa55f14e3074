using System.Text.Json;
using System.Text.Json.Nodes;

namespace Mentoring.Features.Scim;

/// <summary>
/// One operation of a SCIM PatchOp (RFC 7644 §3.5.2): add, replace or remove, with a path
/// (<c>active</c>, <c>name.givenName</c>, <c>emails[type eq "work"].value</c> …) or, as Microsoft
/// Entra sends it, with no path and an object of attributes as the value.
/// </summary>
internal sealed record ScimPatch(string Op, string? Path, JsonNode? Value)
{
    public const string PatchOpSchema = "urn:ietf:params:scim:api:messages:2.0:PatchOp";

    public static List<ScimPatch> Read(JsonObject body)
    {
        if (body["schemas"] is JsonArray schemas
            && !schemas.Any(s => s is JsonValue v && v.GetValueKind() == JsonValueKind.String
                && string.Equals(v.GetValue<string>(), PatchOpSchema, StringComparison.OrdinalIgnoreCase)))
        {
            throw ScimException.Invalid("invalidSyntax", $"A PATCH body has the schema {PatchOpSchema}.");
        }
        if (body["Operations"] is not JsonArray operations)
        {
            throw ScimException.Invalid("invalidSyntax", "A PATCH body has a list of Operations.");
        }
        var read = new List<ScimPatch>(operations.Count);
        foreach (var node in operations)
        {
            if (node is not JsonObject operation)
            {
                throw ScimException.Invalid("invalidSyntax", "Each operation is an object with op, path and value.");
            }
            var op = operation["op"] is JsonValue o && o.GetValueKind() == JsonValueKind.String ? o.GetValue<string>().Trim().ToLowerInvariant() : null;
            if (op is not ("add" or "replace" or "remove"))
            {
                throw ScimException.Invalid("invalidSyntax", $"op must be add, replace or remove, not {operation["op"]?.ToJsonString() ?? "missing"}.");
            }
            var path = operation["path"] is JsonValue p && p.GetValueKind() == JsonValueKind.String ? p.GetValue<string>() : null;
            if (string.IsNullOrWhiteSpace(path))
            {
                path = null;
            }
            if (op == "remove" && path is null)
            {
                throw ScimException.Invalid("noTarget", "A remove operation names the path to remove.");
            }
            if (op != "remove" && path is null && operation["value"] is not JsonObject)
            {
                throw ScimException.Invalid("invalidValue", "An operation without a path has an object of attributes as its value.");
            }
            read.Add(new ScimPatch(op, path, operation["value"]));
        }
        return read;
    }

    public void ApplyTo(ScimUserFields fields)
    {
        if (Op == "remove")
        {
            fields.Set(Path!, null);
        }
        else if (Path is null)
        {
            fields.SetAll((JsonObject)Value!);
        }
        else
        {
            fields.Set(Path, Value);
        }
    }
}
