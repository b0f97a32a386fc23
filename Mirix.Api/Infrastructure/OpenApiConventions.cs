using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Mirix.Core.Memory;
using Mirix.Core.Retrieval;

namespace Mirix.Api.Infrastructure;

/// <summary>
/// What the generated OpenAPI document needs for a client generator and for Scalar's "try it": the two credentials
/// (X-API-Key and a dashboard Bearer token) on every route that takes them, a description on every parameter, the
/// allowed values of the enumerated ones, the ProblemDetails answers, and the health probes.
/// </summary>
internal static class OpenApiConventions
{
    public const string ApiKeyScheme = "ApiKey";
    public const string BearerScheme = "Bearer";

    /// <summary>Every parameter name the routes use, with what it means (the same name means the same thing everywhere).</summary>
    private static readonly Dictionary<string, string> Descriptions = new(StringComparer.Ordinal)
    {
        ["agentId"] = "An agent of the calling client (agent-…).",
        ["agentName"] = "An agent's full name, or a short one: episodic, semantic, core, procedural, resource, knowledge_vault, meta_memory_agent.",
        ["apiKeyId"] = "An API key's id (as listed, never the key itself).",
        ["blockId"] = "A core memory block's id (block-…).",
        ["block_filter_tags"] = "JSON object: only core blocks whose filter_tags hold every key with the same value.",
        ["clientId"] = "A client application's id.",
        ["client_id"] = "Search as this client of the caller's organization (dashboard accounts of that organization, or operators, only).",
        ["cursor"] = "The id after which the next page starts: the last id of the previous page.",
        ["days_threshold"] = "Raw memories not updated for this many days are deleted (1 to 365).",
        ["end_date"] = "ISO-8601 date-time; only memories that happened at or before it (episodic and raw).",
        ["explain"] = "Add each result's signals (bm25, embedding, fused, neighbour) to its score.",
        ["fail_if_exists"] = "Answer 409 instead of returning a client that already exists.",
        ["filter_tags"] = "JSON object: only memories whose filter_tags hold every key with the same value ({\"$in\": [...]}, {\"$exists\": true} too).",
        ["include_core_memory"] = "Also return the user's core memory blocks.",
        ["include_superseded"] = "Also return memories that were replaced by newer ones (their history).",
        ["label"] = "Only the core memory block with this label (human, persona, …).",
        ["limit"] = "How many items at most.",
        ["memoryId"] = "A memory's id, as returned when it was written or found.",
        ["memory_type"] = "Which memory type: episodic, semantic, procedural, resource, knowledge_vault, raw, core (where a route lists blocks), or all.",
        ["name"] = "The new organization's name.",
        ["operationId"] = "An ingestion operation's id (op-…), as returned by /memory/add.",
        ["orgId"] = "An organization's id (org-…).",
        ["org_id"] = "The caller's own organization, when given; any other is refused.",
        ["parent_id"] = "List the children of this agent instead of the top-level agents.",
        ["query"] = "What to look for, in words.",
        ["search_field"] = "Which field to search; empty for the memory type's default.",
        ["search_method"] = "bm25 (full text), embedding (meaning), hybrid (both, fused), string_match or fuzzy_match.",
        ["similarity_threshold"] = "Embedding search only: the largest cosine distance (0 to 2) a result may have.",
        ["start_date"] = "ISO-8601 date-time; only memories that happened at or after it (episodic and raw).",
        ["status"] = "Only operations in this status: queued, running, succeeded, failed or dead_lettered.",
        ["toolId"] = "A tool's id (tool-<name>) or name.",
        ["topic"] = "Keywords separated by ';'.",
        ["use_cache"] = "Accepted for MIRIX compatibility; results are always fresh.",
        ["userId"] = "An end user's id in the caller's organization.",
        ["user_id"] = "The end user whose memories are meant; empty for the key's bound user, else the client's own admin user.",
    };

