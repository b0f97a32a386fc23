using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;

namespace Mirix.Client;

/// <summary>
/// <see cref="IMirixClient"/> over an <see cref="HttpClient"/> whose base address is the server and whose default
/// headers carry the API key; <see cref="MirixClientServiceCollectionExtensions.AddMirixClient"/> makes one.
/// </summary>
public sealed class MirixClient(HttpClient http) : IMirixClient
{
    /// <summary>The header that makes a retried write safe: the server files the same key once.</summary>
    public const string IdempotencyKeyHeader = "Idempotency-Key";

    private static readonly JsonSerializerOptions Json = MirixJson.Options;

    /// <inheritdoc/>
    public Task<CheckSetupResponse> CheckSetupAsync(CancellationToken cancellationToken = default) =>
        SendAsync<CheckSetupResponse>(HttpMethod.Get, "/admin/auth/check-setup", null, cancellationToken);

    /// <inheritdoc/>
    public Task<TokenResponse> RegisterAsync(RegisterRequest request, CancellationToken cancellationToken = default) =>
        SendAsync<TokenResponse>(HttpMethod.Post, "/admin/auth/register", request, cancellationToken);

    /// <inheritdoc/>
    public Task<TokenResponse> LoginAsync(LoginRequest request, CancellationToken cancellationToken = default) =>
        SendAsync<TokenResponse>(HttpMethod.Post, "/admin/auth/login", request, cancellationToken);

    /// <inheritdoc/>
    public Task<DashboardClientResponse> GetAccountAsync(CancellationToken cancellationToken = default) =>
        SendAsync<DashboardClientResponse>(HttpMethod.Get, "/admin/auth/me", null, cancellationToken);

    /// <inheritdoc/>
    public Task<IReadOnlyList<OrganizationResponse>> ListOrganizationsAsync(CancellationToken cancellationToken = default) =>
        SendAsync<IReadOnlyList<OrganizationResponse>>(HttpMethod.Get, "/organizations?limit=1000", null, cancellationToken);

    /// <inheritdoc/>
    public Task<IReadOnlyList<ClientResponse>> ListClientsAsync(CancellationToken cancellationToken = default) =>
        SendAsync<IReadOnlyList<ClientResponse>>(HttpMethod.Get, "/clients?limit=1000", null, cancellationToken);

    /// <inheritdoc/>
    public Task<IReadOnlyList<UserResponse>> ListUsersAsync(string? cursor = null, int? limit = null, CancellationToken cancellationToken = default) =>
        SendAsync<IReadOnlyList<UserResponse>>(HttpMethod.Get, QueryString.Build("/users", ("cursor", cursor), ("limit", QueryString.Of(limit))), null, cancellationToken);

    /// <inheritdoc/>
    public Task<IReadOnlyList<ApiKeyResponse>> ListApiKeysAsync(string clientId, CancellationToken cancellationToken = default) =>
        SendAsync<IReadOnlyList<ApiKeyResponse>>(HttpMethod.Get, $"/clients/{Segment(clientId)}/api-keys?limit=1000", null, cancellationToken);

    /// <inheritdoc/>
    public Task<ApiKeyRevokedResponse> RevokeApiKeyAsync(string clientId, string apiKeyId, CancellationToken cancellationToken = default) =>
        SendAsync<ApiKeyRevokedResponse>(HttpMethod.Delete, $"/clients/{Segment(clientId)}/api-keys/{Segment(apiKeyId)}", null, cancellationToken);

    /// <inheritdoc/>
    public Task<OrganizationResponse> CreateOrganizationAsync(string name, CancellationToken cancellationToken = default) =>
        SendAsync<OrganizationResponse>(HttpMethod.Post, "/organizations", new CreateOrganizationRequest(name), cancellationToken);

    /// <inheritdoc/>
    public Task<ClientResponse> CreateOrGetClientAsync(CreateOrGetClientRequest request, CancellationToken cancellationToken = default) =>
        SendAsync<ClientResponse>(HttpMethod.Post, "/clients/create_or_get", request, cancellationToken);

    /// <inheritdoc/>
    public Task<ApiKeyCreatedResponse> CreateApiKeyAsync(string clientId, CreateApiKeyRequest request, CancellationToken cancellationToken = default) =>
        SendAsync<ApiKeyCreatedResponse>(HttpMethod.Post, $"/clients/{Segment(clientId)}/api-keys", request, cancellationToken);

