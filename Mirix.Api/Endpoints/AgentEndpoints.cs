using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Mirix.Agents.Llm;
using Mirix.Core.Agents;
using Mirix.Core.Domain;
using Mirix.Core.Operations;
using Mirix.Core.Retrieval;
using Mirix.Core.Storage;
using Mirix.Core.Tenancy;

namespace Mirix.Api.Endpoints;

/// <summary>Agents as stored objects: each client sees and changes only the agents it created.</summary>
public static class AgentEndpoints
{
    public static IEndpointRouteBuilder MapAgentEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/agents").WithTags("Agents").RequireAuthorization();
        group.MapPost("/meta/initialize", InitializeMetaAgent).WithName("InitializeMetaAgent")
            .WithSummary("Creates the client's meta memory agent and its memory agents, returns the existing one, or reconciles it (update_agents).");
        group.MapGet("", ListAgents).WithName("ListAgents").WithSummary("Lists the client's top-level agents with their children, or the children of parent_id.");
        group.MapGet("/{agentId}", GetAgent).WithName("GetAgent").WithSummary("Gets one of the client's agents.");
        group.MapPost("", CreateAgent).WithName("CreateAgent")
            .WithSummary("Creates a standalone agent of the client (chat_agent by default); configs not given are the server's models.");
        group.MapPatch("/{agentId}", UpdateAgent).WithName("UpdateAgent")
            .WithSummary("Changes an agent's name, description, system prompt, llm_config, embedding_config or tags.");
        group.MapDelete("/{agentId}", DeleteAgent).WithName("DeleteAgent").WithSummary("Deletes one of the client's agents and its children.");
        group.MapPatch("/{agentId}/system", UpdateSystemPrompt).WithName("UpdateAgentSystemPrompt").WithSummary("Replaces an agent's system prompt.");
        group.MapPatch("/by-name/{agentName}/system", UpdateSystemPromptByName).WithName("UpdateAgentSystemPromptByName")
            .WithSummary("Replaces the system prompt of the agent with this full or short name (episodic, core, meta_memory_agent, …).");
        return app;
    }

    public static async Task<Results<Ok<AgentState>, ContentHttpResult, ProblemHttpResult>> InitializeMetaAgent(
        InitializeMetaAgentRequest request, Caller caller, MetaAgentInitializer initializer, MirixDbContext db, CancellationToken ct)
    {
        var (config, error) = MetaAgentConfigParser.Parse(request.Config);
        if (config is null)
        {
            return Problems.Invalid(error!);
        }
        var meta = await initializer.InitializeAsync(caller, config, request.UpdateAgents ?? false, ct);
        if (meta is null)
        {
            // MIRIX answers a read-only client with JSON null; the SDK turns it into None.
            return TypedResults.Content("null", "application/json");
        }
        var children = await db.Agents.AsNoTracking().Where(a => a.ParentId == meta.Id).ToListAsync(ct);
        return TypedResults.Ok(AgentState.From(meta, children));
    }

    public static async Task<Ok<List<AgentState>>> ListAgents(
        Caller caller, MirixDbContext db, CancellationToken ct, string? parent_id = null, string? cursor = null, int? limit = null)
    {
        var owned = Owned(db, caller);
        var agents = await owned.Where(a => a.ParentId == parent_id).Page(cursor, limit, defaultLimit: 100).ToListAsync(ct);
        var ids = agents.Select(a => a.Id).ToList();
        var children = parent_id is null ? await owned.Where(a => a.ParentId != null && ids.Contains(a.ParentId)).ToListAsync(ct) : [];
        return TypedResults.Ok(agents.ConvertAll(a => AgentState.From(a, parent_id is null ? children.Where(c => c.ParentId == a.Id) : null)));
    }

    public static async Task<Results<Ok<AgentState>, ProblemHttpResult>> GetAgent(string agentId, Caller caller, MirixDbContext db, CancellationToken ct)
    {
        var agent = await Owned(db, caller).SingleOrDefaultAsync(a => a.Id == agentId, ct);
        if (agent is null)
        {
            return Problems.NotFound($"Agent {agentId} not found.");
        }
        var children = await Owned(db, caller).Where(a => a.ParentId == agentId).ToListAsync(ct);
        return TypedResults.Ok(AgentState.From(agent, children));
    }

    public static async Task<Results<Ok<AgentState>, ProblemHttpResult>> CreateAgent(
        JsonObject body, Caller caller, AgentEditor editor, LlmOptions llm, EmbeddingOptions embeddings, CancellationToken ct)
    {
        var (request, error) = AgentRequest.Read(body, create: true);
        if (request is null)
        {
            return Problems.Invalid(error!);
        }
        var outcome = await editor.CreateAsync(caller, request, DefaultLlmConfig(llm), DefaultEmbeddingConfig(embeddings), ct);
        return outcome.Value is { } agent ? TypedResults.Ok(AgentState.From(agent, [])) : TypedMemoryEndpoints.ToProblem(outcome.Failure, outcome.Error!);
    }

    public static async Task<Results<Ok<AgentState>, ProblemHttpResult>> UpdateAgent(
        string agentId, JsonObject body, Caller caller, AgentEditor editor, MirixDbContext db, CancellationToken ct)
    {
        var (request, error) = AgentRequest.Read(body, create: false);
        if (request is null)
        {
            return Problems.Invalid(error!);
        }
        var outcome = await editor.UpdateAsync(caller, agentId, request, ct);
        if (outcome.Value is not { } agent)
        {
            return TypedMemoryEndpoints.ToProblem(outcome.Failure, outcome.Error!);
        }
        var children = await Owned(db, caller).Where(a => a.ParentId == agentId).ToListAsync(ct);
        return TypedResults.Ok(AgentState.From(agent, children));
    }

    /// <summary>The operator's default model, as MIRIX's LLMConfig (what agents created without one run on).</summary>
    private static JsonObject DefaultLlmConfig(LlmOptions llm) => new()
    {
        ["model"] = llm.Model ?? LlmOptions.DefaultModelName,
        ["model_endpoint_type"] = llm.Provider,
        ["model_endpoint"] = llm.ResolvedEndpoint.ToString(),
        ["context_window"] = 128000,
    };

    private static JsonObject DefaultEmbeddingConfig(EmbeddingOptions embeddings) => new()
    {
        ["embedding_endpoint_type"] = "openai",
        ["embedding_model"] = embeddings.Model ?? LocalEmbeddingGenerator.DefaultModelId,
        ["embedding_dim"] = embeddings.Dimensions ?? (embeddings.Provider == "local" ? 384 : 1536),
    };

    public static async Task<Results<Ok<StatusMessageResponse>, ProblemHttpResult>> DeleteAgent(
        string agentId, Caller caller, MirixDbContext db, CancellationToken ct)
    {
        var agent = await db.Agents.SingleOrDefaultAsync(a => a.Id == agentId && a.OrganizationId == caller.OrganizationId && a.CreatedById == caller.ClientId, ct);
        if (agent is null)
        {
            return Problems.NotFound($"Agent {agentId} not found.");
        }
        await TenantDeletion.DeleteAgentTreeAsync(db, agentId, ct);
        return TypedResults.Ok(new StatusMessageResponse("success", $"Agent {agentId} deleted."));
    }

    public static async Task<Results<Ok<AgentState>, ProblemHttpResult>> UpdateSystemPrompt(
        string agentId, UpdateSystemPromptRequest request, Caller caller, MirixDbContext db, CancellationToken ct)
    {
        var agent = await db.Agents.SingleOrDefaultAsync(a => a.Id == agentId && a.OrganizationId == caller.OrganizationId && a.CreatedById == caller.ClientId, ct);
        return agent is null ? Problems.NotFound($"Agent {agentId} not found.") : await SetSystemAsync(agent, request, caller, db, ct);
    }

    public static async Task<Results<Ok<AgentState>, ProblemHttpResult>> UpdateSystemPromptByName(
        string agentName, UpdateSystemPromptRequest request, Caller caller, MirixDbContext db, CancellationToken ct)
    {
        var agents = await db.Agents.Where(a => a.OrganizationId == caller.OrganizationId && a.CreatedById == caller.ClientId).ToListAsync(ct);
        var agent = agents.FirstOrDefault(a => a.Name == agentName)
            ?? agents.FirstOrDefault(a => AgentTypes.ShortName(a.AgentType) == agentName || a.AgentType == agentName);
        if (agent is null)
        {
            var available = string.Join(", ", agents.Select(a => a.Name).Order(StringComparer.Ordinal).Take(5));
            return Problems.NotFound($"Agent '{agentName}' not found. Available: {available}.");
        }
        return await SetSystemAsync(agent, request, caller, db, ct);
    }

    private static async Task<Results<Ok<AgentState>, ProblemHttpResult>> SetSystemAsync(
        Agent agent, UpdateSystemPromptRequest request, Caller caller, MirixDbContext db, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(request.SystemPrompt))
        {
            return Problems.Invalid("system_prompt must not be empty.");
        }
        agent.System = request.SystemPrompt;
        agent.LastUpdatedById = caller.ClientId;
        await db.SaveChangesAsync(ct);
        var children = await db.Agents.AsNoTracking().Where(a => a.ParentId == agent.Id).ToListAsync(ct);
        return TypedResults.Ok(AgentState.From(agent, children));
    }

    private static IQueryable<Agent> Owned(MirixDbContext db, Caller caller) =>
        db.Agents.AsNoTracking().Where(a => a.OrganizationId == caller.OrganizationId && a.CreatedById == caller.ClientId);
}
