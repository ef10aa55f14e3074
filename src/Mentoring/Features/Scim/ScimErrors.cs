using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Mentoring.Features.Scim;

/// <summary>The SCIM wire format: its media type, schema URNs and error answers (RFC 7644 §3.12).</summary>
public static class ScimErrors
{
    public const string MediaType = "application/scim+json";
    public const string ErrorSchema = "urn:ietf:params:scim:api:messages:2.0:Error";

    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = false };

    public static JsonObject Body(int status, string? scimType, string detail)
    {
        var body = new JsonObject
        {
            ["schemas"] = new JsonArray(ErrorSchema),
            // SCIM sends the status as a string.
            ["status"] = status.ToString(CultureInfo.InvariantCulture),
        };
        if (scimType is not null)
        {
            body["scimType"] = scimType;
        }
        body["detail"] = detail;
        return body;
    }

    public static IResult Result(int status, string? scimType, string detail) => Scim(Body(status, scimType, detail), status);

    public static IResult NotFound(string id) =>
        Result(StatusCodes.Status404NotFound, null, $"No user has id \"{id}\".");

    public static IResult Invalid(string scimType, string detail) => Result(StatusCodes.Status400BadRequest, scimType, detail);

    public static IResult Scim(JsonNode body, int status = StatusCodes.Status200OK) =>
        Results.Text(body.ToJsonString(Json), MediaType, System.Text.Encoding.UTF8, status);

    public static Task Write(HttpContext context, int status, string? scimType, string detail)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = MediaType;
        return context.Response.WriteAsync(Body(status, scimType, detail).ToJsonString(Json), context.RequestAborted);
    }
}

/// <summary>A SCIM error raised while reading or applying a request; the endpoint answers it.</summary>
public sealed class ScimException(int status, string? scimType, string detail) : Exception(detail)
{
    public int Status { get; } = status;

    public string? ScimType { get; } = scimType;

    public static ScimException Invalid(string scimType, string detail) => new(StatusCodes.Status400BadRequest, scimType, detail);
}
