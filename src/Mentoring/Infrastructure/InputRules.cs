using System.Collections;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Mentoring.Domain;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Routing;

namespace Mentoring.Infrastructure;

/// <summary>
/// Bad input gets a 400 (or 413, 415) ProblemDetails naming the field, never a 500: JSON that puts
/// null where the contract has a value, a NUL anywhere, a body in an unknown charset, a broken form,
/// an over-long or control-character value that <see cref="FieldRules"/> refuses on the way to the store.
/// </summary>
public static class InputRules
{
    public static IServiceCollection AddInputRules(this IServiceCollection services)
    {
        services.Configure<JsonOptions>(options => Apply(options.SerializerOptions));
        // Binding failures are thrown (not just logged as a bare 400) so that the answer can name the field.
        services.PostConfigure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        return services;
    }

    /// <summary>Null is refused where the contract's type is not nullable, in lists too, and no string may hold a NUL.</summary>
    public static void Apply(JsonSerializerOptions options)
    {
        options.RespectNullableAnnotations = true;
        // A record's parameter without a default is required: leaving it out is a 400, not year 1.
        options.RespectRequiredConstructorParameters = true;
        options.Converters.Add(new NoNulStringConverter());
        options.Converters.Add(new NoNullItemsConverterFactory());
        // Only what callers send is held to the annotations; answers are written as they are.
        var resolver = options.TypeInfoResolver ?? new DefaultJsonTypeInfoResolver();
        options.TypeInfoResolver = resolver.WithAddedModifier(info =>
        {
            if (info.Kind != JsonTypeInfoKind.Object)
            {
                return;
            }
            foreach (var property in info.Properties)
            {
                if (property.Get is not null && !property.PropertyType.IsValueType)
                {
                    property.IsGetNullable = true;
                }
            }
        });
    }

    public static IApplicationBuilder UseInputRules(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (Refuse(context.Request) is { } refusal)
        {
            await WriteAsync(context, refusal.Status, refusal.Field, refusal.Message);
            return;
        }
        try
        {
            await next(context);
        }
        catch (BadHttpRequestException e) when (!context.Response.HasStarted)
        {
            var (field, message) = Describe(e);
            await WriteAsync(context, e.StatusCode, field, message);
        }
        catch (FieldRuleException e) when (!context.Response.HasStarted)
        {
            await WriteAsync(context, StatusCodes.Status400BadRequest, e.Field, e.Reason);
        }
        catch (InvalidDataException e) when (!context.Response.HasStarted && context.Request.HasFormContentType)
        {
            // A multipart body without a boundary, or cut short.
            await WriteAsync(context, StatusCodes.Status400BadRequest, "body", FirstLine(e.Message));
        }
        catch (IOException e) when (!context.Response.HasStarted && context.Request.HasFormContentType && !context.RequestAborted.IsCancellationRequested)
        {
            await WriteAsync(context, StatusCodes.Status400BadRequest, "body", FirstLine(e.Message));
        }
    });

    private sealed record Refusal(int Status, string Field, string Message);

    private static Refusal? Refuse(HttpRequest request)
    {
        if (request.Path.Value?.Contains('\0', StringComparison.Ordinal) == true)
        {
            return new(StatusCodes.Status400BadRequest, "path", "the address contains a NUL character");
        }
        foreach (var (key, values) in request.Query)
        {
            if (key.Contains('\0', StringComparison.Ordinal) || values.Any(v => v?.Contains('\0', StringComparison.Ordinal) == true))
            {
                return new(StatusCodes.Status400BadRequest, key.Replace("\0", "", StringComparison.Ordinal), "contains a NUL character");
            }
        }
        if (request.ContentType is { } contentType && Microsoft.Net.Http.Headers.MediaTypeHeaderValue.TryParse(contentType, out var media)
            && media.Charset.HasValue && !IsUtf8(media.Charset.Value!))
        {
            return new(StatusCodes.Status415UnsupportedMediaType, "Content-Type", $"the charset \"{media.Charset.Value}\" is not supported; send UTF-8");
        }
        return null;
    }

    private static bool IsUtf8(string charset) =>
        charset.Trim('"').ToLowerInvariant() is "utf-8" or "utf8" or "us-ascii" or "ascii";

    private static (string Field, string Message) Describe(BadHttpRequestException e)
    {
        if (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return ("body", "the request body is too large");
        }
        // BadHttpRequestException is itself an IOException: look at what it wraps.
        for (var inner = e.InnerException; inner is not null; inner = inner.InnerException)
        {
            if (inner is JsonException json)
            {
                var field = FieldOf(json.Path);
                return (field, FirstLine(json.Message));
            }
            if (inner is InvalidDataException or IOException)
            {
                return ("body", FirstLine(inner.Message));
            }
        }
        // "Required parameter "X x" was not provided from ..." and the like name the parameter.
        return ("body", FirstLine(e.Message));
    }

    /// <summary>$.hosts[0].name → hosts[0].name; the whole body when there is no path.</summary>
    private static string FieldOf(string? path) =>
        string.IsNullOrEmpty(path) || path == "$" ? "body" : path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');

    private static string FirstLine(string message) => message.Split('\n')[0].Trim();

    private static async Task WriteAsync(HttpContext context, int status, string field, string message)
    {
        context.Response.Clear();
        context.Response.StatusCode = status;
        if (!context.Request.Path.StartsWithSegments("/api"))
        {
            context.Response.ContentType = "text/plain; charset=utf-8";
            await context.Response.WriteAsync($"{field}: {message}");
            return;
        }
        var problems = context.RequestServices.GetRequiredService<IProblemDetailsService>();
        var details = new HttpValidationProblemDetails(new Dictionary<string, string[]> { [field] = [message] })
        {
            Status = status,
            Title = status switch
            {
                StatusCodes.Status413PayloadTooLarge => "The request is too large.",
                StatusCodes.Status415UnsupportedMediaType => "The request's media type is not supported.",
                _ => "One or more validation errors occurred.",
            },
        };
        await problems.WriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = details });
    }
}

