using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Mentoring.Tests.Notifications;

/// <summary>A request the chat server received.</summary>
public sealed record ChatRequest(string Method, string Path, string Query, string? Authorization, string Body)
{
    public JsonNode? Json => Body.Length == 0 ? null : JsonNode.Parse(Body);
}

/// <summary>
/// A local HTTP server (Kestrel) standing in for Slack's Web API (users.lookupByEmail, users.info,
/// chat.postMessage, answering as Slack documents) and for a Slack incoming webhook and a Teams
/// Workflows webhook; it keeps every request for the test to check.
/// </summary>
public sealed class ChatServer : IAsyncDisposable
{
    private readonly WebApplication app;

    private ChatServer(WebApplication app, Uri address)
    {
        this.app = app;
        Address = address;
    }

    public Uri Address { get; }

    public ConcurrentQueue<ChatRequest> Requests { get; } = new();

    /// <summary>Slack user ids by e-mail.</summary>
    public ConcurrentDictionary<string, string> Users { get; } = new(StringComparer.OrdinalIgnoreCase);

    public string ApiBase => new Uri(Address, "/api").ToString();

    public string SlackWebhook => new Uri(Address, "/slack-webhook").ToString();

    public string TeamsWebhook => new Uri(Address, "/teams-webhook").ToString();

    public static async Task<ChatServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        ChatServer? server = null;
        app.Run(async context =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync();
            var request = new ChatRequest(context.Request.Method, context.Request.Path, context.Request.QueryString.Value ?? "",
                context.Request.Headers.Authorization.ToString(), body);
            server!.Requests.Enqueue(request);
            context.Response.ContentType = "application/json";
            switch (request.Path)
            {
                case "/api/users.lookupByEmail":
                    var email = context.Request.Query["email"].ToString();
                    await context.Response.WriteAsync(server.Users.TryGetValue(email, out var id)
                        ? UserJson(id, email)
                        : """{"ok":false,"error":"users_not_found"}""");
                    break;
                case "/api/users.info":
                    var user = context.Request.Query["user"].ToString();
                    var found = server.Users.FirstOrDefault(u => u.Value == user);
                    await context.Response.WriteAsync(found.Key is null
                        ? """{"ok":false,"error":"user_not_found"}"""
                        : UserJson(user, found.Key));
                    break;
                case "/api/chat.postMessage":
                    await context.Response.WriteAsync("""{"ok":true,"channel":"D1","ts":"1700000000.000100"}""");
                    break;
                case "/slack-webhook":
                    context.Response.ContentType = "text/plain";
                    await context.Response.WriteAsync("ok");
                    break;
                case "/teams-webhook":
                    context.Response.StatusCode = StatusCodes.Status202Accepted;
                    break;
                default:
                    context.Response.StatusCode = StatusCodes.Status404NotFound;
                    break;
            }
        });
        await app.StartAsync();
        var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        server = new ChatServer(app, address);
        return server;
    }

    private static string UserJson(string id, string email) =>
        new JsonObject { ["ok"] = true, ["user"] = new JsonObject { ["id"] = id, ["profile"] = new JsonObject { ["email"] = email } } }.ToJsonString();

    public IReadOnlyList<ChatRequest> To(string path) => Requests.Where(r => r.Path == path).ToList();

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
