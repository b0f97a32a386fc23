using Mirix.Client;
using Mirix.Contracts;

namespace Mirix.Web.Services;

/// <summary>A memory's versions as the browser lists them: the gist of each, when it was written and what replaced it.</summary>
public sealed record MemoryHistory(string Id, IReadOnlyList<MemoryHistory.Version> Versions)
{
    public sealed record Version(string Text, DateTime CreatedAt, string Operation, DateTime? SupersededAt);

    public static async Task<MemoryHistory> LoadAsync(IMirixClient client, string type, string id)
    {
        ArgumentNullException.ThrowIfNull(client);
        return type switch
        {
            "episodic" => From(id, await client.GetMemoryHistoryAsync(MemoryTypes.Episodic, id), e => e.Summary),
            "semantic" => From(id, await client.GetMemoryHistoryAsync(MemoryTypes.Semantic, id), s => $"{s.Name}: {s.Summary}"),
            "procedural" => From(id, await client.GetMemoryHistoryAsync(MemoryTypes.Procedural, id), p => p.Summary),
            "resource" => From(id, await client.GetMemoryHistoryAsync(MemoryTypes.Resource, id), r => $"{r.Title}: {r.Summary}"),
            "knowledge_vault" => From(id, await client.GetMemoryHistoryAsync(MemoryTypes.KnowledgeVault, id), k => k.Caption),
            _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Only typed memories keep a history."),
        };
    }

    private static MemoryHistory From<T>(string id, MemoryHistoryResponse<T> history, Func<T, string> text) =>
        new(id, [.. history.History.Select(v => new Version(text(v.Memory), v.CreatedAt, v.LastModifyOperation, v.SupersededAt))]);
}
