using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Mentoring.Domain;
using Mentoring.Features.People;
using Mentoring.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Mentoring.Tests.Scim;

/// <summary>SCIM 2.0 provisioning through the real HTTP pipeline, as an identity provider calls it, on each store.</summary>
public abstract class ScimTests<TFixture>(TFixture app) : IClassFixture<TFixture> where TFixture : AppFixture
{
    private const string Enterprise = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
    private const string ScimMedia = "application/scim+json";

    private async Task<(int Id, string Secret)> CreateTokenAsync(string name = "Okta")
    {
        using var admin = app.As(Roles.Admin);
        var response = await admin.PostJsonAsync("/api/scim/tokens", new { name });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        return ((int)body["id"]!, (string)body["secret"]!);
    }

    private async Task<HttpClient> ScimClientAsync()
    {
        var (_, secret) = await CreateTokenAsync();
        return ScimClient(secret);
    }

    private HttpClient ScimClient(string secret)
    {
        var client = app.Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        return client;
    }

    private static StringContent Scim(string json) => new(json, Encoding.UTF8, ScimMedia);

    private static StringContent Scim(JsonNode json) => Scim(json.ToJsonString());

    private static async Task<JsonObject> ReadScim(HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"expected {(int)expected}, got {(int)response.StatusCode}: {text}");
        Assert.Equal(ScimMedia, response.Content.Headers.ContentType?.MediaType);
        return JsonNode.Parse(text)!.AsObject();
    }

    private static async Task AssertScimError(HttpResponseMessage response, HttpStatusCode status, string? scimType)
    {
        var body = await ReadScim(response, status);
        Assert.Equal("urn:ietf:params:scim:api:messages:2.0:Error", (string?)body["schemas"]![0]);
        Assert.Equal(((int)status).ToString(System.Globalization.CultureInfo.InvariantCulture), (string?)body["status"]);
        Assert.Equal(scimType, (string?)body["scimType"]);
        Assert.False(string.IsNullOrWhiteSpace((string?)body["detail"]));
    }

    private static JsonObject NewUser(string userName, string? externalId, string given = "Ada", string family = "Lovelace") => new()
    {
        ["schemas"] = new JsonArray("urn:ietf:params:scim:schemas:core:2.0:User", Enterprise),
        ["userName"] = userName,
        ["externalId"] = externalId,
        ["name"] = new JsonObject { ["givenName"] = given, ["familyName"] = family },
        ["emails"] = new JsonArray(new JsonObject { ["value"] = userName, ["type"] = "work", ["primary"] = true }),
        ["title"] = "Analyst",
        ["timezone"] = "Europe/London",
        ["locale"] = "en-GB",
        ["active"] = true,
        [Enterprise] = new JsonObject { ["department"] = "Research", ["employeeNumber"] = "E-" + externalId },
    };

    private async Task<JsonObject> CreateUserAsync(HttpClient scim, string userName, string? externalId)
    {
        var response = await scim.PostAsync("/scim/v2/Users", Scim(NewUser(userName, externalId)));
        return await ReadScim(response, HttpStatusCode.Created);
    }

    private async Task<PersonDto> PersonAsync(string id)
    {
        using var admin = app.As(Roles.Admin);
        return await (await admin.GetAsync($"/api/people/{id}")).ReadAsync<PersonDto>();
    }

    private static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 13)];

    [Fact]
    public async Task Create_answers_201_with_id_location_and_meta_and_the_person_has_the_fields()
    {
        using var scim = await ScimClientAsync();
        var externalId = Unique("okta");
        var response = await scim.PostAsync("/scim/v2/Users", Scim(NewUser($"{externalId}@example.com", externalId)));
        var user = await ReadScim(response, HttpStatusCode.Created);

        var id = (string)user["id"]!;
        Assert.Equal($"{app.BaseAddress.ToString().TrimEnd('/')}/scim/v2/Users/{id}", response.Headers.Location?.ToString());
        Assert.Equal("User", (string?)user["meta"]!["resourceType"]);
        Assert.Equal(response.Headers.Location?.ToString(), (string?)user["meta"]!["location"]);
        Assert.Equal(externalId, (string?)user["externalId"]);
        Assert.True((bool)user["active"]!);

        var person = await PersonAsync(id);
        Assert.Equal(externalId, person.ExternalId);
        Assert.Equal("Ada Lovelace", person.Name);
        Assert.Equal($"{externalId}@example.com", person.Email);
        Assert.Equal("Research", person.Department);
        Assert.Equal("Analyst", person.JobTitle);
        Assert.Equal("Europe/London", person.TimeZone);
        Assert.Equal("en-GB", person.Attributes["Locale"]);
        Assert.Equal("E-" + externalId, person.Attributes["ScimEmployeeNumber"]);
        Assert.True(person.Active);

        var got = await ReadScim(await scim.GetAsync($"/scim/v2/Users/{id}"), HttpStatusCode.OK);
        Assert.Equal($"{externalId}@example.com", (string?)got["userName"]);
        Assert.Equal("Ada", (string?)got["name"]!["givenName"]);
        Assert.Equal("Lovelace", (string?)got["name"]!["familyName"]);
        Assert.Equal("Research", (string?)got[Enterprise]!["department"]);
        Assert.Equal("en-GB", (string?)got["locale"]);
    }

    [Fact]
    public async Task Okta_without_externalId_keys_the_person_on_the_employee_number()
    {
        using var scim = await ScimClientAsync();
        var number = Unique("emp");
        var body = NewUser($"{number}@example.com", null);
        body.Remove("externalId");
        body[Enterprise]!["employeeNumber"] = number;
        var user = await ReadScim(await scim.PostAsync("/scim/v2/Users", Scim(body)), HttpStatusCode.Created);
        Assert.Equal(number, (await PersonAsync((string)user["id"]!)).ExternalId);
    }

    [Fact]
    public async Task Filter_by_userName_ignores_case_and_by_externalId_finds_one_and_unknown_finds_none()
    {
        using var scim = await ScimClientAsync();
        var externalId = Unique("flt");
        var created = await CreateUserAsync(scim, $"{externalId}@Example.com", externalId);

        var byName = await ReadScim(await scim.GetAsync(
            "/scim/v2/Users?filter=" + Uri.EscapeDataString($"userName eq \"{externalId.ToUpperInvariant()}@EXAMPLE.COM\"")), HttpStatusCode.OK);
        Assert.Equal("urn:ietf:params:scim:api:messages:2.0:ListResponse", (string?)byName["schemas"]![0]);
        Assert.Equal(1, (int)byName["totalResults"]!);
        Assert.Equal((string?)created["id"], (string?)byName["Resources"]![0]!["id"]);

        var byExternalId = await ReadScim(await scim.GetAsync(
            "/scim/v2/Users?filter=" + Uri.EscapeDataString($"externalId eq \"{externalId}\"")), HttpStatusCode.OK);
        Assert.Equal(1, (int)byExternalId["totalResults"]!);
        Assert.Equal((string?)created["id"], (string?)byExternalId["Resources"]![0]!["id"]);

        // What Entra sends to test the connection: a user who does not exist, answered with an empty list.
        var none = await ReadScim(await scim.GetAsync(
            "/scim/v2/Users?filter=" + Uri.EscapeDataString($"userName eq \"{Guid.NewGuid()}\"")), HttpStatusCode.OK);
        Assert.Equal(0, (int)none["totalResults"]!);
        Assert.Empty(none["Resources"]!.AsArray());
    }

    [Fact]
    public async Task Paging_follows_startIndex_and_count_over_the_whole_roster()
    {
        using var scim = await ScimClientAsync();
        int total;
        await using (var db = app.OpenContext())
        {
            total = await db.People.CountAsync();
        }
        var first = await ReadScim(await scim.GetAsync("/scim/v2/Users?startIndex=1&count=3"), HttpStatusCode.OK);
        Assert.Equal(total, (int)first["totalResults"]!);
        Assert.Equal(1, (int)first["startIndex"]!);
        Assert.Equal(3, (int)first["itemsPerPage"]!);
        Assert.Equal(3, first["Resources"]!.AsArray().Count);

        var second = await ReadScim(await scim.GetAsync("/scim/v2/Users?startIndex=3&count=2"), HttpStatusCode.OK);
        Assert.Equal(3, (int)second["startIndex"]!);
        Assert.Equal((string?)first["Resources"]![2]!["id"], (string?)second["Resources"]![0]!["id"]);

        var countOnly = await ReadScim(await scim.GetAsync("/scim/v2/Users?count=0"), HttpStatusCode.OK);
        Assert.Equal(total, (int)countOnly["totalResults"]!);
        Assert.Equal(0, (int)countOnly["itemsPerPage"]!);

        var past = await ReadScim(await scim.GetAsync($"/scim/v2/Users?startIndex={total + 1}&count=10"), HttpStatusCode.OK);
        Assert.Equal(0, (int)past["itemsPerPage"]!);
    }

    [Fact]
    public async Task Put_replaces_the_attributes_it_sends()
    {
        using var scim = await ScimClientAsync();
        var externalId = Unique("put");
        var id = (string)(await CreateUserAsync(scim, $"{externalId}@example.com", externalId))["id"]!;

        var body = NewUser($"{externalId}@example.com", externalId, "Grace", "Hopper");
        body["displayName"] = "Rear Admiral Grace Hopper";
        body["title"] = "Engineer";
        body[Enterprise]!["department"] = "Navy";
        var replaced = await ReadScim(await scim.PutAsync($"/scim/v2/Users/{id}", Scim(body)), HttpStatusCode.OK);
        Assert.Equal("Rear Admiral Grace Hopper", (string?)replaced["displayName"]);

        var person = await PersonAsync(id);
        Assert.Equal("Rear Admiral Grace Hopper", person.Name);
        Assert.Equal("Engineer", person.JobTitle);
        Assert.Equal("Navy", person.Department);
    }

    [Fact]
    public async Task Patch_active_false_deactivates_the_person_and_Entras_form_brings_them_back()
    {
        using var scim = await ScimClientAsync();
        var externalId = Unique("pat");
        var id = (string)(await CreateUserAsync(scim, $"{externalId}@example.com", externalId))["id"]!;

        var off = await scim.PatchAsync($"/scim/v2/Users/{id}", Scim("""
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
             "Operations":[{"op":"replace","path":"active","value":false}]}
            """));
        Assert.False((bool)(await ReadScim(off, HttpStatusCode.OK))["active"]!);
        Assert.False((await PersonAsync(id)).Active);

        // Microsoft Entra: capitalised op, no path, the value an object, booleans as strings.
        var on = await scim.PatchAsync($"/scim/v2/Users/{id}", Scim("""
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
             "Operations":[{"op":"Replace","value":{"active":"True","title":"Lead analyst"}}]}
            """));
        Assert.True((bool)(await ReadScim(on, HttpStatusCode.OK))["active"]!);
        var person = await PersonAsync(id);
        Assert.True(person.Active);
        Assert.Equal("Lead analyst", person.JobTitle);
    }

    [Fact]
    public async Task Patch_by_paths_changes_name_email_department_and_manager()
    {
        using var scim = await ScimClientAsync();
        var managerExternalId = Unique("mgr");
        var managerId = (string)(await CreateUserAsync(scim, $"{managerExternalId}@example.com", managerExternalId))["id"]!;
        var externalId = Unique("pth");
        var id = (string)(await CreateUserAsync(scim, $"{externalId}@example.com", externalId))["id"]!;

        var patch = new JsonObject
        {
            ["schemas"] = new JsonArray("urn:ietf:params:scim:api:messages:2.0:PatchOp"),
            ["Operations"] = new JsonArray(
                new JsonObject { ["op"] = "replace", ["path"] = "name.givenName", ["value"] = "Augusta Ada" },
                new JsonObject { ["op"] = "replace", ["path"] = "emails[type eq \"work\"].value", ["value"] = $"new.{externalId}@example.com" },
                new JsonObject { ["op"] = "replace", ["path"] = $"{Enterprise}:department", ["value"] = "Mathematics" },
                // The manager by their HR id, as Okta sends it.
                new JsonObject { ["op"] = "add", ["path"] = $"{Enterprise}:manager", ["value"] = new JsonObject { ["value"] = managerExternalId } }),
        };
        var patched = await ReadScim(await scim.PatchAsync($"/scim/v2/Users/{id}", Scim(patch)), HttpStatusCode.OK);
        Assert.Equal(managerId, (string?)patched[Enterprise]!["manager"]!["value"]);

        var person = await PersonAsync(id);
        Assert.Equal("Augusta Ada Lovelace", person.Name);
        Assert.Equal($"new.{externalId}@example.com", person.Email);
        Assert.Equal("Mathematics", person.Department);
        Assert.Equal(int.Parse(managerId, System.Globalization.CultureInfo.InvariantCulture), person.ManagerId);

        var removed = await scim.PatchAsync($"/scim/v2/Users/{id}", Scim($$"""
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
             "Operations":[{"op":"remove","path":"{{Enterprise}}:manager"}]}
            """));
        await ReadScim(removed, HttpStatusCode.OK);
        Assert.Null((await PersonAsync(id)).ManagerId);
    }

    [Fact]
    public async Task Delete_answers_204_and_leaves_an_inactive_person()
    {
        using var scim = await ScimClientAsync();
        var externalId = Unique("del");
        var id = (string)(await CreateUserAsync(scim, $"{externalId}@example.com", externalId))["id"]!;

        var deleted = await scim.DeleteAsync($"/scim/v2/Users/{id}");
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.False((await PersonAsync(id)).Active);
        Assert.False((bool)(await ReadScim(await scim.GetAsync($"/scim/v2/Users/{id}"), HttpStatusCode.OK))["active"]!);
    }

    [Fact]
    public async Task Errors_come_in_the_SCIM_format()
    {
        using (var anonymous = app.Anonymous())
        {
            await AssertScimError(await anonymous.GetAsync("/scim/v2/Users"), HttpStatusCode.Unauthorized, null);
        }
        // A personal API token, even an admin's, does not open SCIM.
        using (var admin = app.As(Roles.Admin))
        {
            await AssertScimError(await admin.GetAsync("/scim/v2/Users"), HttpStatusCode.Unauthorized, null);
        }

        using var scim = await ScimClientAsync();
        await AssertScimError(await scim.GetAsync("/scim/v2/Users/999999"), HttpStatusCode.NotFound, null);
        await AssertScimError(await scim.GetAsync("/scim/v2/Users/not-a-number"), HttpStatusCode.NotFound, null);
        await AssertScimError(await scim.DeleteAsync("/scim/v2/Users/999999"), HttpStatusCode.NotFound, null);
        await AssertScimError(await scim.GetAsync("/scim/v2/Groups"), HttpStatusCode.NotFound, null);

        var externalId = Unique("dup");
        await CreateUserAsync(scim, $"{externalId}@example.com", externalId);
        await AssertScimError(await scim.PostAsync("/scim/v2/Users", Scim(NewUser($"{externalId.ToUpperInvariant()}@example.com", Unique("oth")))),
            HttpStatusCode.Conflict, "uniqueness");
        await AssertScimError(await scim.PostAsync("/scim/v2/Users", Scim(NewUser($"other.{externalId}@example.com", externalId))),
            HttpStatusCode.Conflict, "uniqueness");

        var badZone = NewUser($"zone.{externalId}@example.com", Unique("zon"));
        badZone["timezone"] = "Mars/Olympus";
        await AssertScimError(await scim.PostAsync("/scim/v2/Users", Scim(badZone)), HttpStatusCode.BadRequest, "invalidValue");
        var noUserName = NewUser("x@example.com", Unique("non"));
        noUserName.Remove("userName");
        await AssertScimError(await scim.PostAsync("/scim/v2/Users", Scim(noUserName)), HttpStatusCode.BadRequest, "invalidValue");
        await AssertScimError(await scim.PostAsync("/scim/v2/Users", Scim("{\"userName\": ")), HttpStatusCode.BadRequest, "invalidSyntax");
        await AssertScimError(await scim.GetAsync("/scim/v2/Users?filter=" + Uri.EscapeDataString("title co \"x\"")),
            HttpStatusCode.BadRequest, "invalidFilter");
        await AssertScimError(await scim.GetAsync("/scim/v2/Users?startIndex=first"), HttpStatusCode.BadRequest, "invalidValue");

        var person = (await ReadScim(await scim.GetAsync("/scim/v2/Users?count=1"), HttpStatusCode.OK))["Resources"]![0]!;
        await AssertScimError(await scim.PatchAsync($"/scim/v2/Users/{person["id"]}", Scim("""
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"replace","path":"active","value":"maybe"}]}
            """)), HttpStatusCode.BadRequest, "invalidValue");
        await AssertScimError(await scim.PatchAsync($"/scim/v2/Users/{person["id"]}", Scim("""
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"move","path":"active","value":true}]}
            """)), HttpStatusCode.BadRequest, "invalidSyntax");
    }

    [Fact]
    public async Task Plain_json_requests_are_accepted_too()
    {
        using var scim = await ScimClientAsync();
        var externalId = Unique("jsn");
        var response = await scim.PostAsync("/scim/v2/Users",
            new StringContent(NewUser($"{externalId}@example.com", externalId).ToJsonString(), Encoding.UTF8, "application/json"));
        await ReadScim(response, HttpStatusCode.Created);
    }

    [Fact]
    public async Task Discovery_describes_what_the_service_supports()
    {
        using var scim = await ScimClientAsync();
        var config = await ReadScim(await scim.GetAsync("/scim/v2/ServiceProviderConfig"), HttpStatusCode.OK);
        Assert.True((bool)config["patch"]!["supported"]!);
        Assert.True((bool)config["filter"]!["supported"]!);
        Assert.False((bool)config["bulk"]!["supported"]!);
        Assert.Equal("oauthbearertoken", (string?)config["authenticationSchemes"]![0]!["type"]);

        var types = await ReadScim(await scim.GetAsync("/scim/v2/ResourceTypes"), HttpStatusCode.OK);
        var user = types["Resources"]!.AsArray().Single()!;
        Assert.Equal("/Users", (string?)user["endpoint"]);
        Assert.Equal(Enterprise, (string?)user["schemaExtensions"]![0]!["schema"]);
        await ReadScim(await scim.GetAsync("/scim/v2/ResourceTypes/User"), HttpStatusCode.OK);

        var schemas = await ReadScim(await scim.GetAsync("/scim/v2/Schemas"), HttpStatusCode.OK);
        var ids = schemas["Resources"]!.AsArray().Select(s => (string?)s!["id"]).ToList();
        Assert.Contains("urn:ietf:params:scim:schemas:core:2.0:User", ids);
        Assert.Contains(Enterprise, ids);
        var core = await ReadScim(await scim.GetAsync("/scim/v2/Schemas/urn:ietf:params:scim:schemas:core:2.0:User"), HttpStatusCode.OK);
        Assert.Contains(core["attributes"]!.AsArray(), a => (string?)a!["name"] == "userName" && (bool)a["required"]!);
    }

    [Fact]
    public async Task A_revoked_token_stops_at_once_and_a_SCIM_token_opens_nothing_else()
    {
        var (tokenId, secret) = await CreateTokenAsync("Entra");
        using var scim = ScimClient(secret);
        Assert.Equal(HttpStatusCode.OK, (await scim.GetAsync("/scim/v2/Users?count=1")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await scim.GetAsync("/api/people")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await scim.GetAsync("/api/me")).StatusCode);

        using var admin = app.As(Roles.Admin);
        var list = await admin.GetAsync("/api/scim/tokens");
        var listed = await list.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.Contains("\"Entra\"", listed, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, listed, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/scim/tokens/{tokenId}")).StatusCode);
        await AssertScimError(await scim.GetAsync("/scim/v2/Users?count=1"), HttpStatusCode.Unauthorized, null);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.DeleteAsync("/api/scim/tokens/999999")).StatusCode);
    }

    [Fact]
    public async Task Token_names_are_checked_like_the_rest_of_the_api()
    {
        using var admin = app.As(Roles.Admin);
        var response = await admin.PostJsonAsync("/api/scim/tokens", new { name = "" });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.NotNull(problem["errors"]!.AsObject().FirstOrDefault(e => e.Key.Equals("name", StringComparison.OrdinalIgnoreCase)).Value);
    }

    [Fact]
    public async Task A_person_imported_from_CSV_is_found_by_externalId_and_updated_by_SCIM_in_place()
    {
        var externalId = Unique("csv");
        using var admin = app.As(Roles.Admin);
        var csv = $"EmployeeNumber,Name,Email,Department,JobLevel\n{externalId},Mary Jackson,{externalId}@example.com,Engineering,2\n";
        var import = await admin.PostAsync("/api/people/import", new StringContent(csv, Encoding.UTF8, "text/csv"));
        Assert.True(import.IsSuccessStatusCode, await import.Content.ReadAsStringAsync());
        int personId;
        await using (var db = app.OpenContext())
        {
            personId = await db.People.Where(p => p.ExternalId == externalId).Select(p => p.Id).SingleAsync();
        }

        using var scim = await ScimClientAsync();
        var found = await ReadScim(await scim.GetAsync(
            "/scim/v2/Users?filter=" + Uri.EscapeDataString($"externalId eq \"{externalId}\"")), HttpStatusCode.OK);
        Assert.Equal(1, (int)found["totalResults"]!);
        var user = found["Resources"]![0]!;
        Assert.Equal(personId.ToString(System.Globalization.CultureInfo.InvariantCulture), (string?)user["id"]);
        Assert.Equal($"{externalId}@example.com", (string?)user["userName"]);
        Assert.Equal("Engineering", (string?)user[Enterprise]!["department"]);

        var patched = await scim.PatchAsync($"/scim/v2/Users/{personId}", Scim($$$"""
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
             "Operations":[{"op":"replace","value":{"{{{Enterprise}}}:department":"Aeronautics","title":"Engineer"}}]}
            """));
        await ReadScim(patched, HttpStatusCode.OK);

        var person = await PersonAsync(personId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("Aeronautics", person.Department);
        Assert.Equal("Engineer", person.JobTitle);
        // What SCIM does not speak of stays as the import left it.
        Assert.Equal("Mary Jackson", person.Name);
        Assert.Equal(2, person.Level);
        await using (var db = app.OpenContext())
        {
            Assert.Equal(1, await db.People.CountAsync(p => p.ExternalId == externalId));
        }
    }

    [Fact]
    public async Task A_roster_with_a_shared_e_mail_can_still_be_deactivated_but_userName_cannot_be_removed()
    {
        var first = Unique("shr");
        var second = Unique("shr");
        using var admin = app.As(Roles.Admin);
        var csv = $"EmployeeNumber,Name,Email\n{first},Pat One,{first}@shared.example\n{second},Pat Two,{first}@shared.example\n";
        var import = await admin.PostAsync("/api/people/import", new StringContent(csv, Encoding.UTF8, "text/csv"));
        Assert.True(import.IsSuccessStatusCode, await import.Content.ReadAsStringAsync());

        using var scim = await ScimClientAsync();
        var user = (await ReadScim(await scim.GetAsync(
            "/scim/v2/Users?filter=" + Uri.EscapeDataString($"externalId eq \"{second}\"")), HttpStatusCode.OK))["Resources"]![0]!;
        var id = (string)user["id"]!;
        await ReadScim(await scim.PatchAsync($"/scim/v2/Users/{id}", Scim("""
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"replace","path":"active","value":false}]}
            """)), HttpStatusCode.OK);
        Assert.False((await PersonAsync(id)).Active);

        await AssertScimError(await scim.PatchAsync($"/scim/v2/Users/{id}", Scim("""
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"remove","path":"userName"}]}
            """)), HttpStatusCode.BadRequest, "invalidValue");
        Assert.Equal($"{first}@shared.example", (await PersonAsync(id)).Email);
    }

    [Fact]
    public async Task The_provisioning_page_shows_the_base_url_and_makes_a_token_that_works_and_revokes_it()
    {
        using var admin = app.As(Roles.Admin);
        var page = await admin.GetStringAsync("/People/Provisioning");
        Assert.Contains($"value=\"{app.BaseAddress.ToString().TrimEnd('/')}/scim/v2\"", page, StringComparison.Ordinal);

        var name = Unique("page");
        var created = await admin.PostAsync("/People/Provisioning?handler=Create", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Name"] = name,
            ["__RequestVerificationToken"] = AntiforgeryToken(page),
        }));
        var answer = await created.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        var secret = System.Text.RegularExpressions.Regex.Match(answer, "id=\"secret\" type=\"text\" value=\"(scim_[^\"]+)\"").Groups[1].Value;
        Assert.NotEmpty(secret);
        using var scim = ScimClient(secret);
        Assert.Equal(HttpStatusCode.OK, (await scim.GetAsync("/scim/v2/ServiceProviderConfig")).StatusCode);

        // The secret is shown once: the page does not show it again.
        page = await admin.GetStringAsync("/People/Provisioning");
        Assert.DoesNotContain(secret, page, StringComparison.Ordinal);
        int tokenId;
        await using (var db = app.OpenContext())
        {
            tokenId = await db.Set<ScimToken>().Where(t => t.Name == name).Select(t => t.Id).SingleAsync();
        }
        var revoked = await admin.PostAsync($"/People/Provisioning?handler=Revoke&id={tokenId}", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = AntiforgeryToken(page),
        }));
        Assert.Contains("is revoked", await revoked.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, (await scim.GetAsync("/scim/v2/ServiceProviderConfig")).StatusCode);
    }

    private static string AntiforgeryToken(string page) =>
        System.Text.RegularExpressions.Regex.Match(page, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
}

public sealed class SqliteScimTests(SqliteAppFixture app) : ScimTests<SqliteAppFixture>(app);

public sealed class PostgresScimTests(PostgresAppFixture app) : ScimTests<PostgresAppFixture>(app);
