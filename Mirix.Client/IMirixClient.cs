namespace Mirix.Client;

/// <summary>
/// A Mirix.NET memory server, called as its API key's client. Every call of the MIRIX Python SDK is here, under its
/// .NET name, plus what Mirix.NET adds: operations, raw and typed memories, history and streamed chat. Failures throw
/// <see cref="MirixApiException"/> with the server's reason.
/// </summary>
public interface IMirixClient
{
    // Dashboard accounts: a bearer token from these, given to MirixClientFactory, calls as the account.

    /// <summary>Whether the server still waits for its first account (registration is open only then).</summary>
    Task<CheckSetupResponse> CheckSetupAsync(CancellationToken cancellationToken = default);

    /// <summary>Registers a dashboard account: the first on a new server, or another while signed in as one.</summary>
    Task<TokenResponse> RegisterAsync(RegisterRequest request, CancellationToken cancellationToken = default);

    /// <summary>Signs a dashboard account in; the answer carries its bearer token.</summary>
    Task<TokenResponse> LoginAsync(LoginRequest request, CancellationToken cancellationToken = default);

    /// <summary>The signed-in dashboard account.</summary>
    Task<DashboardClientResponse> GetAccountAsync(CancellationToken cancellationToken = default);

    // Tenancy. Organizations, clients and keys are dashboard calls (an operator's for other organizations).

    /// <summary>The organizations the caller may see: all of them for an operator, else its own.</summary>
    Task<IReadOnlyList<OrganizationResponse>> ListOrganizationsAsync(CancellationToken cancellationToken = default);

    /// <summary>The clients the caller may manage.</summary>
    Task<IReadOnlyList<ClientResponse>> ListClientsAsync(CancellationToken cancellationToken = default);

    /// <summary>The users of the caller's organization, in id order; page with <paramref name="cursor"/> (the last id seen).</summary>
    Task<IReadOnlyList<UserResponse>> ListUsersAsync(string? cursor = null, int? limit = null, CancellationToken cancellationToken = default);

    /// <summary>A client's API keys, without their values.</summary>
    Task<IReadOnlyList<ApiKeyResponse>> ListApiKeysAsync(string clientId, CancellationToken cancellationToken = default);

    /// <summary>Revokes an API key; it stops working within seconds.</summary>
    Task<ApiKeyRevokedResponse> RevokeApiKeyAsync(string clientId, string apiKeyId, CancellationToken cancellationToken = default);

    /// <summary>Creates an organization (operator key).</summary>
    Task<OrganizationResponse> CreateOrganizationAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>Creates a client of an organization with its scopes, or returns the existing one (operator key).</summary>
    Task<ClientResponse> CreateOrGetClientAsync(CreateOrGetClientRequest request, CancellationToken cancellationToken = default);

    /// <summary>Creates an API key for a client; the answer is the only time the key can be read (operator key).</summary>
    Task<ApiKeyCreatedResponse> CreateApiKeyAsync(string clientId, CreateApiKeyRequest request, CancellationToken cancellationToken = default);

    /// <summary>Creates a user of the key's organization, or returns the existing one (MIRIX's <c>create_or_get_user</c>).</summary>
    Task<UserResponse> CreateOrGetUserAsync(string userId, string? name = null, string? timezone = null, CancellationToken cancellationToken = default);

    /// <summary>A user of the key's organization.</summary>
    Task<UserResponse> GetUserAsync(string userId, CancellationToken cancellationToken = default);

    /// <summary>Deletes everything the client remembers about a user, keeping the user.</summary>
    Task<PurgeResponse> DeleteUserMemoriesAsync(string userId, CancellationToken cancellationToken = default);

    // Agents.

    /// <summary>
    /// Creates the client's meta memory agent and its memory agents, or updates them (MIRIX's <c>initialize_meta_agent</c>).
    /// Null for a read-only client, which has none.
    /// </summary>
    Task<AgentState?> InitializeMetaAgentAsync(InitializeMetaAgentRequest request, CancellationToken cancellationToken = default);

    /// <summary>The client's agents: the meta memory agent with its memory agents as children, and chat agents.</summary>
    Task<IReadOnlyList<AgentState>> ListAgentsAsync(CancellationToken cancellationToken = default);