/// <summary>PostgreSQL cannot store a NUL, and no field has a use for one: refused in every JSON string.</summary>
internal sealed class NoNulStringConverter : JsonConverter<string>
{
    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var value = reader.GetString();
        if (value is not null && value.Contains('\0', StringComparison.Ordinal))
        {
            throw new JsonException("The value contains a NUL character.");
        }
        return value;
    }

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);
}

/// <summary>Lists of objects or strings never hold null items (<c>"rooms":[null]</c> is refused, naming the list).</summary>
internal sealed class NoNullItemsConverterFactory : JsonConverterFactory
{
    private static readonly HashSet<Type> ListTypes =
        [typeof(List<>), typeof(IList<>), typeof(IReadOnlyList<>), typeof(IEnumerable<>), typeof(ICollection<>), typeof(IReadOnlyCollection<>), typeof(HashSet<>), typeof(ISet<>)];

    public override bool CanConvert(Type typeToConvert)
    {
        var item = typeToConvert.IsArray ? typeToConvert.GetElementType()
            : typeToConvert.IsGenericType && ListTypes.Contains(typeToConvert.GetGenericTypeDefinition()) ? typeToConvert.GetGenericArguments()[0]
            : null;
        return item is not null && (!item.IsValueType || Nullable.GetUnderlyingType(item) is not null);
    }

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options)
    {
        var inner = new JsonSerializerOptions(options);
        for (var i = inner.Converters.Count - 1; i >= 0; i--)
        {
            if (inner.Converters[i] is NoNullItemsConverterFactory)
            {
                inner.Converters.RemoveAt(i);
            }
        }
        return (JsonConverter)Activator.CreateInstance(typeof(NoNullItemsConverter<>).MakeGenericType(typeToConvert), inner)!;
    }

    private sealed class NoNullItemsConverter<T>(JsonSerializerOptions inner) : JsonConverter<T>
        where T : IEnumerable
    {
        public override T? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            var value = JsonSerializer.Deserialize<T>(ref reader, inner);
            if (value is not null)
            {
                var index = 0;
                foreach (var item in value)
                {
                    if (item is null)
                    {
                        throw new JsonException($"Item {index} of the list is null.");
                    }
                    index++;
                }
            }
            return value;
        }

        public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) =>
            JsonSerializer.Serialize(writer, value, inner);
    }
}
