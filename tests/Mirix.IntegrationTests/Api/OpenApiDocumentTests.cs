using System.Text.Json;
using System.Text.Json.Nodes;
using Mirix.IntegrationTests.Infrastructure;

namespace Mirix.IntegrationTests.Api;

/// <summary>
/// The OpenAPI document a client generator reads: credentials, a description on every parameter, enums, and the
/// committed copy in <c>docs/openapi/v1.json</c> kept current (run with <c>MIRIX_UPDATE_OPENAPI=1</c> to rewrite it).
/// </summary>
public sealed class OpenApiDocumentTests(SqliteApiFactory api) : IClassFixture<SqliteApiFactory>
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    private async Task<JsonObject> DocumentAsync()
    {
        using var http = api.CreateClient();
        var document = (await http.GetJsonAsync("/openapi/v1.json"))!.AsObject();
        document.Remove("servers"); // the host's own address, not part of the contract
        return document;
    }

    [Fact]
    public async Task Every_parameter_is_described_every_secured_route_names_its_credentials_and_probes_are_listed()
    {
        var document = await DocumentAsync();
        var operations = document["paths"]!.AsObject()
            .SelectMany(p => p.Value!.AsObject().Where(m => m.Value is JsonObject o && o.ContainsKey("responses")).Select(m => (Path: p.Key, Operation: m.Value!.AsObject())))
            .ToList();

        Assert.True(operations.Count > 80, $"{operations.Count} operations");
        var undescribed = operations.SelectMany(o => (o.Operation["parameters"] as JsonArray ?? []).Where(p => string.IsNullOrWhiteSpace((string?)p!["description"]))
            .Select(p => $"{o.Path} {p!["name"]}")).ToList();
        Assert.Empty(undescribed);
        Assert.Equal(["ApiKey", "Bearer"], document["components"]!["securitySchemes"]!.AsObject().Select(s => s.Key));
        var search = operations.Single(o => o.Path == "/memory/search").Operation;
        Assert.Equal(2, search["security"]!.AsArray().Count);
        Assert.Contains("hybrid", search["parameters"]!.AsArray().Single(p => (string?)p!["name"] == "search_method")!["schema"]!["enum"]!.AsArray().Select(v => (string?)v));
        Assert.True(search["responses"]!.AsObject().ContainsKey("401"));
        Assert.Null(operations.Single(o => o.Path == "/admin/auth/login").Operation["security"]);
        Assert.NotNull(document["paths"]!["/health"]!["get"]);
        Assert.NotNull(document["paths"]!["/alive"]!["get"]);
    }

    [Fact]
    public async Task The_committed_document_is_current()
    {
        var live = (await DocumentAsync()).ToJsonString(Indented) + "\n";
        var path = RepositoryFiles.Path("docs", "openapi", "v1.json");
        if (Environment.GetEnvironmentVariable("MIRIX_UPDATE_OPENAPI") == "1")
        {
            await File.WriteAllTextAsync(path, live);
        }

        Assert.True(File.Exists(path), "docs/openapi/v1.json is missing: run the tests with MIRIX_UPDATE_OPENAPI=1");
        Assert.True(live == await File.ReadAllTextAsync(path),
            "docs/openapi/v1.json is stale: run `MIRIX_UPDATE_OPENAPI=1 dotnet test tests/Mirix.IntegrationTests --filter OpenApiDocument` and commit it");
    }
}