    /// <summary>Creates an agent of the client, such as a chat agent that answers from memory.</summary>
    Task<AgentState> CreateAgentAsync(CreateAgentRequest request, CancellationToken cancellationToken = default);

    /// <summary>Deletes one of the client's agents (a meta agent with its memory agents).</summary>
    Task<StatusMessageResponse> DeleteAgentAsync(string agentId, CancellationToken cancellationToken = default);

    /// <summary>One of the client's agents.</summary>
    Task<AgentState> GetAgentAsync(string agentId, CancellationToken cancellationToken = default);

    /// <summary>Replaces an agent's system prompt.</summary>
    Task<AgentState> UpdateSystemPromptAsync(string agentId, string systemPrompt, CancellationToken cancellationToken = default);

    // Writing memories.

    /// <summary>
    /// Queues a conversation for the memory agents (MIRIX's <c>add</c>). The answer names the operation to follow with
    /// <see cref="GetOperationAsync"/> or <see cref="MirixClientExtensions.WaitForOperationAsync"/>. An idempotency key
    /// is sent (one is made when none is given), so a retried add is filed once.
    /// </summary>
    Task<AddMemoryResponse> AddAsync(AddMemoryRequest request, string? idempotencyKey = null, CancellationToken cancellationToken = default);

    /// <summary>Files a conversation and answers when it is done, or queued for retries if it failed (MIRIX's <c>add(async_add=False)</c>).</summary>
    Task<AddMemoryResponse> AddSyncAsync(AddMemoryRequest request, string? idempotencyKey = null, CancellationToken cancellationToken = default);

    /// <summary>An ingestion operation: its status, attempts, error and, once done, what it filed.</summary>
    Task<OperationView> GetOperationAsync(string operationId, CancellationToken cancellationToken = default);

    /// <summary>The client's operations, newest first, by status and user; page with the returned cursor.</summary>
    Task<OperationListResponse> ListOperationsAsync(string? status = null, string? userId = null, string? cursor = null, int? limit = null, CancellationToken cancellationToken = default);

    /// <summary>Runs a failed or dead-lettered operation again.</summary>
    Task<OperationView> ReplayOperationAsync(string operationId, CancellationToken cancellationToken = default);

    /// <summary>Writes typed memories directly, without the agents; exact and near duplicates are skipped.</summary>
    Task<InsertMemoriesResponse<TView>> InsertMemoriesAsync<TView>(MemoryType<TView> type, InsertMemoriesRequest request, CancellationToken cancellationToken = default);

    /// <summary>Edits a memory: the old version is kept in its history.</summary>
    Task<UpdateMemoryResponse<TView>> UpdateMemoryAsync<TView>(MemoryType<TView> type, string memoryId, JsonObject changes, CancellationToken cancellationToken = default);

    /// <summary>Deletes a memory in the client's write scope.</summary>
    Task<SuccessResponse> DeleteMemoryAsync<TView>(MemoryType<TView> type, string memoryId, CancellationToken cancellationToken = default);

    /// <summary>A memory's versions, oldest first; the last one is current.</summary>
    Task<MemoryHistoryResponse<TView>> GetMemoryHistoryAsync<TView>(MemoryType<TView> type, string memoryId, CancellationToken cancellationToken = default);

    /// <summary>Stores text as a raw memory of a user, as an add without an LLM does.</summary>
    Task<RawMemoryResponse> CreateRawMemoryAsync(string userId, CreateRawMemoryRequest request, CancellationToken cancellationToken = default);

    /// <summary>A user's raw memory.</summary>
    Task<RawMemoryResponse> GetRawMemoryAsync(string memoryId, string userId, CancellationToken cancellationToken = default);

    /// <summary>Appends to or replaces a raw memory's text, and merges or replaces its tags.</summary>
    Task<RawMemoryResponse> UpdateRawMemoryAsync(string memoryId, UpdateRawMemoryRequest request, CancellationToken cancellationToken = default);

    /// <summary>Deletes a raw memory.</summary>
    Task<SuccessResponse> DeleteRawMemoryAsync(string memoryId, CancellationToken cancellationToken = default);

