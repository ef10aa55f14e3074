using System.Text.Json.Nodes;

namespace Mentoring.Features.Scim;

/// <summary>What this service provider supports, as RFC 7643 §5–7 describes it: the configuration, the User resource type and its schemas.</summary>
internal static class ScimDiscovery
{
    public const string BasePath = "/scim/v2";

    /// <summary>The SCIM base URL as the caller reached it, e.g. <c>https://mentoring.example.com/scim/v2</c>.</summary>
    public static string BaseUrl(HttpRequest request) => $"{request.Scheme}://{request.Host}{request.PathBase}{BasePath}";

    public const string ListResponseSchema = "urn:ietf:params:scim:api:messages:2.0:ListResponse";
    private const string ConfigSchema = "urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig";
    private const string ResourceTypeSchema = "urn:ietf:params:scim:schemas:core:2.0:ResourceType";
    private const string SchemaSchema = "urn:ietf:params:scim:schemas:core:2.0:Schema";

    public static JsonObject ServiceProviderConfig(string baseUrl) => new()
    {
        ["schemas"] = new JsonArray(ConfigSchema),
        ["documentationUri"] = "https://datatracker.ietf.org/doc/html/rfc7644",
        ["patch"] = new JsonObject { ["supported"] = true },
        ["bulk"] = new JsonObject { ["supported"] = false, ["maxOperations"] = 0, ["maxPayloadSize"] = 0 },
        ["filter"] = new JsonObject { ["supported"] = true, ["maxResults"] = ScimUsers.MaxPageSize },
        ["changePassword"] = new JsonObject { ["supported"] = false },
        ["sort"] = new JsonObject { ["supported"] = false },
        ["etag"] = new JsonObject { ["supported"] = false },
        ["authenticationSchemes"] = new JsonArray(new JsonObject
        {
            ["type"] = "oauthbearertoken",
            ["name"] = "Bearer token",
            ["description"] = "A SCIM token made by an admin on the Provisioning (SCIM) page, sent as Authorization: Bearer …",
            ["primary"] = true,
        }),
        ["meta"] = new JsonObject { ["resourceType"] = "ServiceProviderConfig", ["location"] = $"{baseUrl}/ServiceProviderConfig" },
    };

    public static JsonObject UserResourceType(string baseUrl) => new()
    {
        ["schemas"] = new JsonArray(ResourceTypeSchema),
        ["id"] = "User",
        ["name"] = "User",
        ["endpoint"] = "/Users",
        ["description"] = "A person on the roster",
        ["schema"] = ScimUserFields.CoreSchema,
        ["schemaExtensions"] = new JsonArray(new JsonObject { ["schema"] = ScimUserFields.EnterpriseSchema, ["required"] = false }),
        ["meta"] = new JsonObject { ["resourceType"] = "ResourceType", ["location"] = $"{baseUrl}/ResourceTypes/User" },
    };

    public static IReadOnlyList<JsonObject> Schemas(string baseUrl) => [UserSchema(baseUrl), EnterpriseUserSchema(baseUrl)];

    private static JsonObject UserSchema(string baseUrl) => Schema(baseUrl, ScimUserFields.CoreSchema, "User", "A person on the roster",
        Attribute("userName", "string", "The person's e-mail address, unique.", required: true, uniqueness: "server"),
        Attribute("externalId", "string", "The HR system's id; roster imports match on it.", caseExact: true),
        Complex("name", "The person's name.",
            Attribute("formatted", "string", "The whole name."),
            Attribute("givenName", "string", "Given name."),
            Attribute("familyName", "string", "Family name.")),
        Attribute("displayName", "string", "The name shown in the product."),
        Attribute("title", "string", "Job title."),
        Attribute("timezone", "string", "IANA time zone, e.g. Europe/London."),
        Attribute("locale", "string", "Language and region, e.g. en-GB."),
        Attribute("active", "boolean", "Whether the person is active; inactive people leave matching and rounds."),
        Complex("emails", "The person's one e-mail address (the same as userName).", multiValued: true,
            Attribute("value", "string", "The address."),
            Attribute("type", "string", "work."),
            Attribute("primary", "boolean", "Always true.")));

    private static JsonObject EnterpriseUserSchema(string baseUrl) => Schema(baseUrl, ScimUserFields.EnterpriseSchema, "EnterpriseUser", "Enterprise user",
        Attribute("employeeNumber", "string", "The employee number; keys a new person when no externalId is sent."),
        Attribute("department", "string", "Department."),
        Complex("manager", "The person's manager.",
            Attribute("value", "string", "The manager's SCIM id (or their externalId)."),
            Attribute("$ref", "reference", "The manager's resource.", mutability: "readOnly"),
            Attribute("displayName", "string", "The manager's name.", mutability: "readOnly")));

    private static JsonObject Schema(string baseUrl, string id, string name, string description, params JsonObject[] attributes) => new()
    {
        ["schemas"] = new JsonArray(SchemaSchema),
        ["id"] = id,
        ["name"] = name,
        ["description"] = description,
        ["attributes"] = new JsonArray(attributes),
        ["meta"] = new JsonObject { ["resourceType"] = "Schema", ["location"] = $"{baseUrl}/Schemas/{id}" },
    };

    private static JsonObject Attribute(string name, string type, string description, bool required = false,
        bool caseExact = false, string uniqueness = "none", string mutability = "readWrite") => new()
    {
        ["name"] = name,
        ["type"] = type,
        ["multiValued"] = false,
        ["description"] = description,
        ["required"] = required,
        ["caseExact"] = caseExact,
        ["mutability"] = mutability,
        ["returned"] = "default",
        ["uniqueness"] = uniqueness,
    };

    private static JsonObject Complex(string name, string description, params JsonObject[] subAttributes) =>
        Complex(name, description, multiValued: false, subAttributes);

    private static JsonObject Complex(string name, string description, bool multiValued, params JsonObject[] subAttributes)
    {
        var attribute = Attribute(name, "complex", description);
        attribute["multiValued"] = multiValued;
        attribute["subAttributes"] = new JsonArray(subAttributes);
        return attribute;
    }

    public static JsonObject List(IReadOnlyList<JsonObject> resources, int total, int startIndex) => new()
    {
        ["schemas"] = new JsonArray(ListResponseSchema),
        ["totalResults"] = total,
        ["startIndex"] = startIndex,
        ["itemsPerPage"] = resources.Count,
        ["Resources"] = new JsonArray([.. resources]),
    };
}