    /// <inheritdoc/>
    public Task<UserResponse> CreateOrGetUserAsync(string userId, string? name = null, string? timezone = null, CancellationToken cancellationToken = default) =>
        SendAsync<UserResponse>(HttpMethod.Post, "/users/create_or_get", new CreateOrGetUserRequest(userId, name ?? userId, null, timezone), cancellationToken);

    /// <inheritdoc/>
    public Task<UserResponse> GetUserAsync(string userId, CancellationToken cancellationToken = default) =>
        SendAsync<UserResponse>(HttpMethod.Get, $"/users/{Segment(userId)}", null, cancellationToken);

    /// <inheritdoc/>
    public Task<PurgeResponse> DeleteUserMemoriesAsync(string userId, CancellationToken cancellationToken = default) =>
        SendAsync<PurgeResponse>(HttpMethod.Delete, $"/users/{Segment(userId)}/memories", null, cancellationToken);

    /// <inheritdoc/>
    public async Task<AgentState?> InitializeMetaAgentAsync(InitializeMetaAgentRequest request, CancellationToken cancellationToken = default)
    {
        using var response = await SendRawAsync(HttpMethod.Post, "/agents/meta/initialize", request, cancellationToken).ConfigureAwait(false);
        return await response.Content.ReadFromJsonAsync<AgentState?>(Json, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<AgentState>> ListAgentsAsync(CancellationToken cancellationToken = default) =>
        SendAsync<IReadOnlyList<AgentState>>(HttpMethod.Get, "/agents", null, cancellationToken);

    /// <inheritdoc/>
    public Task<AgentState> CreateAgentAsync(CreateAgentRequest request, CancellationToken cancellationToken = default) =>
        SendAsync<AgentState>(HttpMethod.Post, "/agents", request, cancellationToken);

    /// <inheritdoc/>
    public Task<StatusMessageResponse> DeleteAgentAsync(string agentId, CancellationToken cancellationToken = default) =>
        SendAsync<StatusMessageResponse>(HttpMethod.Delete, $"/agents/{Segment(agentId)}", null, cancellationToken);

    /// <inheritdoc/>
    public Task<AgentState> GetAgentAsync(string agentId, CancellationToken cancellationToken = default) =>
        SendAsync<AgentState>(HttpMethod.Get, $"/agents/{Segment(agentId)}", null, cancellationToken);

    /// <inheritdoc/>
    public Task<AgentState> UpdateSystemPromptAsync(string agentId, string systemPrompt, CancellationToken cancellationToken = default) =>
        SendAsync<AgentState>(HttpMethod.Patch, $"/agents/{Segment(agentId)}/system", new UpdateSystemPromptRequest(systemPrompt), cancellationToken);

    /// <inheritdoc/>
    public Task<AddMemoryResponse> AddAsync(AddMemoryRequest request, string? idempotencyKey = null, CancellationToken cancellationToken = default) =>
        SendAsync<AddMemoryResponse>(HttpMethod.Post, "/memory/add", request, cancellationToken, idempotencyKey ?? Guid.NewGuid().ToString("N"));

    /// <inheritdoc/>
    public Task<AddMemoryResponse> AddSyncAsync(AddMemoryRequest request, string? idempotencyKey = null, CancellationToken cancellationToken = default) =>
        SendAsync<AddMemoryResponse>(HttpMethod.Post, "/memory/add_sync", request, cancellationToken, idempotencyKey ?? Guid.NewGuid().ToString("N"));

    /// <inheritdoc/>
    public Task<OperationView> GetOperationAsync(string operationId, CancellationToken cancellationToken = default) =>
        SendAsync<OperationView>(HttpMethod.Get, $"/memory/operations/{Segment(operationId)}", null, cancellationToken);

    /// <inheritdoc/>
    public Task<OperationListResponse> ListOperationsAsync(string? status = null, string? userId = null, string? cursor = null, int? limit = null, CancellationToken cancellationToken = default) =>
        SendAsync<OperationListResponse>(HttpMethod.Get, QueryString.Build("/memory/operations", ("status", status), ("user_id", userId), ("cursor", cursor), ("limit", QueryString.Of(limit))), null, cancellationToken);

    /// <inheritdoc/>
    public Task<OperationView> ReplayOperationAsync(string operationId, CancellationToken cancellationToken = default) =>
        SendAsync<OperationView>(HttpMethod.Post, $"/memory/operations/{Segment(operationId)}/replay", null, cancellationToken);

    /// <inheritdoc/>
    public Task<InsertMemoriesResponse<TView>> InsertMemoriesAsync<TView>(MemoryType<TView> type, InsertMemoriesRequest request, CancellationToken cancellationToken = default) =>
        SendAsync<InsertMemoriesResponse<TView>>(HttpMethod.Post, $"/memory/{Name(type)}", request, cancellationToken);

    /// <inheritdoc/>
    public Task<UpdateMemoryResponse<TView>> UpdateMemoryAsync<TView>(MemoryType<TView> type, string memoryId, JsonObject changes, CancellationToken cancellationToken = default) =>
        SendAsync<UpdateMemoryResponse<TView>>(HttpMethod.Patch, $"/memory/{Name(type)}/{Segment(memoryId)}", changes, cancellationToken);

    /// <inheritdoc/>
    public Task<SuccessResponse> DeleteMemoryAsync<TView>(MemoryType<TView> type, string memoryId, CancellationToken cancellationToken = default) =>
        SendAsync<SuccessResponse>(HttpMethod.Delete, $"/memory/{Name(type)}/{Segment(memoryId)}", null, cancellationToken);

    /// <inheritdoc/>
    public Task<MemoryHistoryResponse<TView>> GetMemoryHistoryAsync<TView>(MemoryType<TView> type, string memoryId, CancellationToken cancellationToken = default) =>
        SendAsync<MemoryHistoryResponse<TView>>(HttpMethod.Get, $"/memory/{Name(type)}/{Segment(memoryId)}/history", null, cancellationToken);

    /// <inheritdoc/>
    public Task<RawMemoryResponse> CreateRawMemoryAsync(string userId, CreateRawMemoryRequest request, CancellationToken cancellationToken = default) =>
        SendAsync<RawMemoryResponse>(HttpMethod.Post, QueryString.Build("/memory/raw", ("user_id", userId)), request, cancellationToken);

    /// <inheritdoc/>
    public Task<RawMemoryResponse> GetRawMemoryAsync(string memoryId, string userId, CancellationToken cancellationToken = default) =>
        SendAsync<RawMemoryResponse>(HttpMethod.Get, QueryString.Build($"/memory/raw/{Segment(memoryId)}", ("user_id", userId)), null, cancellationToken);

    /// <inheritdoc/>
    public Task<RawMemoryResponse> UpdateRawMemoryAsync(string memoryId, UpdateRawMemoryRequest request, CancellationToken cancellationToken = default) =>
        SendAsync<RawMemoryResponse>(HttpMethod.Patch, $"/memory/raw/{Segment(memoryId)}", request, cancellationToken);

    /// <inheritdoc/>
    public Task<SuccessResponse> DeleteRawMemoryAsync(string memoryId, CancellationToken cancellationToken = default) =>
        SendAsync<SuccessResponse>(HttpMethod.Delete, $"/memory/raw/{Segment(memoryId)}", null, cancellationToken);

    /// <inheritdoc/>
    public Task<SearchRawResponse> SearchRawAsync(string userId, SearchRawRequest request, CancellationToken cancellationToken = default) =>
        SendAsync<SearchRawResponse>(HttpMethod.Post, QueryString.Build("/memory/search_raw", ("user_id", userId)), request, cancellationToken);

    /// <inheritdoc/>
    public Task<IReadOnlyList<BlockResponse>> ListBlocksAsync(string? userId = null, string? label = null, CancellationToken cancellationToken = default) =>
        SendAsync<IReadOnlyList<BlockResponse>>(HttpMethod.Get, QueryString.Build("/blocks", ("user_id", userId), ("label", label)), null, cancellationToken);

    /// <inheritdoc/>
    public Task<BlockResponse> GetBlockAsync(string blockId, CancellationToken cancellationToken = default) =>
        SendAsync<BlockResponse>(HttpMethod.Get, $"/blocks/{Segment(blockId)}", null, cancellationToken);

    /// <inheritdoc/>
    public Task<BlockResponse> UpsertBlockAsync(UpsertBlockRequest request, CancellationToken cancellationToken = default) =>
        SendAsync<BlockResponse>(HttpMethod.Post, "/blocks", request, cancellationToken);

    /// <inheritdoc/>
    public Task<StatusMessageResponse> DeleteBlockAsync(string blockId, CancellationToken cancellationToken = default) =>
        SendAsync<StatusMessageResponse>(HttpMethod.Delete, $"/blocks/{Segment(blockId)}", null, cancellationToken);

    /// <inheritdoc/>
    public Task<SearchResponse> SearchAsync(MemorySearchQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var path = QueryString.Build("/memory/search",
            ("user_id", query.UserId), ("query", query.Query), ("memory_type", query.MemoryType), ("search_field", query.SearchField),
            ("search_method", query.SearchMethod), ("limit", QueryString.Of(query.Limit)), ("filter_tags", query.FilterTags?.ToJsonString()),
            ("similarity_threshold", QueryString.Of(query.SimilarityThreshold)), ("start_date", QueryString.Of(query.StartDate)),
            ("end_date", QueryString.Of(query.EndDate)), ("include_core_memory", QueryString.Of(query.IncludeCoreMemory)),
            ("explain", QueryString.Of(query.Explain)), ("include_superseded", QueryString.Of(query.IncludeSuperseded)));
        return SendAsync<SearchResponse>(HttpMethod.Get, path, null, cancellationToken);
    }

    /// <inheritdoc/>
    public Task<SearchAllUsersResponse> SearchAllUsersAsync(AllUsersSearchQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var path = QueryString.Build("/memory/search_all_users",
            ("query", query.Query), ("memory_type", query.MemoryType), ("search_field", query.SearchField), ("search_method", query.SearchMethod),
            ("limit", QueryString.Of(query.Limit)), ("client_id", query.ClientId), ("filter_tags", query.FilterTags?.ToJsonString()),
            ("include_core_memory", QueryString.Of(query.IncludeCoreMemory)), ("block_filter_tags", query.BlockFilterTags?.ToJsonString()),
            ("similarity_threshold", QueryString.Of(query.SimilarityThreshold)), ("start_date", QueryString.Of(query.StartDate)),
            ("end_date", QueryString.Of(query.EndDate)), ("explain", QueryString.Of(query.Explain)));
        return SendAsync<SearchAllUsersResponse>(HttpMethod.Get, path, null, cancellationToken);
    }

    /// <inheritdoc/>
    public Task<RetrieveConversationResponse> RetrieveWithConversationAsync(RetrieveConversationRequest request, CancellationToken cancellationToken = default) =>
        SendAsync<RetrieveConversationResponse>(HttpMethod.Post, "/memory/retrieve/conversation", request, cancellationToken);

    /// <inheritdoc/>
    public Task<RetrieveResponse> RetrieveWithTopicAsync(string userId, string topic, int? limit = null, JsonObject? filterTags = null, CancellationToken cancellationToken = default) =>
        SendAsync<RetrieveResponse>(HttpMethod.Get, QueryString.Build("/memory/retrieve/topic",
            ("user_id", userId), ("topic", topic), ("limit", QueryString.Of(limit)), ("filter_tags", filterTags?.ToJsonString())), null, cancellationToken);

    /// <inheritdoc/>
    public Task<ComponentsResponse> ListMemoryComponentsAsync(string userId, string memoryType = "all", int? limit = null, JsonObject? filterTags = null, CancellationToken cancellationToken = default) =>
        SendAsync<ComponentsResponse>(HttpMethod.Get, QueryString.Build("/memory/components",
            ("user_id", userId), ("memory_type", memoryType), ("limit", QueryString.Of(limit)), ("filter_tags", filterTags?.ToJsonString())), null, cancellationToken);

    /// <inheritdoc/>
    public Task<AutoDreamResponse> AutoDreamAsync(string userId, AutoDreamRequest request, CancellationToken cancellationToken = default) =>
        SendAsync<AutoDreamResponse>(HttpMethod.Post, QueryString.Build("/memory/auto_dream", ("user_id", userId)), request, cancellationToken);

    /// <inheritdoc/>
    public Task<MirixResponse> SendMessageAsync(string agentId, SendMessageRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return SendAsync<MirixResponse>(HttpMethod.Post, $"/agents/{Segment(agentId)}/messages", request with { StreamTokens = false, StreamSteps = false }, cancellationToken);
    }

    /// <inheritdoc/>
    public async IAsyncEnumerable<ChatStreamEvent> StreamMessageAsync(string agentId, SendMessageRequest request, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var message = Request(HttpMethod.Post, $"/agents/{Segment(agentId)}/messages", request with { StreamTokens = true }, idempotencyKey: null);
        message.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        using var response = await http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        await EnsureSuccessAsync(response, cancellationToken).ConfigureAwait(false);
        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            var parser = SseParser.Create(stream, (_, data) => JsonSerializer.Deserialize<ChatStreamEvent>(data, Json)
                ?? throw new MirixApiException("The server sent an empty chat event."));
            await foreach (var item in parser.EnumerateAsync(cancellationToken).ConfigureAwait(false))
            {
                yield return item.Data;
            }
        }
    }

    /// <inheritdoc/>
    public async Task<HealthReport> GetHealthAsync(CancellationToken cancellationToken = default)
    {
        using var response = await http.GetAsync(new Uri("/health", UriKind.Relative), cancellationToken).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.ServiceUnavailable)
        {
            await EnsureSuccessAsync(response, cancellationToken).ConfigureAwait(false);
        }
        return await response.Content.ReadFromJsonAsync<HealthReport>(Json, cancellationToken).ConfigureAwait(false)
            ?? throw new MirixApiException("/health answered without a body.");
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<LlmConfigView>> ListLlmConfigsAsync(CancellationToken cancellationToken = default) =>
        SendAsync<IReadOnlyList<LlmConfigView>>(HttpMethod.Get, "/config/llm", null, cancellationToken);

    /// <inheritdoc/>
    public Task<IReadOnlyList<EmbeddingConfigView>> ListEmbeddingConfigsAsync(CancellationToken cancellationToken = default) =>
        SendAsync<IReadOnlyList<EmbeddingConfigView>>(HttpMethod.Get, "/config/embedding", null, cancellationToken);

    /// <inheritdoc/>
    public Task<IReadOnlyList<ToolView>> ListToolsAsync(CancellationToken cancellationToken = default) =>
        SendAsync<IReadOnlyList<ToolView>>(HttpMethod.Get, "/tools", null, cancellationToken);

    private async Task<T> SendAsync<T>(HttpMethod method, string path, object? body, CancellationToken cancellationToken, string? idempotencyKey = null)
    {
        using var response = await SendRawAsync(method, path, body, cancellationToken, idempotencyKey).ConfigureAwait(false);
        return await response.Content.ReadFromJsonAsync<T>(Json, cancellationToken).ConfigureAwait(false)
            ?? throw new MirixApiException($"{method} {path} answered without a body.");
    }

    private async Task<HttpResponseMessage> SendRawAsync(HttpMethod method, string path, object? body, CancellationToken cancellationToken, string? idempotencyKey = null)
    {
        using var request = Request(method, path, body, idempotencyKey);
        var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        try
        {
            await EnsureSuccessAsync(response, cancellationToken).ConfigureAwait(false);
            return response;
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }

    private static HttpRequestMessage Request(HttpMethod method, string path, object? body, string? idempotencyKey)
    {
        var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        if (body is not null)
        {
            request.Content = JsonContent.Create(body, body.GetType(), options: Json);
        }
        if (idempotencyKey is not null)
        {
            request.Headers.Add(IdempotencyKeyHeader, idempotencyKey);
        }
        return request;
    }

    private static async Task EnsureSuccessAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        string? detail = null, traceId = null;
        try
        {
            var problem = JsonNode.Parse(text) as JsonObject;
            detail = problem?["detail"]?.GetValue<string>() ?? problem?["title"]?.GetValue<string>();
            traceId = problem?["trace_id"]?.GetValue<string>();
        }
        catch (JsonException)
        {
            // Not ProblemDetails (a proxy's page, say): the text itself is the best reason there is.
        }
        catch (InvalidOperationException)
        {
            // detail was not a string.
        }
        var retryAfter = response.Headers.RetryAfter switch
        {
            { Delta: { } delta } => delta,
            { Date: { } date } => date - DateTimeOffset.UtcNow,
            _ => (TimeSpan?)null,
        };
        throw new MirixApiException(response.StatusCode, detail ?? (text.Length > 500 ? text[..500] : text), traceId, retryAfter);
    }

    private static string Segment(string value)
    {
        ArgumentException.ThrowIfNullOrEmpty(value);
        return Uri.EscapeDataString(value);
    }

    private static string Name<TView>(MemoryType<TView> type)
    {
        ArgumentNullException.ThrowIfNull(type);
        return type.Name;
    }
}