    /// <summary>Lists a user's raw memories by tags and time, or with a query ranks them by relevance.</summary>
    Task<SearchRawResponse> SearchRawAsync(string userId, SearchRawRequest request, CancellationToken cancellationToken = default);

    // Core memory blocks.

    /// <summary>A user's core memory blocks in the client's read scopes (the key's or admin user when null).</summary>
    Task<IReadOnlyList<BlockResponse>> ListBlocksAsync(string? userId = null, string? label = null, CancellationToken cancellationToken = default);

    /// <summary>One core memory block.</summary>
    Task<BlockResponse> GetBlockAsync(string blockId, CancellationToken cancellationToken = default);

    /// <summary>Creates a block, or with an id, updates it.</summary>
    Task<BlockResponse> UpsertBlockAsync(UpsertBlockRequest request, CancellationToken cancellationToken = default);

    /// <summary>Deletes a core memory block.</summary>
    Task<StatusMessageResponse> DeleteBlockAsync(string blockId, CancellationToken cancellationToken = default);

    // Reading memories.

    /// <summary>Searches one user's memories (MIRIX's <c>search</c>).</summary>
    Task<SearchResponse> SearchAsync(MemorySearchQuery query, CancellationToken cancellationToken = default);

    /// <summary>Searches every user's memories that the client may read (MIRIX's <c>search_all_users</c>).</summary>
    Task<SearchAllUsersResponse> SearchAllUsersAsync(AllUsersSearchQuery query, CancellationToken cancellationToken = default);

    /// <summary>
    /// What an agent should know for a conversation: the model extracts its topics and any time it mentions, and the
    /// memories relevant to them come back by type (MIRIX's <c>retrieve_with_conversation</c>).
    /// </summary>
    Task<RetrieveConversationResponse> RetrieveWithConversationAsync(RetrieveConversationRequest request, CancellationToken cancellationToken = default);

    /// <summary>The memories relevant to a topic (<c>;</c>-separated keywords), by type (MIRIX's <c>retrieve_with_topic</c>).</summary>
    Task<RetrieveResponse> RetrieveWithTopicAsync(string userId, string topic, int? limit = null, JsonObject? filterTags = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// A user's most recent memories of one type or all (MIRIX's <c>list_memory_components</c>); with
    /// <paramref name="filterTags"/>, only those whose tags match.
    /// </summary>
    Task<ComponentsResponse> ListMemoryComponentsAsync(string userId, string memoryType = "all", int? limit = null, JsonObject? filterTags = null, CancellationToken cancellationToken = default);

    // Consolidation and chat.

    /// <summary>Consolidates a user's memories of a period: merges duplicates, resolves contradictions (MIRIX's <c>auto_dream</c>).</summary>
    Task<AutoDreamResponse> AutoDreamAsync(string userId, AutoDreamRequest request, CancellationToken cancellationToken = default);

    /// <summary>
    /// Sends a message to an agent (MIRIX's <c>send_message</c>): a chat agent answers it whole; a memory agent queues it.
    /// </summary>
    Task<MirixResponse> SendMessageAsync(string agentId, SendMessageRequest request, CancellationToken cancellationToken = default);

    /// <summary>
    /// Talks to a chat agent and streams its turn as it happens: memory searches, answer tokens, then the answer
    /// (or an error). Stopping the enumeration cancels the turn on the server.
    /// </summary>
    IAsyncEnumerable<ChatStreamEvent> StreamMessageAsync(string agentId, SendMessageRequest request, CancellationToken cancellationToken = default);

    // The server.

    /// <summary>The server's health and each of its checks; an unhealthy server's report is returned, not thrown.</summary>
    Task<HealthReport> GetHealthAsync(CancellationToken cancellationToken = default);

    /// <summary>The server's chat models; a meta agent's <c>llm_config.model</c> may name one by handle.</summary>
    Task<IReadOnlyList<LlmConfigView>> ListLlmConfigsAsync(CancellationToken cancellationToken = default);

    /// <summary>The server's embedding model.</summary>
    Task<IReadOnlyList<EmbeddingConfigView>> ListEmbeddingConfigsAsync(CancellationToken cancellationToken = default);

    /// <summary>The tools the memory agents use.</summary>
    Task<IReadOnlyList<ToolView>> ListToolsAsync(CancellationToken cancellationToken = default);
}