    private static readonly Dictionary<string, IReadOnlyList<string>> Enums = new(StringComparer.Ordinal)
    {
        ["memory_type"] = [.. MemoryKinds.All.Keys, "core", "all"],
        ["search_method"] = [.. MemorySearch.Methods],
        ["search_field"] = [.. MemoryKinds.All.Values.SelectMany(k => k.Searchable).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)],
    };

    public static void Configure(OpenApiOptions options)
    {
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "Mirix.NET API";
            document.Info.Description = "Long-term memory for LLM agents, compatible with MIRIX's REST API and Python SDK. " +
                "Authenticate with a client's API key (X-API-Key) or, on dashboard routes, a dashboard token (Bearer).";
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes = new Dictionary<string, IOpenApiSecurityScheme>(StringComparer.Ordinal)
            {
                [ApiKeyScheme] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.ApiKey, In = ParameterLocation.Header, Name = "X-API-Key",
                    Description = "A client's API key (POST /clients/{clientId}/api-keys shows it once).",
                },
                [BearerScheme] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.Http, Scheme = "bearer", BearerFormat = "JWT",
                    Description = "A dashboard token from /admin/auth/register or /admin/auth/login.",
                },
            };
            document.Paths ??= [];
            document.Paths["/health"] = Probe("Health", "Every check (database, embeddings, ingestion, LLM): 200 when healthy, 503 when not.");
            document.Paths["/alive"] = Probe("Alive", "Liveness only: 200 while the process runs.");
            return Task.CompletedTask;
        });
        options.AddOperationTransformer((operation, context, _) =>
        {
            var metadata = context.Description.ActionDescriptor.EndpointMetadata;
            var secured = metadata.OfType<IAuthorizeData>().Any() && !metadata.OfType<IAllowAnonymous>().Any();
            if (secured)
            {
                // Either credential: each scheme is its own requirement.
                operation.Security =
                [
                    new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(ApiKeyScheme, context.Document)] = [] },
                    new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, context.Document)] = [] },
                ];
            }
            foreach (var parameter in (operation.Parameters ?? []).OfType<OpenApiParameter>())
            {
                if (parameter.Description is null && Descriptions.TryGetValue(parameter.Name!, out var description))
                {
                    parameter.Description = description;
                }
                if (Enums.TryGetValue(parameter.Name!, out var values) && parameter.Schema is OpenApiSchema schema)
                {
                    schema.Enum = [.. values.Select(v => (JsonNode)JsonValue.Create(v))];
                }
            }
            operation.Responses ??= [];
            AddProblem(operation, "400", "The body is not JSON, or the request cannot be served as asked; detail says why.");
            AddProblem(operation, "422", "A value breaks the route's rules (missing, wrongly typed, out of range, not an allowed value); detail names the field.");
            if (secured)
            {
                AddProblem(operation, "401", "No credential, or one that is not valid.");
                AddProblem(operation, "403", "The credential may not do this (read-only client, key bound to another user, not an operator).");
            }
            if (context.Description.RelativePath?.Contains('{', StringComparison.Ordinal) == true)
            {
                AddProblem(operation, "404", "Nothing with this id is visible to the caller.");
            }
            return Task.CompletedTask;
        });
    }

    private static void AddProblem(OpenApiOperation operation, string status, string description) =>
        operation.Responses!.TryAdd(status, new OpenApiResponse
        {
            Description = description,
            Content = new Dictionary<string, OpenApiMediaType>(StringComparer.Ordinal)
            {
                ["application/problem+json"] = new() { Schema = new OpenApiSchema { Type = JsonSchemaType.Object } },
            },
        });

    private static OpenApiPathItem Probe(string name, string description) => new()
    {
        Operations = new Dictionary<HttpMethod, OpenApiOperation>
        {
            [HttpMethod.Get] = new()
            {
                OperationId = name,
                Summary = description,
                Tags = new HashSet<OpenApiTagReference> { new("Health") },
                Responses = new OpenApiResponses
                {
                    ["200"] = new OpenApiResponse { Description = "Healthy." },
                    ["503"] = new OpenApiResponse { Description = "Unhealthy: the body names the failing checks." },
                },
            },
        },
    };
}
